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

from conftest import BUILD_DIR, ROOT, find_chromium, notebook_pages, repo_config, toc_pages

pytestmark = pytest.mark.browser

CHROMIUM = find_chromium()
SHOTS = BUILD_DIR / "screenshots"
PAGES = toc_pages()
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium bulunamadı: tarayıcı testleri ATLANDI "
                    "(Debian: apt-get install chromium; ya da CHROMIUM=/yol/chromium)")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright kurulu değil: tarayıcı testleri ATLANDI")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """Dış istekleri engelleyip kaydeden, konsol hatalarını toplayan sayfa."""

    def __init__(self, browser, site, *, dark=False):
        self.site = site
        self.ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="tr-TR",
                                       color_scheme="dark" if dark else "light")
        if dark:
            self.ctx.add_init_script("localStorage.setItem('mode','dark');"
                                     "localStorage.setItem('theme','dark');")
        self.page = self.ctx.new_page()
        self.errors, self.external, self.failed = [], [], []
        host = urlparse(site).netloc

        def route(r):
            u = urlparse(r.request.url)
            if u.scheme in ("data", "blob", "about") or u.netloc == host:
                return r.continue_()
            self.external.append(r.request.url)
            return r.abort()

        self.ctx.route("**/*", route)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))

    def goto(self, path):
        self.page.goto(f"{self.site}/{path}", wait_until="load")
        self.page.wait_for_load_state("networkidle")
        return self.page

    def close(self):
        self.ctx.close()


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
    finally:
        p.close()


@pytest.mark.parametrize("page_name", notebook_pages())
def test_colab_button_points_to_notebook(browser, site, page_name):
    repo = repo_config()
    org_repo = urlparse(repo["url"]).path.strip("/")
    expected = (f"https://colab.research.google.com/github/{org_repo}/blob/{repo['branch']}/"
                f"{page_name}.ipynb")
    p = Page(browser, site)
    try:
        page = p.goto(f"{page_name}.html")
        links = page.eval_on_selector_all(
            "a[href*='colab.research.google.com']", "els => els.map(e => e.href)")
        assert links == [expected], links
        assert (ROOT / f"{page_name}.ipynb").is_file()
        # düğme menüde görünür ve tıklanabilir
        page.click("button[aria-label='Launch interactive content'], .dropdown-launch-buttons button",
                   timeout=5000)
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
