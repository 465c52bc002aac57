"""Şemalar güncel mi: ``book/figures/*.svg`` dosyaları, yanlarındaki betiklerin bugün çizdiğiyle aynı.

Her betik (``book/figures/*.py``, alt çizgiyle başlamayanlar) bir ``FIGURES`` sözlüğü tanımlar
(``{"ad": çizim_fonksiyonu}``); ``_cizim.render`` onları SVG metnine çevirir. Bir betik ya da
paketteki bir sayı (ör. softmaks ağırlıkları) değişip SVG yeniden üretilmediyse bu test başarısız
olur; düzeltmek için ``make figures`` çalıştırıp SVG'leri işleyin. Kitabın başvurmadığı bir SVG ya da
betiği olmayan bir SVG de hatadır.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIG_DIR = ROOT / "book" / "figures"
SCRIPTS = sorted(p for p in FIG_DIR.glob("*.py") if not p.name.startswith("_"))


def _load(path: Path):
    sys.path.insert(0, str(FIG_DIR))
    spec = importlib.util.spec_from_file_location(f"dk_fig_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_committed_svgs_match_their_script(script):
    module = _load(script)
    from _cizim import render

    assert getattr(module, "FIGURES", None), f"{script.name}: FIGURES sözlüğü yok ya da boş"
    stale, missing = [], []
    for name, text in render(module.FIGURES).items():
        path = FIG_DIR / name
        if not path.exists():
            missing.append(name)
        elif path.read_text(encoding="utf-8") != text:
            stale.append(name)
    assert not missing and not stale, (
        f"{script.name}: eksik SVG {missing}, eskimiş SVG {stale}; `make figures` çalıştırıp "
        "book/figures/*.svg dosyalarını işleyin")


def test_every_svg_has_a_script_and_a_page():
    drawn = set()
    for script in SCRIPTS:
        drawn |= {f"{name}.svg" for name in _load(script).FIGURES}
    svgs = {p.name for p in FIG_DIR.glob("*.svg")}
    assert svgs <= drawn, f"betiği olmayan SVG'ler: {sorted(svgs - drawn)}"
    pages = [*ROOT.glob("notebooks_src/*.md"), *ROOT.glob("book/*.md")]
    text = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    used = set(re.findall(r"figures/([\w-]+\.svg)", text))
    assert not (drawn - used), f"hiçbir sayfanın göstermediği şemalar: {sorted(drawn - used)}"


def test_figure_directives_have_name_alt_caption_and_a_reference():
    """Şema yönergeleri: :name:, anlamlı :alt:, başlık yazısı ve metinde {numref} ile anılma."""
    problems = []
    names_seen = {}
    pages = [*ROOT.glob("notebooks_src/*.md"), *ROOT.glob("book/*.md")]
    # hücrelerin ürettiği şekillerin adları (mystnb metadata'sı): {numref} hedefleri kitap boyunca
    # tek olmalı
    cell_names = {}
    for page in sorted(pages):
        for name in re.findall(r"^\s+name:\s*(\S+)\s*$", page.read_text(encoding="utf-8"), re.M):
            cell_names.setdefault(name, page.name)
    for page in sorted(pages):
        text = page.read_text(encoding="utf-8")
        for m in re.finditer(r"```\{figure\}\s+\S*figures/(\S+\.svg)\n(.*?)```", text, re.S):
            body = m.group(2)
            opts = dict(re.findall(r"^:(\w+):\s*(.*)$", body, re.M))
            caption = "\n".join(l for l in body.splitlines() if l.strip() and not l.startswith(":"))
            where = f"{page.relative_to(ROOT)}: {m.group(1)}"
            name = opts.get("name", "")
            if not name:
                problems.append(f"{where}: :name: yok")
            elif name in names_seen or name in cell_names:
                other = names_seen.get(name) or cell_names[name]
                problems.append(f"{where}: :name: {name} {other} içinde de var")
            else:
                names_seen[name] = page.name
            if len(opts.get("alt", "").split()) < 12:
                problems.append(f"{where}: :alt: yok ya da çok kısa (şemanın ne gösterdiğini anlatmalı)")
            if not caption.strip():
                problems.append(f"{where}: başlık yazısı (caption) yok")
            if name and page.parent.name == "notebooks_src" and f"{{numref}}`{name}`" not in text \
                    and not re.search(r"\{numref\}`[^`]*<" + re.escape(name) + ">`", text):
                problems.append(f"{where}: metinde {{numref}}`{name}` ile anılmıyor")
    assert not problems, "\n".join(problems)
