"""Kitabın derlemesi: uyarısız derlenir, çevrimdışı dosyalar yerinde, hata/uyarı derlemeyi düşürür."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import HTML_DIR, ROOT, notebook_pages, run_build, toc_pages

pytestmark = pytest.mark.build

ALLOWED_LINK_HOSTS = ("https://colab.research.google.com/", "https://github.com/")


def test_build_succeeds_without_warnings(book_build):
    rc, out, _ = book_build
    assert rc == 0, "derleme başarısız; _build/build.log:\n" + out[-4000:]
    warnings = [l for l in out.splitlines()
                if re.search(r"\b(WARNING|ERROR|CRITICAL): ", l) and "[IPKernelApp]" not in l]
    assert not warnings, "\n".join(warnings)


def test_every_toc_page_built(book_build):
    for page in toc_pages():
        assert (HTML_DIR / f"{page}.html").is_file(), f"{page}.html yok"
    assert (HTML_DIR / "index.html").is_file()
    assert (HTML_DIR / "search.html").is_file()


def test_vendor_files_served_locally(book_build):
    vendor = HTML_DIR / "_static" / "vendor"
    for rel in ["mathjax/tex-chtml.js", "mathjax/output/chtml/fonts/woff-v2",
                "mathjax/input/tex/extensions", "require.js", "html-manager/embed-amd.js",
                "vega/vega.min.js", "vega/vega-lite.min.js"]:
        assert (vendor / rel).exists(), f"_static/vendor/{rel} yok (npm ci?)"


def _external_assets(html: str):
    """Sayfanın yüklediği (bağlantı olmayan) dış kaynaklar."""
    found = []
    for tag, attr in re.findall(r"<(script|img|link|iframe|source|video|audio)\b([^>]*)>", html, re.I):
        for m in re.finditer(r'\b(src|href)\s*=\s*["\']([^"\']+)["\']', attr):
            url = m.group(2)
            if tag.lower() == "link" and re.search(r'rel=["\'](canonical|prev|next|index|search)', attr):
                continue
            if re.match(r"^(https?:)?//", url):
                found.append(f"<{tag} {m.group(1)}={url}>")
    return found


@pytest.mark.parametrize("page", toc_pages())
def test_pages_reference_no_external_assets(book_build, page):
    html = (HTML_DIR / f"{page}.html").read_text(encoding="utf-8")
    assert _external_assets(html) == []
    if "mjx" in html or "math notranslate" in html:
        assert re.search(r'<script[^>]+src="(\.\./)*_static/vendor/mathjax/tex-chtml\.js', html)


#: Bir sayfanın en büyük ağırlığı (bayt): HTML dosyası ve içine gömülü her şey (data: URI'li
#: görseller, kaydırıcıların kareleri ve logitleri, satır içi betik/JSON/stil). Ayrı dosyalar
#: (``_images/``, ``_static/``: her sayfanın paylaştığı betikler, yazı tipleri) sayılmaz.
MAX_PAGE_BYTES = 1_000_000


@pytest.mark.parametrize("page", toc_pages() + ["search", "genindex"])
def test_page_weight(book_build, page):
    size = (HTML_DIR / f"{page}.html").stat().st_size
    assert size <= MAX_PAGE_BYTES, (
        f"{page}.html {size:,} bayt; sınır {MAX_PAGE_BYTES:,} (HTML ve içine gömülenler). "
        "Sıcaklık kaydırıcıları için routing_slider/mask_slider kare gömmez.")


@pytest.mark.parametrize("page", toc_pages())
def test_download_buttons(book_build, page):
    html = (HTML_DIR / f"{page}.html").read_text(encoding="utf-8")
    stem = Path(page).name
    if page not in notebook_pages():  # düz MyST sayfası: yalnızca kaynağı (.md) indirilir
        assert f"_sources/{page}.md" in html and (HTML_DIR / "_sources" / f"{page}.md").is_file()
        assert f"_sources/{page}.ipynb" not in html
        return
    assert f"_sources/{page}.ipynb" in html, ".ipynb indirme düğmesi yok"
    assert f"_sources/{page}.md" in html, ".md indirme düğmesi yok"
    assert (HTML_DIR / "_sources" / f"{page}.ipynb").is_file()
    md = HTML_DIR / "_sources" / f"{page}.md"
    assert md.read_text(encoding="utf-8") == (ROOT / "notebooks_src" / f"{stem}.md").read_text(
        encoding="utf-8")


def test_turkish_ui_and_language(book_build):
    html = (HTML_DIR / f"{toc_pages()[0]}.html").read_text(encoding="utf-8")
    assert '<html lang="tr"' in html
    for text in ("Kitapta ara", "Ana içeriğe geç", "Çözümü göster"):
        assert text in html, f"{text!r} yok"
    for english in ("Search this book", "Skip to main content", "Back to top", "Launch on",
                    "Show code cell"):
        assert english not in html, f"İngilizce arayüz metni kaldı: {english!r}"


def test_search_index_folds_turkish_case(book_build):
    import json

    text = (HTML_DIR / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(text[text.index("(") + 1:text.rindex(")")])["terms"]
    assert any(t.startswith("ağırl") for t in terms), "arama dizininde 'ağırlık' kökü yok"
    assert "dinamik" in terms
    assert not any(t.startswith("ağirl") for t in terms), "I/ı katlaması yanlış: 'ağirl' dizinde"
    # Türkçe harfsiz biçimler de dizinde: "evrisim", "cekirdek", "sicaklik" aramaları bulur
    for ascii_stem in ("evrisim", "cekirdek", "sicaklik"):
        assert any(t.startswith(ascii_stem[:5]) and t.isascii() for t in terms), ascii_stem


# ---- derleme ayarlarının kendisi: hata veren hücre ve uyarı derlemeyi düşürür ------------------

def _mini_book(tmp_path: Path, notebook_md: str) -> Path:
    book = tmp_path / "kitap"
    (book / "book").mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", book / "_config.yml")
    shutil.copytree(ROOT / "tools", book / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "references.bib", book / "references.bib")
    (book / "_toc.yml").write_text("format: jb-book\nroot: book/deneme\n", encoding="utf-8")
    (book / "book" / "deneme.md").write_text(notebook_md, encoding="utf-8")
    if (ROOT / "node_modules").exists():
        (book / "node_modules").symlink_to(ROOT / "node_modules")
    return book


HEADER = """---
jupytext:
  text_representation: {extension: .md, format_name: myst}
kernelspec: {display_name: Python 3, language: python, name: python3}
---

# Deneme

"""


def test_mini_build_failing_cell_fails(tmp_path):
    book = _mini_book(tmp_path, HEADER + "```{code-cell} ipython3\nraise RuntimeError('bilerek')\n```\n")
    rc, out, _ = run_build(book, tmp_path / "log.txt", timeout=600)
    assert rc != 0, "hata veren hücre derlemeyi düşürmedi:\n" + out[-2000:]
    assert "bilerek" in out


def test_mini_build_warning_fails(tmp_path):
    book = _mini_book(tmp_path, HEADER + "Bozuk bir gönderme: {ref}`boyle-bir-etiket-yok`.\n\n"
                      "```{code-cell} ipython3\nprint('tamam')\n```\n")
    rc, out, _ = run_build(book, tmp_path / "log.txt", timeout=600)
    assert rc != 0, "uyarı derlemeyi düşürmedi:\n" + out[-2000:]
    assert "boyle-bir-etiket-yok" in out
