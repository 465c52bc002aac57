"""Kitap okurların okuduğu her yerde okunur mu: telefonda, klavyeyle, ekran okuyucuyla, kağıtta.

Chromium (Playwright) ile, her sayfada:

* **Telefon (390×844, dokunmatik)**: sayfa ekrandan geniş değil (yana kaymıyor); ☰ (içindekiler) ve
  sayfa başlıkları düğmeleri dokunarak ve klavyeyle (Enter) açılır, Esc ve pencere dışına dokunmak
  kapatır, odak düğmeye döner.
* **Masaüstü (1280×900)**: ☰ kenar çubuğunu gizler ve geri getirir (fareyle ve klavyeyle); Tab ile
  dolaşılan her denetimin görünür bir odak halkası var; düğmelerin etiketleri Türkçe; axe-core
  ciddi (serious) ya da kritik (critical) bir erişilebilirlik ihlali bulmuyor.
* **Yazdırma** (aynı sayfada, yazdırma ortamı, A4 genişliği): hiçbir kod satırı kesilmiyor, gizli
  çözümler açık ve üstlerinde "Çözüm" notu var.

Koyu temada grafiklerin beyaz zemini ``test_browser.py``'nin koyu tema denetiminde.

Ölçümler (sayfa genişlikleri, axe sonuçları) ``_build/okunurluk.json``'a yazılır.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import BUILD_DIR, ROOT, Page, toc_pages

pytestmark = pytest.mark.browser

PAGES = toc_pages()
PHONE = (390, 844)
DESKTOP = (1280, 900)
#: A4 (210 mm) yazdırma genişliği 96 dpi'de 794 px; tarayıcının varsayılan ~1 cm kenar
#: boşluklarıyla basılabilir alan yaklaşık 718 px.
PRINT_WIDTH = 718
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
REPORT = BUILD_DIR / "okunurluk.json"
SHOTS = BUILD_DIR / "screenshots"

#: Temanın İngilizce kalmaması gereken etiketleri (title / aria-label).
ENGLISH_LABELS = ("Toggle primary sidebar", "Toggle secondary sidebar", "Launch interactive content",
                  "Toggle hidden content", "Download this page", "Source repository",
                  "Fullscreen mode", "Color mode", "Search", "Site navigation", "On this page",
                  "Copy to clipboard", "Copy", "Back to top", "Download", "Launch")
_SIDEBAR_SHOWN = ("document.getElementById('pst-primary-sidebar').checkVisibility("
                  "{visibilityProperty: true, opacityProperty: true})")


def _record(page_name: str, key: str, value) -> None:
    data = json.loads(REPORT.read_text(encoding="utf-8")) if REPORT.exists() else {}
    data.setdefault(page_name, {})[key] = value
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")


def _visible(page, selector):
    """Seçiciye uyan ilk görünür öğe (yoksa None)."""
    for el in page.query_selector_all(selector):
        if el.is_visible():
            return el
    return None


def _dialog_open(page, kind):
    return page.evaluate(f"!!document.getElementById('pst-{kind}-sidebar-modal')?.open")


def _page_width(page):
    return page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")


# ---------------------------------------------------------------------------- telefon


@pytest.mark.parametrize("page_name", PAGES)
def test_phone_width_and_sidebars(browser, site, page_name):
    p = Page(browser, site, viewport=PHONE, mobile=True)
    try:
        page = p.goto(f"{page_name}.html")
        page.wait_for_timeout(300)
        width = _page_width(page)
        _record(page_name, "telefon_genislik_px", width)
        if width > PHONE[0]:
            wide = page.evaluate(
                """(limit) => Array.from(document.querySelectorAll('.bd-article *'))
                     .filter(e => e.getBoundingClientRect().right > limit + 1)
                     .filter(e => !e.closest('pre, .highlight, table, .pst-scrollable-table-container,'
                                             + ' mjx-container, .cell_output'))
                     .slice(0, 5).map(e => e.tagName + '.' + e.className + ': '
                                       + (e.textContent || '').trim().slice(0, 50))""", PHONE[0])
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"telefon-{Path(page_name).name}.png"))
            pytest.fail(f"{page_name}: sayfa {width} px, ekran {PHONE[0]} px; taşanlar: {wide}")

        for kind in ("primary", "secondary"):
            button = _visible(page, f".{kind}-toggle")
            if kind == "primary":
                assert button is not None, "telefonda görünen ☰ düğmesi yok"
            if button is None:
                continue  # bu sayfada başlık listesi yok
            # dokunarak aç, pencerenin dışına dokunarak kapat
            button.tap()
            page.wait_for_function(f"document.getElementById('pst-{kind}-sidebar-modal').open",
                                   timeout=3000)
            assert button.get_attribute("aria-expanded") == "true"
            links = page.eval_on_selector_all(f"#pst-{kind}-sidebar-modal a",
                                              "els => els.filter(e => e.offsetParent).length")
            assert links > 0, f"{kind} menüsü açıldı ama içinde görünen bağlantı yok"
            box = page.evaluate("(id) => { const r = document.getElementById(id)"
                                ".getBoundingClientRect(); return [r.left, r.right]; }",
                                f"pst-{kind}-sidebar-modal")
            x = PHONE[0] - 5 if box[0] < 10 else 5
            page.touchscreen.tap(x, PHONE[1] // 2)
            page.wait_for_function(f"!document.getElementById('pst-{kind}-sidebar-modal').open",
                                   timeout=3000)
            assert button.get_attribute("aria-expanded") == "false"
            # klavyeyle: odaklan, Enter ile aç, Esc ile kapat; odak düğmeye döner
            button.focus()
            page.keyboard.press("Enter")
            page.wait_for_function(f"document.getElementById('pst-{kind}-sidebar-modal').open",
                                   timeout=3000)
            page.keyboard.press("Escape")
            page.wait_for_function(f"!document.getElementById('pst-{kind}-sidebar-modal').open",
                                   timeout=3000)
            assert button.evaluate("b => document.activeElement === b"), "odak düğmeye dönmedi"
        assert p.errors == [], p.errors
    finally:
        p.close()


# ---------------------------------------------------------------------------- masaüstü

#: Her görünür denetime sırayla odaklanır (önce bir Tab: tarayıcı klavye kipine geçer, :focus-visible
#: eşleşir) ve odak halkası olmayanları döndürür. Denetimler: üst çubuk ve kenar çubuğundaki her şey,
#: makaledeki bağlantılar, düğmeler, açılır özetler (summary) ve kaydırıcılar.
_FOCUS_JS = """() => {
  const sel = 'a[href], button, summary, input, select, textarea, [tabindex]:not([tabindex="-1"])';
  const all = Array.from(document.querySelectorAll(sel)).filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && !e.disabled && e.checkVisibility({visibilityProperty: true});
  });
  const bad = [];
  let header = 0;
  for (const e of all) {
    e.focus({preventScroll: true});
    if (document.activeElement !== e) continue;
    const s = getComputedStyle(e);
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
                 || (s.boxShadow && s.boxShadow !== 'none');
    if (e.closest('.bd-header-article')) header += 1;
    if (!ring) bad.push(e.tagName + '.' + String(e.className).slice(0, 40) + ' ('
                        + (e.getAttribute('aria-label') || e.getAttribute('title')
                           || e.textContent || '').trim().slice(0, 30) + ')');
  }
  document.activeElement.blur();
  return {checked: all.length, header: header, bad: bad};
}"""


def _run_axe(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
      const r = await axe.run(document, {resultTypes: ['violations']});
      return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                     nodes: v.nodes.length,
                                     first: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")


@pytest.mark.parametrize("page_name", PAGES)
def test_desktop_sidebar_focus_axe_print(browser, site, page_name):
    if not AXE.is_file():
        pytest.fail("node_modules/axe-core yok: `npm ci` çalıştırın (make test bunu kendisi yapar)")
    p = Page(browser, site, viewport=DESKTOP)
    try:
        page = p.goto(f"{page_name}.html")
        page.wait_for_timeout(300)
        # ☰: fareyle ve klavyeyle kenar çubuğunu gizle / geri getir
        button = _visible(page, ".primary-toggle")
        assert button is not None, "masaüstünde görünen ☰ düğmesi yok"
        assert page.evaluate(_SIDEBAR_SHOWN), "masaüstünde kenar çubuğu başta görünmüyor"
        assert button.get_attribute("aria-expanded") == "true"
        button.click()
        page.wait_for_function(f"!{_SIDEBAR_SHOWN}", timeout=3000)
        assert button.get_attribute("aria-expanded") == "false"
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(_SIDEBAR_SHOWN, timeout=3000)
        assert button.get_attribute("aria-expanded") == "true"
        # sayfa başlıkları: 1200 px'ten geniş ekranda sağ sütunda hep görünür (tema düğmesini
        # gizler); daha darda düğmesi menüyü açar
        if page.query_selector("#pst-secondary-sidebar .page-toc"):
            secondary = _visible(page, ".secondary-toggle")
            if secondary is None:
                assert page.evaluate(_SIDEBAR_SHOWN.replace("primary", "secondary")), \
                    "sayfa başlıkları ne görünüyor ne de açılabiliyor"
            else:
                secondary.click()
                page.wait_for_function(
                    "document.getElementById('pst-secondary-sidebar-modal').open", timeout=3000)
                page.keyboard.press("Escape")

        # Türkçe etiketler
        labels = page.evaluate("""() => Array.from(document.querySelectorAll(
            '[title], [aria-label], [data-tooltip], [data-bs-original-title], [data-bs-title],'
            + ' svg title'))
            // Bootstrap'in ipucu betiği title'ı data-bs-original-title'a taşır
            .map(e => ['title', 'aria-label', 'data-tooltip', 'data-bs-original-title',
                       'data-bs-title'].map(a => e.getAttribute(a) || '')
                      .join(' | ') + ' | ' + (e.tagName.toLowerCase() === 'title'
                                                ? e.textContent : ''))""")
        english = sorted({v.strip() for l in labels for v in l.split(" | ")
                          if v.strip() in ENGLISH_LABELS})
        assert not english, f"İngilizce etiketler: {english}"

        # odak halkası: her görünür denetim (klavye kipinde odaklanınca)
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS_JS)
        assert focus["header"] >= 3, f"üst çubukta odaklanılabilen düğme az: {focus}"
        assert not focus["bad"], (f"odak halkası görünmeyen {len(focus['bad'])}/{focus['checked']} "
                                  f"denetim: {focus['bad'][:8]}")
        _record(page_name, "odak_denetlenen", focus["checked"])

        # axe-core
        violations = _run_axe(page)
        bad = [v for v in violations if v["impact"] in ("serious", "critical")]
        _record(page_name, "axe_ihlaller",
                {v["id"]: f"{v['impact']} ({v['nodes']})" for v in violations})
        assert not bad, f"axe: ciddi/kritik ihlaller: {json.dumps(bad, ensure_ascii=False)}"
        assert p.errors == [], p.errors

        # yazdırma: A4 genişliğinde, yazdırma ortamıyla
        page.set_viewport_size({"width": PRINT_WIDTH, "height": 1000})
        page.emulate_media(media="print")
        page.wait_for_timeout(200)
        _check_print(page, page_name)
    finally:
        p.close()


def _check_print(page, page_name):
    """Yazdırırken hiçbir kod satırı kesilmez, gizli hücreler açık ve üstlerinde not var."""
    clipped = page.evaluate("""() => Array.from(document.querySelectorAll('.bd-content pre'))
        .filter(e => e.offsetParent && e.scrollWidth > e.clientWidth + 1)
        .map(e => e.textContent.split('\\n').reduce((a, b) => b.length > a.length ? b : a, '')
                    .slice(0, 70))""")
    total = page.evaluate("document.querySelectorAll('.bd-content pre').length")
    _record(page_name, "yazdirmada_kesilen_kod_blogu", f"{len(clipped)}/{total}")
    assert not clipped, f"basılı kopyada kesilen {len(clipped)}/{total} kod bloğu: {clipped[:3]}"
    hidden = page.evaluate("""() => Array.from(document.querySelectorAll('details.hide'))
        .map(d => { const body = d.querySelector('.cell_input, .cell_output, pre');
                    // kapalı <details>'in içeriği düzende yer kaplar ama çizilmez:
                    // boyuta değil görünürlüğe bakılır
                    return {shown: !!body && body.checkVisibility(),
                            note: getComputedStyle(d.querySelector('summary'), '::after')
                                    .content}; })""")
    closed = [h for h in hidden if not h["shown"]]
    assert not closed, f"basılı kopyada kapalı kalan {len(closed)}/{len(hidden)} gizli hücre"
    assert all(h["note"] not in ("none", "normal", '""') for h in hidden), hidden[:3]
    if Path(page_name).name == "03_dinamik_evrisim":
        # bir sayfanın PDF'i (gözle bakmak için): _build/03_dinamik_evrisim.pdf
        page.pdf(path=str(BUILD_DIR / "03_dinamik_evrisim.pdf"), format="A4")
