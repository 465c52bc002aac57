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
* Colab: defter sayfalarının Colab düğmesi ``colab/<ad>.ipynb``'yi açar (MyST'siz, okunur defter;
  ``tools/colab_notebooks.py`` üretir); sayfanın ``.ipynb`` indirme düğmesi de aynı defteri verir.
* Arama Türkçe harfsiz yazılan sorguları da bulur: Türkçe harf içeren her sözcük ayrıca ASCII
  biçimiyle dizinlenir ("evrişim" hem "evrişim" hem "evrisim" olarak).
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
#: Türkçe harflerin klavyede harfsiz yazılışı (ç -> c, ğ -> g, ı -> i, ö -> o, ş -> s, ü -> u).
_TR_ASCII = str.maketrans("çğıöşüÇĞİÖŞÜâîûÂÎÛ", "cgiosuCGIOSUaiuAIU")


def tr_lower(word: str) -> str:
    """Türkçe küçük harfe çevirme: I -> ı, İ -> i, sonra olağan küçültme."""
    return word.translate(_TR_UPPER).lower()


def tr_ascii(word: str) -> str:
    """Türkçe harfleri harfsiz karşılıklarına çevirir: "çekirdeği" -> "cekirdegi"."""
    return word.translate(_TR_ASCII)


class TurkishFoldingSearch(SearchTurkish):
    """Türkçe kök bulucu + Türkçe büyük/küçük harf katlaması."""

    def split(self, input: str) -> List[str]:
        words = super().split(input)
        extra = [w.replace("I", "i") for w in words if "I" in w]
        # Türkçe harfsiz yazılan sorgular ("evrisim", "cekirdek") da bulsun: sözcüğün ASCII biçimi
        # de dizine girer (sorgu tarafında bir şey değişmez; tarayıcı sorguyu aynı kökleyiciyle
        # kökler).
        folded = [tr_ascii(tr_lower(w)) for w in words]
        extra += [f for w, f in zip(words, folded) if f != tr_lower(w)]
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
    "Launch interactive content": "Etkileşimli olarak çalıştır",
    "Repository": "Depo",
    "Source repositories": "Kaynak kod depoları",
    "Show source": "Kaynağı göster",
    "Suggest edit": "Düzenleme öner",
    "Open issue": "Sorun bildir",
    "logo": "logosu",
    "Clear search": "Aramayı temizle",
    "Close": "Kapat",
    "Navigation": "Gezinme",
    "Table of Contents": "İçindekiler",
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


def _print_note(node: nodes.Element) -> str:
    """Basılı kopyada (açık basılan) gizli kısmın üstündeki not: çözüm, kod ya da çıktı."""
    parent = node.parent
    mode = parent.get("hide_mode", "") if parent is not None else ""
    if mode == "all":
        return "Çözüm"
    if "above-input" in node["classes"]:
        return "Kod"
    return "Çıktı"


def _visit_hidden_cell(self: Any, node: nodes.Element) -> None:
    """myst-nb'nin gizli hücre HTML'i, iki farkla: ``<summary>``'de İngilizce ``aria-label``
    ("Toggle hidden content") yok -- ekran okuyucu görünen Türkçe metni ("Çözümü göster") okur --
    ve basılı kopyanın notu ``data-dk-print`` özniteliğinde (kitap.css yazdırırken gösterir)."""
    from html import escape

    classes = " ".join(node["classes"])
    note = _print_note(node)
    self.body.append(f'<details class="admonition hide {classes}">\n')
    self.body.append(f'<summary data-dk-print="{escape(note)}">\n')
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


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


# --------------------------------------------------------------------------- kaynakça


def _visit_citation(self: Any, node: nodes.Element) -> None:
    """Kaynakça kaydı: docutils'in ``<div role="list">`` içindeki kayıtlarına verdiği
    ``role="doc-biblioentry"`` bir liste öğesi değildir (ARIA 1.2'de kullanımdan kalktı); ekran
    okuyucular listeyi boş sanar (axe-core: aria-required-children, kritik). Kayıtlar liste öğesi
    olur."""
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


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


COLAB_DIR = ROOT / "colab"


def colab_launch_url(app: Sphinx, stem: str) -> str | None:
    """Colab düğmesinin adresi: depodaki ``colab/<ad>.ipynb`` (``tools/colab_notebooks.py``).

    Adresin parçaları ``_config.yml``'den gelir (``repository.url``/``branch``,
    ``launch_buttons.colab_url``); Jupyter Book bunları temanın seçeneklerine koyar."""
    opts = app.config.html_theme_options or {}
    colab = str((opts.get("launch_buttons") or {}).get("colab_url", "")).rstrip("/")
    repo = str(opts.get("repository_url", "")).rstrip("/")
    branch = opts.get("repository_branch") or "master"
    if not colab or not repo.startswith("https://github.com/"):
        return None
    org_repo = repo[len("https://github.com/"):]
    return f"{colab}/github/{org_repo}/blob/{branch}/colab/{stem}.ipynb"


def _point_colab_button(app: Sphinx, stem: str, context: Dict[str, Any]) -> None:
    url = colab_launch_url(app, stem)
    for group in context.get("header_buttons", []):
        if group.get("label") != "launch-buttons":
            continue
        for button in group.get("buttons", []):
            if button.get("text") == "Colab" and url:
                button["url"] = url


def _colab_downloads(app: Sphinx, exception: Exception | None) -> None:
    """Sayfanın ``.ipynb`` indirmesi Colab defteriyle aynıdır (MyST'siz, okunur)."""
    if exception is not None or app.builder.format != "html":
        return
    for nb in sorted(COLAB_DIR.glob("*.ipynb")):
        dest = Path(app.outdir) / "_sources" / "book" / nb.name
        if dest.is_file():
            shutil.copyfile(nb, dest)


def _page_context(app: Sphinx, pagename: str, templatename: str, context: Dict[str, Any],
                  doctree: Any) -> None:
    if doctree is None or "header_buttons" not in context:
        return
    stem = Path(pagename).name
    src = SOURCES_DIR / f"{stem}.md"
    if not src.is_file():
        return
    _point_colab_button(app, stem, context)
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
    app.connect("build-finished", _colab_downloads)
    from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput

    app.add_node(HideCodeCellNode, override=True, html=(_visit_hidden_cell, depart_HideCellInput))
    from sphinx.writers.html5 import HTML5Translator

    app.add_node(nodes.citation, override=True,
                 html=(_visit_citation, HTML5Translator.depart_citation))
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
