"""Kaynaklar kaynakçadan geçer: bölümlerde ham makale bağlantısı yok, her ``{cite}`` anahtarı var.

* Bir makale ya da ön baskı bölümde adresiyle (``arxiv.org``, ``doi.org``,
  ``openaccess.thecvf.com``, ``proceedings.neurips.cc`` ...) ya da kimliğiyle (``arXiv:2601.07310``,
  ``doi:10....``) anılmaz: ``references.bib``'e bir kayıt eklenir ve ``{cite:p}`anahtar``` ile
  anılır; kaynakça sayfası hepsini listeler.
* Her ``{cite:p}``/``{cite:t}`` (ve diğer ``{cite:...}``) anahtarı ``references.bib``'de vardır.
  Derleme de ``-W`` ile bilinmeyen anahtarda düşer; bu denetim derlemesiz, hızlıdır ve bütün
  eksikleri tek seferde, satırlarıyla listeler.

Denetlenen: bölüm kaynaklarının tamamı (kod hücreleri dâhil: yorumdaki bir adres de sayfada
görünür) ve ``book/*.md`` sayfaları. Satır içi kod içindeki örnekler (``{cite:p}`anahtar```
gibi) sayılmaz.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import List, Set

import pytest

from booktext import inline_spans, line_of

ROOT = Path(__file__).resolve().parents[2]
BIB = ROOT / "references.bib"
FILES = sorted([*(ROOT / "notebooks_src").glob("*.md"), *(ROOT / "book").glob("*.md")])

#: Makale barındıran siteler (alt alan adlarıyla).
PAPER_HOSTS = ["arxiv.org", "doi.org", "openaccess.thecvf.com", "thecvf.com", "proceedings.neurips.cc",
               "papers.nips.cc", "neurips.cc", "proceedings.mlr.press", "openreview.net",
               "ieeexplore.ieee.org", "dl.acm.org", "link.springer.com", "aclanthology.org",
               "ecva.net", "semanticscholar.org", "researchgate.net", "paperswithcode.com",
               "sciencedirect.com"]
_HOSTS = "|".join(re.escape(h) for h in PAPER_HOSTS)
RAW_PAPER = re.compile(
    rf"(?:https?://)?(?:[\w-]+\.)*(?:{_HOSTS})(?:/\S*)?"      # adres
    r"|\barxiv\s*:\s*\d{4}\.\d{4,5}(?:v\d+)?"                 # arXiv:2601.07310
    r"|\bdoi\s*:\s*10\.\d{4,9}/\S+"                            # doi:10.1109/...
    r"|(?<![\w/.])10\.\d{4,9}/[^\s)\]]+",                      # çıplak DOI
    re.I)


def bib_keys(text: str) -> Set[str]:
    return {m.group(1).strip() for m in re.finditer(r"^@\w+\s*\{\s*([^,\s]+)\s*,", text, re.M)}


def cite_problems(md: str, where: str, keys: Set[str]) -> List[str]:
    problems = []
    for m in RAW_PAPER.finditer(md):
        problems.append(f"{where}:{line_of(md, m.start())}: ham makale bağlantısı {m.group(0)!r}; "
                        "references.bib'e ekleyip {cite:p} ile anın")
    for kind, name, start, _end, content in inline_spans(md):
        if kind != "role" or not name.startswith("cite"):
            continue
        for key in (k.strip() for k in content.split(",")):
            if key not in keys:
                problems.append(f"{where}:{line_of(md, start)}: {{{name}}}`{key}` "
                                "references.bib'de yok")
    return problems


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(ROOT).as_posix() for p in FILES])
def test_papers_are_cited_through_the_bibliography(path):
    rel = path.relative_to(ROOT).as_posix()
    problems = cite_problems(path.read_text(encoding="utf-8"), rel,
                             bib_keys(BIB.read_text(encoding="utf-8")))
    if problems:
        pytest.fail(f"{rel}: {len(problems)} kaynak sorunu:\n" + "\n".join(problems), pytrace=False)


# --------------------------------------------------------------------------- denetimin kendisi

KEYS = {"chen2020dynamic", "woo2018cbam"}


@pytest.mark.parametrize("text", [
    "Bkz. https://arxiv.org/abs/1912.03458 makalesi.",
    "[DyConv](https://arxiv.org/pdf/1912.03458v2)",
    "CVPR: https://openaccess.thecvf.com/content_CVPR_2020/papers/x.pdf",
    "NeurIPS: proceedings.neurips.cc/paper/2019/hash/abc",
    "Yeni bir çalışma (Ad ve ark., arXiv:2601.07310) en iyi düzenin",
    "doi:10.1109/CVPR42600.2020.01104 numaralı makale",
    "Makale: 10.1007/978-3-030-01234-2_1",
    "# kaynak: https://doi.org/10.1109/5.771073",
    "{cite:p}`chen2020dynamic,yok2099`",
    "{cite:t}`boyle2019yok`",
])
def test_detector_flags(text):
    assert cite_problems(text, "d.md", KEYS), text


@pytest.mark.parametrize("text", [
    "DyConv {cite:p}`chen2020dynamic` ve CBAM {cite:t}`woo2018cbam`.",
    "{cite:p}`chen2020dynamic, woo2018cbam`",
    "Örnek: `` {cite:p}`anahtar` `` rolüyle anın.",
    "Depo: https://github.com/dinamik-katmanlar/dinamik-katmanlar",
    "Sürüm 10.5 ve oran 0.25/2 gibi sayılar.",
])
def test_detector_allows(text):
    assert cite_problems(text, "d.md", KEYS) == []


def test_bib_keys_and_line_numbers(tmp_path):
    bib = tmp_path / "r.bib"
    bib.write_text("@inproceedings{chen2020dynamic,\n  title={x}}\n@misc{ woo2018cbam ,\n}\n",
                   encoding="utf-8")
    assert bib_keys(bib.read_text(encoding="utf-8")) == KEYS
    md = "# B\n\nMetin.\nİkinci satır {cite:p}`yok2000`.\n"
    assert cite_problems(md, "d.md", KEYS) == ["d.md:4: {cite:p}`yok2000` references.bib'de yok"]
