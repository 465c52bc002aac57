"""Kod kutusuna sığan kod: sayfada görünen hiçbir kod satırı 88 karakteri geçmez.

Kitabın sayfasındaki kod kutusu 88 karakterden uzun satırları keser (okur yatay kaydırmak
zorunda kalır). Denetlenen satırlar:

* ``book/*.ipynb`` defterlerinin kod hücreleri. ``remove-cell`` ve ``remove-input`` etiketli
  hücrelerin kodu sayfada hiç görünmez, denetlenmez. ``hide-cell`` ve ``hide-input`` etiketli
  hücreler (ör. alıştırma çözümleri) denetlenir: "Çözümü göster" düğmesine basınca aynı kod kutusunda
  açılırlar ve aynı biçimde kesilirler.
* Bölüm kaynaklarının düzyazısındaki çitli kod blokları (```` ```python ```` ...): onlar da aynı
  kod kutusunda gösterilir.

Hata iletisi her uzun satırı kaynağın (``notebooks_src/<ad>.md``) satır numarasıyla verir; defter
ile kaynak ``test_pairing.py`` sayesinde içerikçe aynıdır.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import List

import pytest

from booktext import code_cells, fenced_blocks

ROOT = Path(__file__).resolve().parents[2]
MAX_COLUMNS = 88
#: Kodu sayfada hiç görünmeyen hücrelerin etiketleri.
INVISIBLE_TAGS = {"remove-cell", "remove-input"}
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))


def long_lines(nb: dict, md: str, where: str) -> List[str]:
    """Defterin görünen kod hücrelerindeki ve kaynağın çitli kod bloklarındaki uzun satırlar.

    ``nb`` defterin JSON'u, ``md`` eşi olan kaynak; satır numaraları kaynağınkidir."""
    problems = []
    src_cells = code_cells(md)
    nb_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for i, cell in enumerate(nb_cells):
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & INVISIBLE_TAGS:
            continue
        first = src_cells[i].line if i < len(src_cells) else None
        for k, line in enumerate("".join(cell["source"]).splitlines()):
            if len(line) > MAX_COLUMNS:
                at = f"{where}:{first + k}" if first else f"{where} ({i + 1}. kod hücresi)"
                problems.append(f"{at}: {len(line)} karakter: {line.strip()[:70]}…")
    for first, lang, lines in fenced_blocks(md):
        for k, line in enumerate(lines):
            if len(line) > MAX_COLUMNS:
                problems.append(f"{where}:{first + k}: {len(line)} karakter (```{lang} bloğu): "
                                f"{line.strip()[:70]}…")
    return problems


def _message(problems: List[str]) -> str:
    return (f"{len(problems)} kod satırı {MAX_COLUMNS} karakteri geçiyor (sayfadaki kod kutusu "
            "keser). Satırı bölün ya da kısaltın:\n" + "\n".join(problems))


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_visible_code_fits_the_box(nb_path):
    md_path = ROOT / "notebooks_src" / f"{nb_path.stem}.md"
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    problems = long_lines(nb, md_path.read_text(encoding="utf-8"), f"notebooks_src/{md_path.name}")
    if problems:
        pytest.fail(_message(problems), pytrace=False)


# --------------------------------------------------------------------------- denetimin kendisi

def _fixture(tmp_path: Path, tag: str, line: str, prose_block: str = ""):
    md = ("---\njupytext: {}\n---\n\n# Deneme\n\n" + prose_block
          + "```{code-cell} ipython3\n" + (f":tags: [{tag}]\n\n" if tag else "") + "x = 1\n"
          + line + "\n```\n")
    nb = {"cells": [{"cell_type": "markdown", "source": "# Deneme", "metadata": {}},
                    {"cell_type": "code", "source": "x = 1\n" + line,
                     "metadata": {"tags": [tag]} if tag else {}}]}
    (tmp_path / "d.md").write_text(md, encoding="utf-8")
    (tmp_path / "d.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    return nb, md


LONG = "y = " + " + ".join(["değişken"] * 10)  # 4 + 10·8 + 9·3 = 111 karakter
EXACT = "z = " + "a" * (MAX_COLUMNS - 4)


@pytest.mark.parametrize("tag, flagged", [("", True), ("hide-cell", True), ("hide-input", True),
                                          ("remove-cell", False), ("remove-input", False)])
def test_detector_by_tag(tmp_path, tag, flagged):
    nb, md = _fixture(tmp_path, tag, LONG)
    problems = long_lines(nb, md, "d.md")
    assert bool(problems) == flagged, problems
    if flagged:
        # satır numarası kaynağınkidir: uzun satır, kaynağın son kod satırı
        line_no = md.split("\n").index(LONG) + 1
        assert problems == [f"d.md:{line_no}: 111 karakter: {LONG[:70]}…"]


def test_detector_limit_is_inclusive(tmp_path):
    nb, md = _fixture(tmp_path, "", EXACT)
    assert long_lines(nb, md, "d.md") == []
    nb, md = _fixture(tmp_path, "", EXACT + "b")
    assert len(long_lines(nb, md, "d.md")) == 1


def test_detector_sees_fenced_blocks_in_prose(tmp_path):
    nb, md = _fixture(tmp_path, "", "x = 2", prose_block=f"```python\n{LONG}\n```\n\n")
    problems = long_lines(nb, md, "d.md")
    assert len(problems) == 1 and "```python bloğu" in problems[0], problems
