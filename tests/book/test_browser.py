"""Gerçek bir tarayıcıda (Debian'ın Chromium'u, başsız) derlenmiş sitenin denetimi.

Her sayfa: konsol hatası yok, başka bir sunucuya istek yok (hepsi engellenir ve kaydedilir), ekran
görüntüsü ``_build/screenshots/`` altına (açık ve koyu tema). Ayrıca: Colab düğmesinin adresi, MathJax
formülleri, statik kaydırıcı, Türkçe arama.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import BUILD_DIR, ROOT, Page, notebook_pages, repo_config, toc_pages

pytestmark = pytest.mark.browser

SHOTS = BUILD_DIR / "screenshots"
PAGES = toc_pages()


def _wait_mathjax(page):
    page.wait_for_function(
        "() => !document.querySelector('.math') || "
        "(window.MathJax && MathJax.startup && MathJax.startup.promise && "
        " document.querySelectorAll('mjx-container').length > 0)", timeout=30000)
    page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise : null")


@pytest.mark.parametrize("dark", [False, True], ids=["acik", "koyu"])
@pytest.mark.parametrize("page_name", PAGES + ["search", "genindex"])
def test_page_loads_clean_and_offline(browser, site, page_name, dark):
    p = Page(browser, site, dark=dark)
    try:
        page = p.goto(f"{page_name}.html")
        _wait_mathjax(page)
        page.wait_for_timeout(300)
        SHOTS.mkdir(parents=True, exist_ok=True)
        name = page_name.replace("/", "_") + ("-koyu" if dark else "")
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
        assert p.external == [], f"başka sunuculara istek: {p.external}"
        assert p.errors == [], f"konsol hataları: {p.errors}"
        assert p.failed == [], f"başarısız istekler: {p.failed}"
        if dark:
            assert page.evaluate("document.documentElement.dataset.theme") == "dark"
            # grafikler (beyaz zeminli) koyu temada da beyaz zeminde ve karartılmadan görünür
            # (temanın karartma kuralı kitabınkini yenmesin)
            imgs = page.evaluate("""() => Array.from(document.querySelectorAll(
                  '.bd-content div.cell_output img, .bd-content figure img'))
                .map(i => { const s = getComputedStyle(i);
                            return [i.getAttribute('src').slice(0, 40), s.backgroundColor,
                                    s.filter]; })""")
            wrong = [i for i in imgs if i[1] != "rgb(255, 255, 255)" or i[2] != "none"]
            assert not wrong, f"koyu temada beyaz zeminde olmayan/karartılan grafikler: {wrong[:3]}"
    finally:
        p.close()


@pytest.mark.parametrize("page_name", notebook_pages())
def test_colab_button_points_to_notebook(browser, site, page_name):
    repo = repo_config()
    org_repo = urlparse(repo["url"]).path.strip("/")
    stem = Path(page_name).name
    # Colab, MyST'siz okunur defteri açar (tools/colab_notebooks.py -> colab/<ad>.ipynb)
    expected = (f"https://colab.research.google.com/github/{org_repo}/blob/{repo['branch']}/"
                f"colab/{stem}.ipynb")
    p = Page(browser, site)
    try:
        page = p.goto(f"{page_name}.html")
        links = page.eval_on_selector_all(
            "a[href*='colab.research.google.com']", "els => els.map(e => e.href)")
        assert links == [expected], links
        assert (ROOT / "colab" / f"{stem}.ipynb").is_file()
        # düğme menüde görünür ve tıklanabilir
        page.click(".dropdown-launch-buttons button", timeout=5000)
        assert page.is_visible("a[href*='colab.research.google.com']")
    finally:
        p.close()


@pytest.mark.parametrize("page_name", PAGES)
def test_mathjax_renders(browser, site, page_name):
    p = Page(browser, site)
    try:
        page = p.goto(f"{page_name}.html")
        if not page.query_selector(".math"):
            pytest.skip("sayfada formül yok")
        _wait_mathjax(page)
        n = page.evaluate("document.querySelectorAll('mjx-container').length")
        assert n >= page.evaluate("document.querySelectorAll('.math').length")
        assert page.evaluate("document.querySelectorAll('mjx-merror').length") == 0
        # görüntülenen formülün gerçekten bir boyutu var (yazı tipi yüklendi)
        box = page.evaluate("(() => { const e = document.querySelector('div.math mjx-container') || "
                            "document.querySelector('mjx-container'); "
                            "const r = e.getBoundingClientRect(); return [r.width, r.height]; })()")
        assert box[0] > 10 and box[1] > 10, box
        assert p.errors == [] and p.external == []
    finally:
        p.close()


def _slider_pages():
    out = []
    for name in PAGES:
        html = (BUILD_DIR / "html" / f"{name}.html")
        if html.exists() and 'class="dl-slider"' in html.read_text(encoding="utf-8"):
            out.append(name)
    return out or PAGES[:1]


@pytest.mark.parametrize("page_name", _slider_pages())
def test_static_slider_changes_figure(browser, site, page_name):
    p = Page(browser, site)
    try:
        page = p.goto(f"{page_name}.html")
        sliders = page.query_selector_all("figure.dl-slider")
        assert sliders, "sayfada statik kaydırıcı yok"
        for k, fig in enumerate(sliders):
            fig.scroll_into_view_if_needed()
            img = fig.query_selector("img.dl-slider-img")
            image_changed = False
            # İki parametreli kaydırıcıda her sürgü kareyi değiştirmeli; görselin ise en az bir sürgüyle
            # değişmesi yeter (ör. λ = 0'da odak dalı seçimi tasarım gereği görseli değiştirmez ve aynı
            # kareler bir kez saklanır).
            for inp in fig.query_selector_all("input.dl-slider-input"):
                out = fig.query_selector(f'output.dl-slider-value[for="{inp.get_attribute("id")}"]') \
                    or fig.query_selector("output.dl-slider-value")
                before = img.get_attribute("src")
                frame0 = fig.get_attribute("data-frame")
                value0 = out.inner_text()
                # gerçek kullanıcı hareketi: sürgüye odaklan, klavyeyle bulunduğu yerden uzak uca
                # götür (sürgü başlangıçta en sondaysa en başa)
                last = inp.get_attribute("max")
                at_end = inp.input_value() == last
                inp.focus()
                page.keyboard.press("Home" if at_end else "End")
                page.wait_for_timeout(100)
                assert fig.get_attribute("data-frame") != frame0, "kare değişmedi"
                assert out.inner_text() != value0, "değer etiketi değişmedi"
                moved = img.get_attribute("src")
                image_changed |= moved != before
                # fareyle sürükleme: öbür uca
                b = inp.bounding_box()
                y = b["y"] + b["height"] / 2
                left, right = b["x"] + 1, b["x"] + b["width"] - 2
                begin, stop = (left, right) if at_end else (right, left)
                page.mouse.move(begin, y)
                page.mouse.down()
                page.mouse.move(stop, y, steps=8)
                page.mouse.up()
                assert inp.input_value() == (last if at_end else "0"), "sürükleme sürgüyü taşımadı"
                image_changed |= img.get_attribute("src") != moved
            assert image_changed, "hiçbir sürgü görseli değiştirmedi"
            fig.screenshot(path=str(SHOTS / f"{page_name.replace('/', '_')}-kaydirici{k}.png"))
        assert p.errors == [] and p.external == []
    finally:
        p.close()


def _page_with(word):
    for name in PAGES:
        html = (BUILD_DIR / "html" / f"{name}.html")
        if html.exists() and word in html.read_text(encoding="utf-8").lower():
            return name
    return None


@pytest.mark.parametrize("query,word", [
    ("AĞIRLIK", "ağırlık"), ("ağırlık", "ağırlık"), ("Ağırlık", "ağırlık"),
    ("DİNAMİK", "dinamik"), ("dinamik", "dinamik"), ("Dinamik", "dinamik"),
    ("SICAKLIK", "sıcaklık"), ("ISI", None),
    # Türkçe harfsiz klavyeyle yazılan sorgular da bulur
    ("evrisim", "evrişim"), ("cekirdek", "çekirdek"), ("sicaklik", "sıcaklık"),
    ("Agirlik", "ağırlık"), ("ozniteLik haritasi", "öznitelik haritası"),
])
def test_turkish_search(browser, site, query, word):
    p = Page(browser, site)
    try:
        page = p.goto(f"search.html?q={query}")
        # arama bitince özet satırı Türkçe dolar ("... sayfa bulundu" ya da "eşleşmedi")
        page.wait_for_function(
            "() => { const s = document.querySelector('#search-results .search-summary'); "
            "return s && s.textContent.trim().length > 0; }", timeout=20000)
        summary = page.inner_text("#search-results .search-summary")
        assert "Search" not in summary and "found" not in summary, summary
        hrefs = page.eval_on_selector_all("#search-results ul.search li a",
                                          "els => els.map(e => e.getAttribute('href'))")
        if word is None:
            return  # yalnızca hatasız çalışsın
        expected = _page_with(word)
        assert expected, f"hiçbir sayfada {word!r} yok"
        assert any(expected in (h or "") for h in hrefs), f"{query!r} araması {expected} bulamadı: {hrefs}"
        safe = re.sub(r"\W", "_", query)
        page.screenshot(path=str(SHOTS / f"arama-{safe}.png"))
        assert p.errors == [] and p.external == []
    finally:
        p.close()


def test_search_from_header_box(browser, site):
    """Kullanıcı gibi: üstteki arama kutusuna büyük harfle yazıp Enter'a bas."""
    p = Page(browser, site)
    try:
        page = p.goto(f"{PAGES[0]}.html")
        page.keyboard.press("Control+k")
        box = page.wait_for_selector("#pst-search-dialog input[name=q], form.bd-search input",
                                     state="visible", timeout=5000)
        box.type("AĞIRLIK")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"search\.html"), timeout=10000)
        page.wait_for_selector("#search-results ul.search li a", timeout=20000)
        hrefs = page.eval_on_selector_all("#search-results ul.search li a",
                                          "els => els.map(e => e.getAttribute('href'))")
        assert any(PAGES[0] in (h or "") for h in hrefs), hrefs
    finally:
        p.close()
