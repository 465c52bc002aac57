"""Colab defterleri (``colab/*.ipynb``): Colab düğmelerinin açtığı defterler okunur olmalı.

* Kaynaklarla güncel: ``tools/colab_notebooks.py``'nin bugün ürettiğiyle bayt bayt aynı.
* Markdown hücrelerinde MyST kalmaz: rol (``{term}`...```), yönerge çiti (```` ```{note} ````,
  ``:::{dropdown}``), hedef satırı (``(etiket)=``), MyST yorumu (``% ...``).
* Kitapta gizli olan çözümler Colab'da da gizli: ``# @title Çözüm`` + ``"cellView": "form"``.
* Kod hücreleri kaynaktakilerle aynı (yalnızca form başlığı satırı eklenir).
* Hesaplanan şekillerin altyazısı şeklin altındaki Markdown hücresinde.
* Çevirinin kuralları (terim, kaynak, gönderme, yapıştırma, kutular, şekiller) küçük örneklerle.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import colab_notebooks as cn  # noqa: E402
from notebook_pairs import read_md  # noqa: E402

SOURCES = cn.sources()
STEMS = [p.stem for p in SOURCES]

_PLAIN_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(?!\s*\{)[^\n]*\n.*?^\1\2\s*$", re.M | re.S)
_INLINE_CODE = re.compile(r"(`+)(?!\{).+?\1", re.S)
_ROLE = re.compile(r"\{[A-Za-z][\w:+.-]*\}`")
_DIRECTIVE = re.compile(r"^\s*(`{3,}|:{3,}|~{3,})\s*\{[A-Za-z]", re.M)
_TARGET = re.compile(r"^\s*\([^()\s]+\)=\s*$", re.M)
_COMMENT = re.compile(r"^%", re.M)
_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.S)


def myst_leftovers(markdown: str) -> list:
    """Bir Markdown hücresinde Colab'ın ham gösterdiği MyST öğeleri (kod ve matematik dışında)."""
    text = _PLAIN_FENCE.sub("", markdown)
    found = [m.group(0) for m in _DIRECTIVE.finditer(text)]
    text = _MATH.sub("", text)
    text = re.sub(r"(?<!\})(`+)[^`].*?\1", "", text, flags=re.S)  # satır içi kod (rol değil)
    found += [m.group(0) for m in _ROLE.finditer(text)]
    found += [m.group(0).strip() for m in _TARGET.finditer(text)]
    found += ["% yorum satırı" for _ in _COMMENT.finditer(text)]
    return found


def load(stem: str) -> dict:
    return json.loads(cn.colab_path(stem).read_text(encoding="utf-8"))


def text_of(cell: dict) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


# ---------------------------------------------------------------------- depodaki defterler


def test_every_source_has_a_colab_notebook():
    assert STEMS, "notebooks_src/ boş"
    assert cn.stale() == [], "\n".join(cn.stale()) + "\n`make colab` (ya da `make sync`) çalıştırın."


@pytest.mark.parametrize("stem", STEMS)
def test_no_myst_in_markdown_cells(stem):
    problems = []
    for i, cell in enumerate(load(stem)["cells"]):
        if cell["cell_type"] == "markdown":
            left = myst_leftovers(text_of(cell))
            if left:
                problems.append(f"{i + 1}. hücre: {left[:5]}")
    assert not problems, f"colab/{stem}.ipynb içinde MyST kaldı:\n" + "\n".join(problems)


def _code_pairs(stem: str):
    src_cells = [c for c in read_md(ROOT / cn.SRC_DIR / f"{stem}.md").cells if c.cell_type == "code"]
    colab_cells = [c for c in load(stem)["cells"] if c["cell_type"] == "code"]
    assert len(src_cells) == len(colab_cells), f"{stem}: kod hücresi sayısı farklı"
    return list(zip(src_cells, colab_cells))


@pytest.mark.parametrize("stem", STEMS)
def test_code_cells_match_sources_and_solutions_are_hidden(stem):
    solutions = 0
    for src, colab in _code_pairs(stem):
        tags = src.metadata.get("tags", [])
        code = text_of(colab)
        hidden = colab["metadata"].get("cellView") == "form"
        if hidden:
            first, _, rest = code.partition("\n")
            assert first.startswith("# @title "), f"{stem}: form hücresinin başlığı yok: {first!r}"
            code = rest
        assert code == src.source, f"{stem}: Colab'daki kod kaynaktakinden farklı:\n{code[:200]}"
        if "hide-cell" in tags:
            solutions += 1
            assert hidden and text_of(colab).startswith(f"# @title {cn.SOLUTION_TITLE}\n"), (
                f"{stem}: çözüm Colab'da açık görünür:\n{src.source[:200]}")
        if any(t in tags for t in ("remove-cell", "remove-input", "hide-input")):
            assert hidden, f"{stem}: kitapta gizli kod Colab'da açık:\n{src.source[:200]}"
    if "Alıştırmalar" in (ROOT / cn.SRC_DIR / f"{stem}.md").read_text(encoding="utf-8"):
        assert solutions > 0, f"{stem}: alıştırmalar var ama gizli çözüm hücresi yok"


@pytest.fixture(scope="module")
def real_site():
    return cn.load_site()


@pytest.mark.parametrize("stem", STEMS)
def test_figure_captions_follow_their_cells(stem, real_site):
    ctx = cn.Context(site=real_site, doc=f"book/{stem}", source=stem)
    cells = load(stem)["cells"]
    src_code = [c for c in read_md(ROOT / cn.SRC_DIR / f"{stem}.md").cells if c.cell_type == "code"]
    code_positions = [i for i, c in enumerate(cells) if c["cell_type"] == "code"]
    for src, pos in zip(src_code, code_positions):
        caption = ((src.metadata.get("mystnb") or {}).get("figure") or {}).get("caption")
        if not caption:
            continue
        after = cells[pos + 1] if pos + 1 < len(cells) else None
        assert after is not None and after["cell_type"] == "markdown", (
            f"{stem}: şeklin altında altyazı hücresi yok: {caption[:60]!r}")
        text = text_of(after)
        ctx.figures = 0  # numaraları aşağıda değil, derlenmiş kitapla karşılaştırıyoruz
        expected = cn.convert_markdown(caption, ctx)
        assert re.match(r"\*\*Şekil \d+\.\*\* ", text) and expected in text, (
            f"{stem}: şeklin altındaki hücre altyazıyı taşımıyor: {text[:80]!r}")


def test_figure_directive_names_are_labels(real_site):
    """``{figure}`` yönergelerinin ``:name:``'leri de {numref} hedefidir (Colab'da sayfa bağlantısı)."""
    names = []
    for stem in STEMS:
        text = (ROOT / cn.SRC_DIR / f"{stem}.md").read_text(encoding="utf-8")
        for block in re.findall(r"```\{figure\}[^\n]*\n(.*?)```", text, re.S):
            names += [(stem, n) for n in re.findall(r"^:name:\s*(\S+)", block, re.M)]
    missing = [f"{stem}: {n}" for stem, n in names
               if real_site.labels.get(n, ("",))[0] != f"book/{stem}"]
    assert not missing, f"etiket olarak toplanmayan şekil adları: {missing}"


def test_colab_notebooks_keep_gpu_metadata():
    for stem in STEMS:
        meta = load(stem)["metadata"]
        assert meta.get("accelerator") == "GPU" and meta["colab"].get("gpuType") == "T4", stem
        assert "jupytext" not in meta, f"{stem}: Colab defterinde jupytext metadata'sı kalmış"


# ---------------------------------------------------------------------- çeviri kuralları


@pytest.fixture(scope="module")
def site():
    return cn.Site(
        base="https://ornek.github.io/kitap/",
        raw="https://raw.githubusercontent.com/ornek/kitap/main/",
        repo_url="https://github.com/ornek/kitap",
        branch="main",
        terms={"evrişim": "term-evrisim", "ağırlık": "term-agirlik"},
        cites={"yang2019condconv": ("Yang vd.", "2019"), "hu2018senet": ("Hu vd.", "2018"),
               "ioffe2015batchnorm": ("Ioffe ve Szegedy", "2015")},
        titles={"book/00_giris": "Giriş", "book/03_dinamik_evrisim": "Dinamik evrişim katmanı",
                "book/api": "API başvurusu"},
        labels={"api": ("book/api", "api", "API başvurusu"),
                "fig-x": ("book/03_dinamik_evrisim", "fig-x", "Bir şekil")},
    )


def convert(site, text, doc="book/00_giris"):
    return cn.convert_markdown(text, cn.Context(site=site, doc=doc, source="deneme.md"))


def test_term_becomes_glossary_link(site):
    out = convert(site, "Bir {term}`evrişimli katman <evrişim>` ve {term}`Ağırlık`.")
    assert out == ("Bir [evrişimli katman](https://ornek.github.io/kitap/book/sozluk.html#term-evrisim)"
                   " ve [Ağırlık](https://ornek.github.io/kitap/book/sozluk.html#term-agirlik).")


def test_citations_become_author_year_links(site):
    out = convert(site, "Bkz. {cite:p}`yang2019condconv, hu2018senet`; {cite:t}`ioffe2015batchnorm` der.")
    bib = "https://ornek.github.io/kitap/book/kaynakca.html#cite-"
    assert out == (f"Bkz. [[Yang vd., 2019]({bib}yang2019condconv); [Hu vd., 2018]({bib}hu2018senet)]; "
                   f"Ioffe ve Szegedy [[2015]({bib}ioffe2015batchnorm)] der.")


def test_doc_and_ref_become_page_links(site):
    out = convert(site, "{doc}`03_dinamik_evrisim`, {doc}`bu bölüm <00_giris>`, {ref}`api`, "
                        "{numref}`Şekil %s <fig-x>`.")
    assert out == ("[Dinamik evrişim katmanı](https://ornek.github.io/kitap/book/03_dinamik_evrisim.html), "
                   "[bu bölüm](https://ornek.github.io/kitap/book/00_giris.html), "
                   "[API başvurusu](https://ornek.github.io/kitap/book/api.html#api), "
                   "[Şekil](https://ornek.github.io/kitap/book/03_dinamik_evrisim.html#fig-x).")


def test_inline_code_and_math_are_kept(site):
    text = "Rol örneği: `` {cite:p}`anahtar` `` ve $\\sum_k a_k W_k$ ile {math}`T \\to 0`."
    assert convert(site, text) == "Rol örneği: `` {cite:p}`anahtar` `` ve $\\sum_k a_k W_k$ ile $T \\to 0$."


def test_glue_becomes_named_pointer(site):
    ctx = cn.Context(site=site, doc="book/00_giris", source="deneme.md")
    out = cn.convert_markdown("Doğruluk {glue:text}`acc_dyn:.1f` ve {glue}`kayip`.", ctx)
    assert out == "Doğruluk **`acc_dyn`** ve **`kayip`**."
    assert ctx.glue_names == ["acc_dyn", "kayip"]


def test_admonitions_and_dropdowns_become_quotes(site):
    text = ("Önce.\n\n:::{note}\nBir {term}`ağırlık` notu.\n:::\n\n"
            "```{admonition} Derinlemesine: neden?\n:class: dropdown\n\nÇünkü $x$.\n\n- madde\n```\n\n"
            "::::{dropdown} Ayrıntı\n:::{tip}\nİç içe.\n:::\n::::")
    out = convert(site, text)
    assert "{" not in out.replace("{term}", "!")
    assert "> **Not**\n>\n> Bir [ağırlık](https://ornek.github.io/kitap/book/sozluk.html#term-agirlik) notu." in out
    assert "> **Derinlemesine: neden?** *(açılır kutu)*\n>\n> Çünkü $x$.\n>\n> - madde" in out
    assert "> **Ayrıntı** *(açılır kutu)*\n>\n> > **İpucu**\n> >\n> > İç içe." in out


def test_figures_images_targets_comments_and_math_blocks(site):
    text = ("(sec-x)=\n## Başlık\n\n% yazarlara not\n\n"
            "```{figure} ../book/figures/sema.png\n:alt: Bir şema.\n:name: fig-sema\n\n"
            "Şemanın {term}`ağırlık` altyazısı.\n```\n\n"
            "![resim](figures/a.png) ve [sayfa](03_dinamik_evrisim.md#baslik)\n\n"
            "```{math}\n:label: eq-x\na = b\n```\n\n$$\nc = d\n$$ (eq-y)\n\n```python\n{term}`kod`\n```")
    out = convert(site, text)
    raw = "https://raw.githubusercontent.com/ornek/kitap/main/"
    assert out.startswith("## Başlık\n\n![Bir şema.](" + raw + "book/figures/sema.png)")
    assert "**Şekil 1.** Şemanın [ağırlık](" in out
    assert f"![resim]({raw}book/figures/a.png)" in out
    assert "[sayfa](https://ornek.github.io/kitap/book/03_dinamik_evrisim.html#baslik)" in out
    assert "$$\na = b\n$$" in out and "$$\nc = d\n$$" in out and "(eq-y)" not in out
    assert "```python\n{term}`kod`\n```" in out  # kod bloğu olduğu gibi
    assert "sec-x" not in out and "yazarlara not" not in out
    assert myst_leftovers(out) == []


@pytest.mark.parametrize("text,match", [
    ("{sayiyok}`x`", "tanınmayan MyST rolü"),
    (":::{tab-set}\nx\n:::", "tanınmayan MyST yönergesi"),
    ("{term}`olmayan terim`", "sözlükte böyle bir terim yok"),
    ("{cite:p}`olmayan2020`", "references.bib içinde böyle bir kayıt yok"),
    ("{doc}`yok_sayfa`", "böyle bir sayfa yok"),
    ("```{note}\nkapanmayan", "kapanmamış"),
])
def test_unknown_markup_fails_loudly(site, text, match):
    with pytest.raises(cn.ConversionError, match=match):
        convert(site, text)


def test_leftover_detector_catches_myst(site):
    """Denetimin kendisi: ham MyST'i gerçekten yakalar (yoksa yukarıdaki test boşa geçer)."""
    assert myst_leftovers("Bir {term}`evrişim` var.")
    assert myst_leftovers(":::{note}\nx\n:::")
    assert myst_leftovers("```{dropdown} Başlık\nx\n```")
    assert myst_leftovers("(etiket)=\n# Başlık")
    assert myst_leftovers("% yorum")
    assert not myst_leftovers("Kod: `` {term}`x` `` ve\n```python\n{term}`x`\n```\n$a \\% b$")


def test_solution_cell_becomes_colab_form(tmp_path, site):
    src = tmp_path / "notebooks_src" / "99_deneme.md"
    src.parent.mkdir()
    src.write_text(
        "---\njupytext:\n  text_representation: {extension: .md, format_name: myst}\n"
        "kernelspec: {display_name: Python 3, language: python, name: python3}\n---\n\n"
        "# Deneme\n\n**1.** Soru.\n\n```{code-cell} ipython3\n:tags: [hide-cell]\n\nprint(1)\n```\n\n"
        "```{code-cell} ipython3\n---\nmystnb:\n  figure:\n    caption: Bir {term}`ağırlık` şekli.\n"
        "  image:\n    alt: Bir çizgi.\n---\nprint(2)\n```\n", encoding="utf-8")
    nb = cn.convert_notebook(src, site, tmp_path)
    kinds = [c.cell_type for c in nb.cells]
    # başlık + soru, Colab'a özgü tanıtım notu, çözüm, şekil hücresi, şeklin altyazısı
    assert kinds == ["markdown", "markdown", "code", "code", "markdown"], kinds
    solution = nb.cells[2]
    assert solution.source == "# @title Çözüm\nprint(1)" and solution.metadata == {"cellView": "form"}
    assert nb.cells[3].metadata == {}
    assert nb.cells[4].source.startswith("**Şekil 1.** Bir [ağırlık](")
    assert "*Şeklin betimlemesi:* Bir çizgi." in nb.cells[4].source


def test_single_place_for_published_address():
    """Yayımlanan kitabın adresi yalnızca _config.yml'de; Colab defterleri onu kullanır."""
    base = cn.published_url()
    hits = [p for p in (ROOT / cn.COLAB_DIR).glob("*.ipynb") if base in p.read_text(encoding="utf-8")]
    assert len(hits) == len(STEMS)
    for path in list((ROOT / "tools").glob("*.py")) + list((ROOT / "book" / "_static").glob("*")):
        assert base not in path.read_text(encoding="utf-8"), f"{path.name} adresi ikinci kez yazıyor"


# ---------------------------------------------------------------------- derlenmiş kitapla


@pytest.mark.build
def test_colab_links_resolve_in_the_built_book(book_build):
    """Colab defterlerindeki her kitap bağlantısı derlenmiş sitede var olan bir sayfaya ve kimliğe
    gider (sözlük maddeleri, kaynakça kayıtları, bölümler, etiketler)."""
    from conftest import HTML_DIR

    assert book_build[0] == 0, "kitap derlenemedi"
    base = cn.published_url()
    pattern = re.compile(r"\]\((" + re.escape(base) + r"[^)\s]*)\)")
    pages: dict = {}
    broken, checked = [], 0
    for stem in STEMS:
        for cell in load(stem)["cells"]:
            for url in pattern.findall(text_of(cell)):
                checked += 1
                rel, _, anchor = url[len(base):].partition("#")
                path = HTML_DIR / rel
                if not path.is_file():
                    broken.append(f"{stem}: {url} (sayfa yok)")
                    continue
                html = pages.setdefault(path, path.read_text(encoding="utf-8"))
                if anchor and f'id="{anchor}"' not in html:
                    broken.append(f"{stem}: {url} (kimlik yok)")
    assert checked > 100, f"yalnızca {checked} bağlantı bulundu"
    assert not broken, f"{len(broken)}/{checked} kırık bağlantı:\n" + "\n".join(broken[:20])


@pytest.mark.build
def test_ipynb_download_is_the_colab_notebook(book_build):
    """Sayfanın .ipynb indirme düğmesi de okunur (Colab) defteri verir."""
    from conftest import HTML_DIR

    assert book_build[0] == 0, "kitap derlenemedi"
    for stem in STEMS:
        served = HTML_DIR / "_sources" / "book" / f"{stem}.ipynb"
        assert served.read_text(encoding="utf-8") == cn.colab_path(stem).read_text(encoding="utf-8"), stem


@pytest.mark.build
def test_figure_numbers_match_the_html(book_build):
    """Colab'daki "Şekil N." numaraları kitabın HTML'indekilerle aynı (kitap boyunca sıralı)."""
    from conftest import HTML_DIR

    assert book_build[0] == 0, "kitap derlenemedi"
    for stem in STEMS:
        html = (HTML_DIR / "book" / f"{stem}.html").read_text(encoding="utf-8")
        in_html = [int(n) for n in re.findall(r'class="caption-number">Şekil (\d+)', html)]
        in_colab = [int(n) for c in load(stem)["cells"] if c["cell_type"] == "markdown"
                    for n in re.findall(r"^\*\*Şekil (\d+)\.\*\*", text_of(c), re.M)]
        assert in_colab == in_html, f"{stem}: Colab {in_colab}, HTML {in_html}"
