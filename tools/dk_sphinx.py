"""Dinamik Katmanlar kitabının yerel Sphinx eklentisi (``_config.yml`` -> ``sphinx.local_extensions``).

Yaptıkları:

* Kaydırıcılar: derleme sürecinde ``DYNLAYERS_SLIDERS=static`` ayarlanır; myst-nb'nin başlattığı
  çekirdekler bunu miras alır, böylece ``dynlayers.viz`` kaydırıcıları sayfaya gömülen HTML üretir
  (``make book`` dışında, çıplak ``jupyter-book build`` ile de): ``slider_plot`` önceden çizilmiş
  karelerle, ``routing_slider``/``mask_slider`` kaydedilmiş logitlerle; ikisini de
  ``book/_static/kaydirici.js`` çalıştırır.
* ``book/_static`` içindeki her ``.css``/``.js`` dosyası her sayfaya eklenir (Jupyter Book bunu
  yalnızca kökteki ``_static`` için yapar).
* Çevrimdışı site: MathJax, require.js, ipywidgets HTML yöneticisi ve (sıcaklık kaydırıcıları için)
  Vega ile Vega-Lite ``node_modules``'tan (``npm ci``) ``_build/html/_static/vendor/`` altına
  kopyalanır; ``_config.yml`` ``mathjax_path`` ve ``nb_ipywidgets_js`` ile bunlara bakar.
  ``node_modules`` yoksa derleme uyarı verir (``-W`` ile hata).
* Türkçe arama: dizin oluşturulurken sözcükler Türkçe kurallarıyla küçültülür (I -> ı, İ -> i);
  büyük I içeren sözcükler ayrıca I -> i biçimiyle de dizinlenir ("ImageNet" hem "ımagenet" hem
  "imagenet" olarak bulunur). Sorgu tarafını ``book/_static/turkce-arama.js`` aynı kuralla küçültür.
* Arayüz metinleri: temanın İngilizce kalan ya da kötü çevrilmiş metinleri Türkçeleştirilir.
* İndirme düğmesi: ``.ipynb``'nin yanına Jupytext kaynağı ``.md`` eklenir
  (``notebooks_src/<ad>.md`` -> ``_sources/book/<ad>.md``).
* Gizli hücre düğmeleri: gizleme türüne göre Türkçe metin (çözüm / kod / çıktı).
"""

from __future__ import annotations

import gettext
import os
import re
import shutil
from pathlib import Path
from typing import Any, Dict, List

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.search import languages as search_languages
from sphinx.search.tr import SearchTurkish
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
STATIC_DIR = ROOT / "book" / "_static"
NODE_MODULES = ROOT / "node_modules"
SOURCES_DIR = ROOT / "notebooks_src"

# --------------------------------------------------------------------------- Türkçe arama

_TR_UPPER = str.maketrans({"I": "ı", "İ": "i"})


def tr_lower(word: str) -> str:
    """Türkçe küçük harfe çevirme: I -> ı, İ -> i, sonra olağan küçültme."""
    return word.translate(_TR_UPPER).lower()


class TurkishFoldingSearch(SearchTurkish):
    """Türkçe kök bulucu + Türkçe büyük/küçük harf katlaması."""

    def split(self, input: str) -> List[str]:
        words = super().split(input)
        extra = [w.replace("I", "i") for w in words if "I" in w]
        return words + extra

    def stem(self, word: str) -> str:
        return self.stemmer.stemWord(tr_lower(word))

    def word_filter(self, word: str) -> bool:
        return super().word_filter(tr_lower(word))


# --------------------------------------------------------------------------- arayüz metinleri

#: Sphinx'in ve pydata/book temalarının metinleri için Türkçe karşılıklar. Önce bunlara bakılır,
#: bulunmazsa paketlerin kendi çevirilerine.
UI_STRINGS: Dict[str, str] = {
    # pydata-sphinx-theme (Türkçe kataloğu yok)
    "Search": "Ara",
    "Search...": "Ara...",
    "Search the docs ...": "Kitapta ara...",
    "Search this book...": "Kitapta ara...",
    "Skip to main content": "Ana içeriğe geç",
    "Back to top": "Başa dön",
    "Color mode": "Renk kipi",
    "Light": "Açık",
    "Dark": "Koyu",
    "System Settings": "Sistem ayarı",
    "On this page": "Bu sayfada",
    "Section Navigation": "Bölüm gezintisi",
    "Site navigation": "Site gezintisi",
    "Breadcrumb": "Konum",
    "Home": "Ana sayfa",
    "previous": "önceki",
    "next": "sonraki",
    "previous page": "önceki sayfa",
    "next page": "sonraki sayfa",
    "Collapse Sidebar": "Kenar çubuğunu daralt",
    "Expand Sidebar": "Kenar çubuğunu genişlet",
    "Show Source": "Kaynağı göster",
    "Announcement": "Duyuru",
    "Version warning": "Sürüm uyarısı",
    "Indices": "Dizinler",
    "Searching for multiple words only shows matches that contain\n    all words.":
        "Birden çok sözcükle yapılan arama yalnızca bütün sözcükleri içeren sayfaları gösterir.",
    # sphinx-book-theme (Türkçe kataloğu var ama bazı metinleri eksik ya da kötü)
    "Launch": "Çalıştır",
    "Launch on": "Şurada aç:",
    "Download this page": "Bu sayfayı indir",
    "Download notebook file": "Defteri (.ipynb) indir",
    "Download source file": "Kaynak dosyayı indir",
    "Print to PDF": "PDF olarak yazdır",
    "Fullscreen mode": "Tam ekran",
    "Source repository": "Kaynak kod deposu",
    "repository": "depo",
    "open issue": "sorun bildir",
    "Open an issue": "Sorun bildir",
    "suggest edit": "düzenleme öner",
    "Edit this page": "Bu sayfayı düzenle",
    "Toggle navigation": "Gezinme menüsünü aç/kapat",
    "Contents": "İçindekiler",
    "By": "Yazan:",
    "By the": "Yazan:",
    "Theme by the": "Tema:",
    "Sphinx Book Theme": "Sphinx Book Theme",
    "Copyright": "Telif hakkı",
    "Last updated on": "Son güncelleme:",
    "Live Code": "Canlı kod",
    "Launch Thebe": "Thebe'yi başlat",
}


class _OverrideTranslations(gettext.NullTranslations):
    """Önce ``UI_STRINGS``'e, sonra önceki kataloğa bakan çeviri nesnesi."""

    def __init__(self, mapping: Dict[str, str], fallback: gettext.NullTranslations | None):
        super().__init__()
        self._mapping = mapping
        if fallback is not None:
            self.add_fallback(fallback)

    def gettext(self, message: str) -> str:
        if message in self._mapping:
            return self._mapping[message]
        return super().gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        if n == 1 and msgid1 in self._mapping:
            return self._mapping[msgid1]
        return super().ngettext(msgid1, msgid2, n)


def _install_translations(app: Sphinx) -> None:
    """``UI_STRINGS``'i Sphinx'in ve temanın çeviri nesnelerine yerleştirir.

    Jinja şablonları, derleyici kurulurken alınmış çeviri nesnesini kullanır; bu yüzden nesneyi
    değiştirmek yerine katalog sözlüğünü güncelliyoruz."""
    from sphinx import locale

    for key, translator in list(locale.translators.items()):
        if key[1] not in ("sphinx", "booktheme"):
            continue
        catalog = getattr(translator, "_catalog", None)
        if isinstance(catalog, dict):
            catalog.update(UI_STRINGS)
        elif not isinstance(translator, _OverrideTranslations):
            locale.translators[key] = _OverrideTranslations(UI_STRINGS, translator)


# --------------------------------------------------------------------------- yapılandırma


def _config_inited(app: Sphinx, config: Any) -> None:
    os.environ.setdefault("DYNLAYERS_SLIDERS", "static")
    search_languages["tr"] = TurkishFoldingSearch
    # book/_static içindeki her CSS/JS her sayfaya.
    if STATIC_DIR.is_dir():
        for path in sorted(STATIC_DIR.rglob("*.css")):
            app.add_css_file(path.relative_to(STATIC_DIR).as_posix())
        for path in sorted(STATIC_DIR.rglob("*.js")):
            app.add_js_file(path.relative_to(STATIC_DIR).as_posix())
    opts = dict(config.html_theme_options or {})
    opts.setdefault("use_download_button", True)
    opts.setdefault("use_fullscreen_button", True)
    opts.setdefault("show_toc_level", 2)
    opts["search_bar_text"] = "Kitapta ara..."
    config.html_theme_options = opts


# --------------------------------------------------------------------------- gizli hücreler

_PROMPTS = {
    "all": ("Çözümü göster", "Çözümü gizle"),
    "input": ("Kodu göster", "Kodu gizle"),
    "output": ("Çıktıyı göster", "Çıktıyı gizle"),
    "input+output": ("Kodu ve çıktıyı göster", "Kodu ve çıktıyı gizle"),
}


def _doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    default_show = app.config.nb_code_prompt_show
    default_hide = app.config.nb_code_prompt_hide
    for node in doctree.findall(nodes.container):
        mode = node.get("hide_mode")
        if mode not in _PROMPTS:
            continue
        show, hide = _PROMPTS[mode]
        if node.get("prompt_show") == default_show:
            node["prompt_show"] = show
        if node.get("prompt_hide") == default_hide:
            node["prompt_hide"] = hide


# --------------------------------------------------------------------------- .md indirme


def _dedupe_scripts(app: Sphinx, pagename: str, templatename: str, context: Dict[str, Any],
                    doctree: Any) -> None:
    """Aynı satır içi betiği iki kez eklememek için (sphinx-thebe'nin yapılandırma betiği, Sphinx
    7.4 ile sayfaya iki kez girer ve "THEBE_JS_URL has already been declared" hatası verir)."""
    seen = set()
    unique = []
    for js in context.get("script_files", []):
        key = (str(getattr(js, "filename", js) or ""), repr(getattr(js, "attributes", {})))
        if key in seen:
            continue
        seen.add(key)
        unique.append(js)
    context["script_files"] = unique


def _page_context(app: Sphinx, pagename: str, templatename: str, context: Dict[str, Any],
                  doctree: Any) -> None:
    if doctree is None or "header_buttons" not in context:
        return
    stem = Path(pagename).name
    src = SOURCES_DIR / f"{stem}.md"
    if not src.is_file():
        return
    dest = Path(app.outdir) / "_sources" / f"{pagename}.md"
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dest)
    url = f"{context['pathto']('_sources', 1)}/{pagename}.md"
    for group in context["header_buttons"]:
        if group.get("label") != "download-buttons":
            continue
        buttons = group["buttons"]
        for button in buttons:
            if button.get("label") == "download-source-button" and button.get("text") == ".ipynb":
                button["tooltip"] = "Defteri (.ipynb) indir"
        buttons.insert(
            1,
            {
                "type": "link",
                "url": url,
                "text": ".md",
                "tooltip": "Jupytext kaynağını (.md) indir",
                "icon": "fas fa-file-lines",
                "label": "download-md-button",
            },
        )


# --------------------------------------------------------------------------- yerel dosyalar

#: node_modules içinden kopyalanacaklar: (kaynak, hedef _static/vendor altında, atlanacak desen).
VENDOR = [
    ("mathjax/es5", "mathjax",
     re.compile(r"(^|/)(tex-svg|tex-mml|mml-|tex-chtml-full|node-main|output/svg)")),
    ("requirejs/require.js", "require.js", None),
    ("@jupyter-widgets/html-manager/dist", "html-manager", re.compile(r"\.map$|^embed\.js|^libembed")),
    # Sıcaklık kaydırıcılarının grafikleri (book/_static/kaydirici.js yalnızca gereken sayfada yükler).
    ("vega/build/vega.min.js", "vega/vega.min.js", None),
    ("vega-lite/build/vega-lite.min.js", "vega/vega-lite.min.js", None),
    ("vega/LICENSE", "vega/LICENSE-vega.txt", None),
    ("vega-lite/LICENSE", "vega/LICENSE-vega-lite.txt", None),
]


def _copy_vendor(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    dest_root = Path(app.outdir) / "_static" / "vendor"
    missing = [src for src, _, _ in VENDOR if not (NODE_MODULES / src).exists()]
    if missing:
        LOGGER.warning(
            "node_modules içinde %s yok: formüller ve bileşenler çevrimdışı yüklenemez. "
            "`npm ci` çalıştırın (make book bunu kendisi yapar).", ", ".join(missing)
        )
        return
    for src, dest, skip in VENDOR:
        s = NODE_MODULES / src
        d = dest_root / dest
        if s.is_file():
            d.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(s, d)
            continue
        if d.exists():
            shutil.rmtree(d)

        def ignore(dirpath: str, names: List[str], s=s, skip=skip) -> List[str]:
            if skip is None:
                return []
            rel = Path(dirpath).relative_to(s).as_posix()
            rel = "" if rel == "." else rel + "/"
            return [n for n in names if skip.search(rel + n)]

        shutil.copytree(s, d, ignore=ignore)


def setup(app: Sphinx) -> Dict[str, Any]:
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _install_translations, priority=900)
    app.connect("doctree-read", _doctree_read)
    app.connect("html-page-context", _page_context, priority=600)
    app.connect("html-page-context", _dedupe_scripts, priority=590)
    app.connect("build-finished", _copy_vendor)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
