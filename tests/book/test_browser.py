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


def _svg_figures(page_name):
    """Sayfanın kaynağındaki ``{figure}`` yönergelerinin gösterdiği ``book/figures/*.svg`` şemaları."""
    stem = Path(page_name).name
    for src in (ROOT / "notebooks_src" / f"{stem}.md", ROOT / f"{page_name}.md"):
        if src.exists():
            return re.findall(r"```\{figure\}\s+\S*figures/([\w-]+\.svg)",
                              src.read_text(encoding="utf-8"))
    return []


# Şekil resimleri (çizilmiş şemalar ve hücrelerin ürettiği grafikler): hepsi yüklenir, hepsinin
# betimlemesi (alt) vardır; kaynağın gösterdiği her SVG şeması sayfada altyazısıyla durur.
_FIGURE_IMAGES_JS = """async () => {
    const imgs = Array.from(document.querySelectorAll('.bd-content figure img'));
    for (const i of imgs) { i.loading = 'eager'; }
    await Promise.all(imgs.map(i => i.decode().catch(() => null)));
    return imgs.map(i => {
        const f = i.closest('figure');
        const cap = f.querySelector('figcaption');
        return {src: i.getAttribute('src') || '', width: i.naturalWidth,
                alt: (i.getAttribute('alt') || '').trim(), id: f.id || '',
                caption: cap ? cap.textContent.trim() : ''};
    });
}"""


@pytest.mark.parametrize("page_name", PAGES)
def test_figure_images_load_and_have_alt(browser, site, page_name):
    expected = _svg_figures(page_name)
    p = Page(browser, site)
    try:
        page = p.goto(f"{page_name}.html")
        imgs = page.evaluate(_FIGURE_IMAGES_JS)
        broken = [i["src"] for i in imgs if i["width"] <= 0]
        assert not broken, f"yüklenmeyen şekil resimleri: {broken}"
        no_alt = [i["src"] or i["id"] for i in imgs if not i["alt"]]
        assert not no_alt, f"betimlemesi (alt) boş şekil resimleri: {no_alt}"
        shown = {Path(i["src"]).name: i for i in imgs}
        missing = [n for n in expected if n not in shown]
        assert not missing, f"kaynakta olup sayfada görünmeyen şemalar: {missing}"
        no_caption = [n for n in expected if not shown[n]["caption"] or not shown[n]["id"]]
        assert not no_caption, f"altyazısı ya da adı (id) olmayan şemalar: {no_caption}"
        # metindeki {numref} bağlantıları şemanın kimliğine gider
        for n in expected:
            anchor = shown[n]["id"]
            refs = page.eval_on_selector_all(
                f"a[href='#{anchor}']", "els => els.map(e => e.textContent.trim())")
            assert refs and all(refs), f"{n}: metinde #{anchor} bağlantısı yok ya da boş: {refs}"
        assert p.failed == [], f"başarısız istekler: {p.failed}"
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


def _pages_with(pattern):
    """Kaynağında ``pattern`` geçen sayfalar. Testler toplanırken kitap henüz derlenmemiştir
    (temiz bir kopyada ``_build`` yoktur), bu yüzden derlenmiş HTML'e değil MyST kaynağına bakılır."""
    out = []
    for name in PAGES:
        src = ROOT / "notebooks_src" / f"{Path(name).name}.md"
        if src.exists() and re.search(pattern, src.read_text(encoding="utf-8")):
            out.append(name)
    return out


_FRAME = r"\bslider_plot\("                    # önceden çizilmiş kareler ("dl-slider")
_COMPUTED = r"\b(routing_slider|mask_slider)\("  # tarayıcıda hesaplanan ("dl-slider dl-computed")


def _slider_pages():
    return _pages_with(_FRAME)


def _computed_pages():
    return _pages_with(_COMPUTED)


def _all_slider_pages():
    return _pages_with(f"{_FRAME}|{_COMPUTED}")


@pytest.mark.parametrize("page_name", _slider_pages())
def test_static_slider_changes_figure(browser, site, page_name):
    p = Page(browser, site)
    try:
        page = p.goto(f"{page_name}.html")
        sliders = page.query_selector_all("figure.dl-slider:not(.dl-computed)")
        assert sliders, "sayfada kareli kaydırıcı yok"
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
                assert inp.get_attribute("aria-valuetext") == value0, "aria-valuetext gösterilenden farklı"
                inp.focus()
                page.keyboard.press("Home" if at_end else "End")
                page.wait_for_timeout(100)
                assert fig.get_attribute("data-frame") != frame0, "kare değişmedi"
                assert out.inner_text() != value0, "değer etiketi değişmedi"
                assert inp.get_attribute("aria-valuetext") == out.inner_text(), \
                    "aria-valuetext gösterilen değerle güncellenmedi"
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


# ---- sıcaklık kaydırıcıları: tarayıcıda hesaplanan değerler Python'dakilerle aynı -------------

def _ready(page):
    page.wait_for_function(
        "() => [...document.querySelectorAll('figure.dl-slider')].every(f => f.dataset.ready)",
        timeout=30000)
    bad = page.eval_on_selector_all("figure.dl-slider", "fs => fs.map(f => f.dataset.ready)")
    assert all(r == "1" for r in bad), f"kaydırıcı hazır değil: {bad}"


def _data(fig):
    import json

    return json.loads(fig.eval_on_selector("script.dl-slider-data", "e => e.textContent"))


def _tensor(entry):
    import base64

    import numpy as np
    import torch

    arr = np.frombuffer(base64.b64decode(entry["b64"]), dtype="<f4").copy()
    return torch.from_numpy(arr).reshape(entry["shape"])


def _set(page, fig, param, index):
    """Sürgüyü bir konuma getirir ve ``input`` olayı gönderir (çizimi ``_wait_rendered`` bekler)."""
    inp = fig.query_selector(f'input[data-param="{param}"]')
    inp.evaluate("(e, v) => { e.value = String(v); "
                 "e.dispatchEvent(new Event('input', {bubbles: true})); }", index)


def _wait_rendered(fig, ti, ki):
    """``data-rendered`` (JavaScript: çizim bitti) verilen konumları gösterene dek bekler."""
    fig.evaluate(
        "(f, v) => new Promise((ok, fail) => { const t0 = Date.now(); (function poll() {"
        " if (f.dataset.rendered === v) ok(true);"
        " else if (Date.now() - t0 > 10000) fail(new Error('çizilmedi: ' + f.dataset.rendered));"
        " else requestAnimationFrame(poll); })(); })", f"{ti}:{ki}")


def _check_against_python(fig, data, ti, ki):
    """Sayfanın gösterdiği her sayı, aynı logitlerden dynlayers ile hesaplananla 1e-4 içinde."""
    import math

    from dynlayers import viz

    grid = data["grid"]
    exponent = grid["a"] + (grid["b"] - grid["a"]) * ti / (grid["steps"] - 1)
    T = float(fig.get_attribute("data-t"))
    assert T == pytest.approx(10 ** exponent, rel=1e-12), (T, exponent)
    t_text = viz.format_number(T, viz._temperature.temperature_digits(exponent))
    shown = {e["k"]: e for e in fig.eval_on_selector_all(
        ".dl-slider-stats .dl-stat",
        "es => es.map(e => ({k: e.dataset.stat, v: Number(e.dataset.value), "
        "t: e.querySelector('b').textContent}))")}
    assert shown["T"]["t"] == t_text
    t_input = fig.query_selector('input[data-param="T"]')
    t_out = fig.query_selector(f'output[for="{t_input.get_attribute("id")}"]')
    assert t_out.inner_text() == t_text and t_input.get_attribute("aria-valuetext") == t_text
    cells = fig.eval_on_selector_all(
        ".dl-slider-table td", "ts => ts.map(t => [t.dataset.p, t.dataset.s, t.dataset.k, "
        "t.dataset.bin, Number(t.dataset.value), t.textContent])")
    if data["kind"] == "routing":
        K = data["ks"][ki]
        w, h = viz.routing_values(_tensor(data["data"][str(K)]), T)
        assert shown["K"]["v"] == K
        assert shown["entropy"]["v"] == pytest.approx(h.mean().item(), abs=1e-4)
        assert shown["entropy"]["t"] == viz.format_number(shown["entropy"]["v"], 3)
        assert shown["logK"]["v"] == pytest.approx(math.log(K), abs=1e-12)
        assert len(cells) == w.shape[0] * w.shape[1] * (K + 1)
        for p_, s_, k_, _b, value, text in cells:
            want = h[int(p_), int(s_)] if k_ == "H" else w[int(p_), int(s_), int(k_)]
            assert value == pytest.approx(want.item(), abs=1e-4), (p_, s_, k_)
            assert text == viz.format_number(value, 3)
        return
    m = viz.mask_values(_tensor(data["data"]["0"]), T, data["gate"])
    want = viz.mask_stats(m, data["near"], data["bins"])
    for key in ("mean", "std", "min", "max", "near0", "near1"):
        assert shown[key]["v"] == pytest.approx(want[key], abs=1e-4), (key, T)
        digits = 1 if key.startswith("near") else 3
        assert shown[key]["t"] == viz.format_number(shown[key]["v"], digits,
                                                     percent=key.startswith("near"))
    assert [int(c[4]) for c in cells] == want["counts"], f"histogram farklı (T = {T})"


#: Sınanan konumlar: uçlar, T = 1 ve eski karelerin (0,1 0,2 0,3 0,5 1 2 3 5 10 ...) arasındakiler
#: (ör. 23 -> T ≈ 0,029; 61 -> 0,166; 92 -> 0,692; 117 -> 2,19; 142 -> 6,92).
T_POSITIONS = [0, 23, 61, 92, 100, 117, 142, 200]


@pytest.mark.parametrize("page_name", _computed_pages())
def test_temperature_slider_matches_python(browser, site, page_name):
    p = Page(browser, site)
    try:
        page = p.goto(f"{page_name}.html")
        figs = page.query_selector_all("figure.dl-computed")
        assert figs, "sayfada hesaplanan sıcaklık kaydırıcısı yok"
        _ready(page)
        for fig in figs:
            fig.scroll_into_view_if_needed()
            data = _data(fig)
            steps = data["grid"]["steps"]
            assert steps >= 100
            ks = range(len(data["ks"])) if data["kind"] == "routing" else [0]
            k0 = data.get("k_index", 0)
            # başlangıç (JavaScript'in ilk çizimi)
            _check_against_python(fig, data, data["grid"]["index"], k0)
            for ti in sorted({min(i, steps - 1) for i in T_POSITIONS}):
                _set(page, fig, "T", ti)
                _wait_rendered(fig, ti, k0)
                _check_against_python(fig, data, ti, k0)
            ti = steps - 1  # son sınanan konum
            for ki in ks:
                if ki == k0:
                    continue
                _set(page, fig, "K", ki)
                _wait_rendered(fig, ti, ki)
                _check_against_python(fig, data, ti, ki)
                ti = 23 if ti != 23 else steps - 1
                _set(page, fig, "T", ti)
                _wait_rendered(fig, ti, ki)
                _check_against_python(fig, data, ti, ki)
        assert p.errors == [] and p.external == [] and p.failed == []
    finally:
        p.close()


def _figure_state(fig):
    """Çizilen grafiğin parmak izi: Vega'nın SVG'si ve (varsa) maske tuvalinin pikselleri."""
    return fig.evaluate(
        "f => { const svg = f.querySelector('.dl-slider-chart svg'); "
        "const c = f.querySelector('.dl-slider-chart canvas'); "
        "return (svg ? svg.outerHTML : '') + '|' + (c ? c.toDataURL() : ''); }")


_CDP_VALUETEXT = {}


def _cdp_exposes_valuetext(page):
    """Bu Chromium'un CDP'si ``aria-valuetext``'i ``valuetext`` özelliğinde bildiriyor mu?

    Chromium 156 bildirmiyor (yerel ``input[type=range]``'de sayısal değeri, ``role="slider"``'da
    boş metin döndürüyor); o sürümde ağacın değer metni DOM'daki ``aria-valuetext``'ten okunur ve
    bir uyarı yazılır. Denetim ayrı, boş bir sayfada bilinen bir kaydırıcıyla yapılır."""
    key = page.context.browser.version
    if key not in _CDP_VALUETEXT:
        probe = page.context.new_page()
        try:
            probe.set_content('<div role="slider" tabindex="0" aria-label="deneme" aria-valuemin="0" '
                              'aria-valuemax="2" aria-valuenow="1" aria-valuetext="bir"></div>')
            cdp = probe.context.new_cdp_session(probe)
            try:
                nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
            finally:
                cdp.detach()
            texts = [pr["value"].get("value") for n in nodes for pr in n.get("properties", [])
                     if pr["name"] == "valuetext"]
            _CDP_VALUETEXT[key] = "bir" in texts
        finally:
            probe.close()
    return _CDP_VALUETEXT[key]


def _ax_slider_texts(page):
    """Erişilebilirlik ağacındaki kaydırıcılar: (ad, değer metni), Chromium'un kendi hesabıyla.

    CDP'si ``aria-valuetext``'i bildirmeyen Chromium sürümlerinde ad ağaçtan, değer metni DOM'daki
    ``aria-valuetext`` özniteliğinden alınır (bkz. :func:`_cdp_exposes_valuetext`)."""
    if not _cdp_exposes_valuetext(page):
        import warnings

        warnings.warn(f"Chromium {page.context.browser.version}: CDP aria-valuetext'i bildirmiyor; "
                      "değer metni DOM özniteliğinden okundu")
        return [tuple(t) for t in page.eval_on_selector_all(
            "input[type=range]",
            "is => is.map(i => [document.querySelector(`label[for='${i.id}']`)?.textContent, "
            "i.getAttribute('aria-valuetext'), Number(i.value)])")]
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    out = []
    for n in nodes:
        if (n.get("role") or {}).get("value") != "slider" or n.get("ignored"):
            continue
        props = {pr["name"]: pr["value"].get("value") for pr in n.get("properties", [])}
        text = props.get("valuetext")
        if text:
            # Chromium'un CDP'si valuetext'i UTF-8 baytlarını Latin-1 sayarak döndürür ("×" ->
            # "Ã\x97"); özniteliğin kendisi doğrudur. Yalnızca bu raporlama hatasını geri çevir.
            try:
                text = text.encode("latin-1").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                pass
        out.append(((n.get("name") or {}).get("value"), text,
                    (n.get("value") or {}).get("value")))
    return out


@pytest.mark.parametrize("page_name", _computed_pages())
def test_temperature_slider_keyboard_and_mouse(browser, site, page_name):
    from dynlayers import viz

    p = Page(browser, site)
    try:
        page = p.goto(f"{page_name}.html")
        _ready(page)
        for n, fig in enumerate(page.query_selector_all("figure.dl-computed")):
            fig.scroll_into_view_if_needed()
            data = _data(fig)
            grid = data["grid"]
            k0 = data.get("k_index", 0)
            inp = fig.query_selector('input[data-param="T"]')
            out = fig.query_selector(f'output[for="{inp.get_attribute("id")}"]')
            label = fig.query_selector(f'label[for="{inp.get_attribute("id")}"]').inner_text()
            assert page.get_by_role("slider", name=label).count() >= 1, "sürgünün adı yok"

            def expect_index(i, k=k0):
                _wait_rendered(fig, i, k)
                assert int(inp.input_value()) == i
                exponent = grid["a"] + (grid["b"] - grid["a"]) * i / (grid["steps"] - 1)
                text = viz.format_number(10 ** exponent,
                                         viz._temperature.temperature_digits(exponent))
                assert out.inner_text() == text
                assert inp.get_attribute("aria-valuetext") == text
                return text

            i0 = grid["index"]
            before = _figure_state(fig)
            inp.focus()
            page.keyboard.press("ArrowLeft")
            text = expect_index(i0 - 1)
            one_step = _figure_state(fig)
            assert one_step != before, "bir adım sola: grafik değişmedi"
            # erişilebilirlik ağacı gösterilen değeri söyler (konum numarasını değil)
            assert (label, text) in [(a, b) for a, b, _ in _ax_slider_texts(page)]
            page.keyboard.press("End")
            expect_index(grid["steps"] - 1)
            at_end = _figure_state(fig)
            assert at_end != one_step
            # fareyle sürükleme: en sola
            box = inp.bounding_box()
            y = box["y"] + box["height"] / 2
            page.mouse.move(box["x"] + box["width"] - 2, y)
            page.mouse.down()
            page.mouse.move(box["x"] + 1, y, steps=8)
            page.mouse.up()
            expect_index(0)
            assert _figure_state(fig) != at_end, "fareyle sürükleme grafiği değiştirmedi"
            k_inp = fig.query_selector('input[data-param="K"]')
            if k_inp is not None:
                k_out = fig.query_selector(f'output[for="{k_inp.get_attribute("id")}"]')
                k_label = fig.query_selector(
                    f'label[for="{k_inp.get_attribute("id")}"]').inner_text()
                k_inp.focus()
                before_k = _figure_state(fig)
                page.keyboard.press("ArrowRight")
                _wait_rendered(fig, 0, k0 + 1)
                k_text = viz.format_number(data["ks"][k0 + 1])
                assert k_out.inner_text() == k_text == k_inp.get_attribute("aria-valuetext")
                assert (k_label, k_text) in [(a, b) for a, b, _ in _ax_slider_texts(page)]
                assert _figure_state(fig) != before_k
            fig.screenshot(path=str(SHOTS / f"{page_name.replace('/', '_')}-sicaklik{n}.png"))
        assert p.errors == [] and p.external == [] and p.failed == []
    finally:
        p.close()


@pytest.mark.parametrize("page_name", _all_slider_pages())
def test_slider_accessibility_tree_reports_shown_value(browser, site, page_name):
    """Her kaydırıcının (sıcaklık ya da değil) ekran okuyucuya söylediği değer, gösterdiği değer."""
    p = Page(browser, site)
    try:
        page = p.goto(f"{page_name}.html")
        _ready(page)
        shown = page.eval_on_selector_all(
            "figure.dl-slider input[type=range]",
            "is => is.map(i => [document.querySelector(`label[for='${i.id}']`).textContent, "
            "i.closest('.dl-slider-row').querySelector('output').textContent])")
        assert shown
        tree = [(a, b) for a, b, _ in _ax_slider_texts(page)]
        for label, text in shown:
            assert (label, text) in tree, f"{label!r}: ağaçta {text!r} yok; ağaç: {tree}"
    finally:
        p.close()


@pytest.mark.parametrize("page_name", _computed_pages())
def test_temperature_slider_without_javascript(browser, site, page_name):
    """JavaScript kapalı: başlangıç sıcaklığındaki şekil, metin karşılığı ve açıklama görünür."""
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        page.goto(f"{site}/{page_name}.html", wait_until="load")
        figs = page.query_selector_all("figure.dl-computed")
        assert figs
        for fig in figs:
            img = fig.query_selector("img.dl-slider-fallback")
            assert img is not None and img.is_visible()
            assert img.evaluate("i => i.complete && i.naturalWidth > 100")
            assert "T = " in img.get_attribute("alt")
            assert not fig.query_selector(".dl-slider-controls").is_visible()
            assert fig.query_selector(".dl-slider-stats").inner_text().startswith("T = ")
            assert len(fig.query_selector_all(".dl-slider-table td")) > 0
            assert "JavaScript" in fig.inner_text()
        SHOTS.mkdir(parents=True, exist_ok=True)
        figs[0].screenshot(path=str(SHOTS / f"{page_name.replace('/', '_')}-js-kapali.png"))
    finally:
        ctx.close()


_CONTRAST_JS = r"""
figs => {
  function rgb(s) { const m = s.match(/[\d.]+/g).map(Number); return m; }
  function lum(c) {
    const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function bg(e) {
    while (e) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length < 4 || c[3] > 0) return c; e = e.parentElement; }
    return [255, 255, 255];
  }
  const out = [];
  for (const f of figs) {
    for (const e of f.querySelectorAll('figcaption, label, output, .dl-slider-stats, summary, td, th, .dl-slider-note')) {
      if (!e.offsetParent) continue;
      const a = lum(rgb(getComputedStyle(e).color)), b = lum(bg(e));
      out.push([e.tagName + '.' + e.className, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)]);
    }
  }
  return out;
}
"""


@pytest.mark.parametrize("dark", [False, True], ids=["acik", "koyu"])
@pytest.mark.parametrize("page_name", _all_slider_pages())
def test_slider_text_contrast(browser, site, page_name, dark):
    p = Page(browser, site, dark=dark)
    try:
        page = p.goto(f"{page_name}.html")
        _ready(page)
        page.eval_on_selector_all("figure.dl-slider details", "ds => ds.forEach(d => d.open = true)")
        ratios = page.eval_on_selector_all("figure.dl-slider", _CONTRAST_JS)
        assert ratios
        low = [(what, round(r, 2)) for what, r in ratios if r < 4.5]
        assert not low, f"kontrast 4,5:1'in altında: {low}"
    finally:
        p.close()


def test_js_number_format_mirrors_python(browser, site):
    """book/_static/kaydirici.js'teki formatNumber, dynlayers.viz.format_number ile aynı yazar."""
    import random

    from dynlayers import viz

    rng = random.Random(0)
    cases = [(x, d, pc, sg) for x in (0.125, 0.375, 2.5, 3.5, -2.5, 0.045, 1.005, 2.675, -0.0004,
                                      999.9996, -999999.5, 98682, 0.99781, 1e21)
             for d in (0, 1, 2, 3, 4) for pc, sg in ((False, False), (True, False), (False, True))]
    for _ in range(600):
        x = rng.choice([rng.random(), rng.uniform(-1e6, 1e6), rng.randint(0, 4000) / 8,
                        rng.random() * 10 ** rng.randint(-8, 8)])
        cases.append((x, rng.randint(0, 6), rng.random() < 0.2, rng.random() < 0.2))
    p = Page(browser, site)
    try:
        page = p.goto(f"{_computed_pages()[0]}.html")
        got = page.evaluate(
            "cs => cs.map(c => window.dkKitap.formatNumber(c[0], c[1], {percent: c[2], sign: c[3]}))",
            [list(c) for c in cases])
        want = [viz.format_number(x, d, percent=pc, sign=sg) for x, d, pc, sg in cases]
        bad = [(c, w, g) for c, w, g in zip(cases, want, got) if w != g]
        assert not bad, bad[:5]
        # viridis: matplotlib'in tablosuyla aynı (imshow'daki gibi bayta kesilmiş)
        import matplotlib

        lut = matplotlib.colormaps["viridis"](range(256), bytes=True)[:, :3]
        expected = "".join("%02x%02x%02x" % tuple(int(v) for v in row) for row in lut)
        assert page.evaluate("window.dkKitap.VIRIDIS_HEX") == expected
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
