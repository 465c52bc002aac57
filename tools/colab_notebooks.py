"""Colab defterlerini MyST kaynaklarından üretir (``make colab``; ``make sync`` de çağırır).

Kitabın HTML'i ``book/<ad>.ipynb`` eşlerinden (MyST) derlenir; orada sözlük ipuçları, kaynak
gösterimleri, gizli çözümler ve şekil altyazıları Sphinx'in işidir. Colab MyST bilmez: aynı defteri
açan okur ham ``{term}`...``` rolleri, kaynakça anahtarları ve açık çözümler görürdü. Bu betik her
``notebooks_src/<ad>.md`` kaynağından **düz Markdown** bir defter yazar, ``colab/<ad>.ipynb``:

* sözlük terimleri (``{term}``) yayımlanan kitabın sözlük maddesine bağlantı olur;
* kaynak gösterimleri (``{cite:p}``, ``{cite:t}``) kitabın HTML'indeki gibi köşeli ayraçlı yazar–yıl
  metni olur ("[Yang vd., 2019]", "Yang vd. [2019]") ve kaynakça sayfasındaki kayda bağlanır; ``{doc}``/``{ref}`` göndermeleri kitabın HTML sayfalarına bağlantı olur;
* yapıştırılan değerler (``{glue:text}`ad``` vb.) **`ad`** olarak yazılır: Colab'da o değeri hesaplayan
  hücre, çalışınca çıktısında ``ad = …`` satırını gösterir (``dynlayers.viz.glue_number``);
* uyarı kutuları ve açılır kutular (``{note}``, ``{admonition}``, ``{dropdown}`` ...) başlıklı alıntı
  bloğu olur; ``{figure}``/``{image}`` mutlak adresli resim + altyazı olur; ``{math}`` ``$$`` olur;
  hedef satırları (``(etiket)=``) ve MyST yorumları (``% ...``) atılır; matematik olduğu gibi kalır;
* hesaplanan şekillerin altyazısı ve betimlemesi (hücre metadata'sı ``mystnb.figure.caption`` ve
  ``mystnb.image.alt``) şeklin altına bir Markdown hücresi olarak yazılır;
* ``hide-cell`` çözümleri Colab'ın gizlediği biçimde yazılır: ilk satır ``# @title Çözüm`` ve hücre
  metadata'sı ``"cellView": "form"`` (Colab kodu katlar, başlığı gösterir); ``remove-cell`` /
  ``remove-input`` / ``hide-input`` hücreleri de başlıklı form olur (kurulum hücresi dâhil: Colab'da
  gerekir);
* tanımadığı bir rol ya da yönerge görünce yazmaz, dosyayı ve satırı söyleyerek hata verir: yeni bir
  MyST öğesi önce buraya bir çeviri ister.

Adresler tek yerden gelir: yayımlanan kitap ``_config.yml`` -> ``html.baseurl``; depo ve dal
``repository.url`` / ``repository.branch`` (resimler ``raw.githubusercontent.com`` üzerinden).
Kitabın Colab düğmeleri ``colab/<ad>.ipynb``'yi açar (``tools/dk_sphinx.py``). Colab defterleri
depoya girer (Colab onları GitHub'dan açar); elle düzenlenmez: ``--check`` içerik olarak güncel
değillerse 1 ile çıkar, ``tests/book/test_colab.py`` de aynı karşılaştırmayı yapar.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
SRC_DIR = "notebooks_src"
BOOK_DIR = "book"
COLAB_DIR = "colab"
GLOSSARY_DOC = "book/sozluk"
BIBLIOGRAPHY_DOC = "book/kaynakca"
#: ``_config.yml``'deki ``bibtex_cite_id`` ile aynı olmalı (kaynakça kayıtlarının HTML kimliği).
CITE_ID = "cite-{key}"

SOLUTION_TITLE = "Çözüm"
#: Kitapta görünmeyen (ya da kodu katlanan) hücrelerin Colab form başlıkları.
FORM_TITLES = {
    "install": "Kurulum: Colab'da dynlayers paketini kurar",
    "remove-cell": "Hazırlık (kitabın web sayfasında gösterilmeyen kod)",
    "remove-input": "Kod (kitabın web sayfasında yalnızca çıktısı görünür)",
    "hide-input": "Kod (kitabın web sayfasında katlı)",
}

#: Uyarı kutularının Türkçe başlıkları (başlık verilmemişse).
ADMONITION_TITLES = {
    "note": "Not", "tip": "İpucu", "hint": "İpucu", "important": "Önemli", "warning": "Uyarı",
    "caution": "Dikkat", "attention": "Dikkat", "danger": "Tehlike", "error": "Hata",
    "seealso": "Ayrıca bakınız", "admonition": "", "dropdown": "", "margin": "Kenar notu",
    "sidebar": "", "topic": "", "epigraph": "", "pull-quote": "", "highlights": "",
}


class ConversionError(ValueError):
    """Kaynakta Colab'a çevrilemeyen bir MyST öğesi."""


# ============================================================================ site bilgisi


@dataclass
class Site:
    """Bağlantıların kurulduğu bilgiler: adresler, sözlük, kaynakça, sayfa başlıkları, etiketler."""

    base: str                      # yayımlanan kitabın adresi, "/" ile biter
    raw: str                       # depodaki dosyaların ham adresi, "/" ile biter
    repo_url: str
    branch: str
    terms: Dict[str, str] = field(default_factory=dict)          # küçük harfli terim -> kimlik
    cites: Dict[str, Tuple[str, str]] = field(default_factory=dict)  # anahtar -> (yazar, yıl)
    titles: Dict[str, str] = field(default_factory=dict)         # "book/00_giris" -> başlık
    labels: Dict[str, Tuple[str, str, str]] = field(default_factory=dict)  # etiket -> (sayfa, kimlik, metin)
    #: sayfa -> kitapta ondan önce gelen numaralı şekil sayısı (Sphinx şekilleri içindekiler
    #: sırasıyla, kitap boyunca numaralar: "Şekil 5" ikinci bölümün ilk şekli olabilir)
    fig_start: Dict[str, int] = field(default_factory=dict)

    def page(self, docname: str, anchor: str = "") -> str:
        return f"{self.base}{docname}.html" + (f"#{anchor}" if anchor else "")


def _config(root: Path) -> dict:
    import yaml

    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}


def published_url(root: Path = ROOT) -> str:
    """Yayımlanan kitabın adresi (``_config.yml`` -> ``html.baseurl``), ``/`` ile biten."""
    url = str(((_config(root).get("html") or {}).get("baseurl") or "")).strip()
    if not url.startswith("https://"):
        raise SystemExit(
            f"_config.yml: html.baseurl yayımlanan kitabın https adresi olmalı; {url!r} bulundu.")
    return url.rstrip("/") + "/"


def raw_url(repo_url: str, branch: str) -> str:
    """Depodaki bir dosyanın Colab'ın yükleyebildiği ham adresi (yalnızca GitHub)."""
    u = urlparse(repo_url)
    if u.netloc != "github.com":
        raise SystemExit(f"_config.yml: repository.url bir GitHub adresi olmalı; {repo_url!r}.")
    return f"https://raw.githubusercontent.com{u.path.rstrip('/')}/{branch}/"


def _glossary_terms(root: Path) -> Dict[str, str]:
    """Sözlük yönergesindeki terimler -> Sphinx'in onlara verdiği HTML kimliği (``term-...``)."""
    from sphinx.util.nodes import _make_id

    text = (root / f"{GLOSSARY_DOC}.md").read_text(encoding="utf-8")
    m = re.search(r"^(`{3,}|:{3,})\{glossary\}[^\n]*\n(.*?)^\1\s*$", text, re.M | re.S)
    if not m:
        raise SystemExit(f"{GLOSSARY_DOC}.md içinde {{glossary}} yönergesi yok.")
    terms: Dict[str, str] = {}
    seen: Dict[str, str] = {}
    for line in m.group(2).splitlines():
        if not line.strip() or line[0].isspace() or line.startswith(":"):
            continue
        term = line.strip()
        anchor = _make_id(f"term-{term}")
        if anchor in seen:
            raise SystemExit(f"Sözlükte {term!r} ile {seen[anchor]!r} aynı kimliği alır ({anchor}).")
        seen[anchor] = term
        terms[term.lower()] = anchor
    return terms


def _latex_plain(s: str) -> str:
    return re.sub(r"[{}]", "", s).replace("\\", "").strip()


def _bib_entries(root: Path) -> Dict[str, Tuple[str, str]]:
    """``references.bib`` -> anahtar -> (yazar metni, yıl), kitabın yazar–yıl biçiminde."""
    from pybtex.database import parse_file

    cfg = _config(root)
    files = cfg.get("bibtex_bibfiles") or ["references.bib"]
    out: Dict[str, Tuple[str, str]] = {}
    for name in files:
        data = parse_file(str(root / name), bib_format="bibtex")
        for key, entry in data.entries.items():
            people = entry.persons.get("author") or entry.persons.get("editor") or []
            last = [_latex_plain(" ".join(p.prelast_names + p.last_names)) for p in people]
            if not last:
                who = _latex_plain(entry.fields.get("organization", key))
            elif len(last) == 1:
                who = last[0]
            elif len(last) == 2:
                who = f"{last[0]} ve {last[1]}"
            else:
                who = f"{last[0]} vd."
            out[key] = (who, _latex_plain(entry.fields.get("year", "t.y.")))
    return out


_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_TARGET = re.compile(r"^\(([^()\s]+)\)=\s*$")


def _pages(root: Path) -> Dict[str, Path]:
    """Kitap sayfaları: ``book/<ad>`` -> metnin okunacağı dosya (bölümler için MyST kaynağı)."""
    pages: Dict[str, Path] = {}
    for p in sorted((root / BOOK_DIR).glob("*.md")):
        pages[f"{BOOK_DIR}/{p.stem}"] = p
    for p in sorted((root / SRC_DIR).glob("*.md")):
        pages[f"{BOOK_DIR}/{p.stem}"] = p
    return pages


def _slug(title: str) -> str:
    """myst-parser'ın başlıklara verdiği HTML kimliği (Sphinx bölüm kimliği)."""
    from docutils.nodes import make_id

    return make_id(title)


def _titles_and_labels(root: Path):
    titles: Dict[str, str] = {}
    labels: Dict[str, Tuple[str, str, str]] = {}
    for doc, path in _pages(root).items():
        pending: List[str] = []
        in_fence = None
        fence_start = 0
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            fence = re.match(r"^(`{3,}|~{3,})", line)
            if fence:
                if in_fence is None:
                    in_fence = fence.group(1)
                    fence_start = i
                elif line.startswith(in_fence):
                    in_fence = None
                # kod hücresinin metadata'sındaki şekil adı: name: fig-...
                continue
            if in_fence is not None:
                m = re.match(r"^\s+name:\s*(\S+)\s*$", line)
                if m and "figure:" in "\n".join(lines[max(0, i - 6):i]):
                    cap = _figure_caption_near(lines, i)
                    labels[m.group(1)] = (doc, m.group(1), cap or "şekil")
                # {figure} yönergesinin adı: :name: fig-...
                m = re.match(r"^:name:\s*(\S+)\s*$", line)
                if m and _FIGURE_OPEN.match(lines[fence_start]):
                    labels[m.group(1)] = (doc, m.group(1), "şekil")
                continue
            t = _TARGET.match(line)
            if t:
                pending.append(t.group(1))
                continue
            h = _HEADING.match(line)
            if h:
                title = _strip_inline(h.group(2))
                if len(h.group(1)) == 1 and doc not in titles:
                    titles[doc] = title
                for label in pending:
                    labels[label] = (doc, label, title)
                pending = []
            elif line.strip():
                pending = []
    return titles, labels


def _figure_caption_near(lines: List[str], i: int) -> str:
    for j in range(max(0, i - 8), i):
        m = re.match(r"^\s+caption:\s*(.+)$", lines[j])
        if m:
            return m.group(1).strip()
    return ""


def _strip_inline(text: str) -> str:
    """Başlık metnindeki rolleri düz metne çevirir (bağlantı metni olarak kullanmak için)."""
    return re.sub(r"\{[^}]+\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", text).strip()


def toc_docs(root: Path = ROOT) -> List[str]:
    """``_toc.yml``'deki sayfalar, kitaptaki sırayla (ör. ``book/00_giris``)."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {}
    docs = [toc["root"]]

    def walk(entries):
        for e in entries or []:
            if isinstance(e, dict):
                if "file" in e:
                    docs.append(e["file"])
                walk(e.get("sections"))

    walk(toc.get("chapters"))
    for part in toc.get("parts") or []:
        walk(part.get("chapters"))
    return [str(Path(d).with_suffix("")) for d in docs]


_FIGURE_OPEN = re.compile(r"^(\s*)(`{3,}|:{3,})\{(figure|glue:figure)\}")


def _captioned_figures_in_markdown(text: str) -> int:
    """``{figure}``/``{glue:figure}`` yönergelerinden altyazısı olanların sayısı (numaralananlar)."""
    lines, count, i = text.splitlines(), 0, 0
    while i < len(lines):
        m = _FIGURE_OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        fence = m.group(2)
        end = i + 1
        while end < len(lines) and lines[end].strip() != fence:
            end += 1
        _, body = _parse_options(lines[i + 1:end])
        count += any(l.strip() for l in body)
        i = end + 1
    return count


def _captioned_figures(path: Path) -> int:
    if path.parent.name == SRC_DIR:
        import jupytext

        nb = jupytext.read(path, fmt="md:myst")
        n = 0
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                n += _captioned_figures_in_markdown(cell.source)
            elif ((cell.metadata.get("mystnb") or {}).get("figure") or {}).get("caption"):
                n += 1
        return n
    return _captioned_figures_in_markdown(path.read_text(encoding="utf-8"))


def _figure_starts(root: Path) -> Dict[str, int]:
    pages = _pages(root)
    starts, total = {}, 0
    for doc in toc_docs(root):
        starts[doc] = total
        if doc in pages:
            total += _captioned_figures(pages[doc])
    return starts


def load_site(root: Path = ROOT) -> Site:
    cfg = _config(root)
    repo = cfg.get("repository") or {}
    repo_url = str(repo.get("url", "")).rstrip("/")
    branch = str(repo.get("branch") or "master")
    titles, labels = _titles_and_labels(root)
    return Site(base=published_url(root), raw=raw_url(repo_url, branch), repo_url=repo_url,
                branch=branch, terms=_glossary_terms(root), cites=_bib_entries(root),
                titles=titles, labels=labels, fig_start=_figure_starts(root))


# ============================================================================ satır içi roller

#: Bir rol ya da satır içi kod; kod içindeki "rol" dokunulmadan kalır.
_INLINE = re.compile(
    r"(?P<role>\{(?P<name>[A-Za-z][\w:+.-]*)\}(?P<tick>`+)(?P<body>.+?)(?P=tick))"
    r"|(?P<code>(?P<ct>`+).+?(?P=ct))",
    re.S,
)
_TEXT_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)


def _split_target(body: str) -> Tuple[Optional[str], str]:
    m = _TEXT_TARGET.match(body.strip())
    if m and m.group("text"):
        return m.group("text").strip(), m.group("target").strip()
    return None, body.strip()


def _md_link(text: str, url: str) -> str:
    text = text.replace("[", r"\[").replace("]", r"\]")
    return f"[{text}]({url})"


@dataclass
class Context:
    """Bir defterin çevirisi sırasında kullanılan bilgiler."""

    site: Site
    doc: str                       # "book/00_giris"
    source: str                    # hata iletileri için dosya adı
    glue_names: List[str] = field(default_factory=list)
    line: int = 0
    figures: int = -1              # bu sayfada şimdiye kadar numaralanan şekiller

    def next_figure(self) -> int:
        """Sıradaki şeklin kitaptaki numarası (HTML'deki "Şekil N" ile aynı)."""
        if self.figures < 0:
            self.figures = self.site.fig_start.get(self.doc, 0)
        self.figures += 1
        return self.figures


def _role_term(ctx: Context, body: str) -> str:
    text, target = _split_target(body)
    key = target.lower()
    if key not in ctx.site.terms:
        raise ConversionError(f"sözlükte böyle bir terim yok: {target!r}")
    return _md_link(text or target, ctx.site.page(GLOSSARY_DOC, ctx.site.terms[key]))


def _cite_link(ctx: Context, key: str, text: str) -> str:
    return _md_link(text, ctx.site.page(BIBLIOGRAPHY_DOC, CITE_ID.format(key=_cite_anchor(key))))


def _cite_anchor(key: str) -> str:
    from docutils.nodes import make_id

    return make_id(key)


def _cite_keys(ctx: Context, body: str) -> List[Tuple[str, str, str]]:
    out = []
    for key in [k.strip() for k in body.split(",") if k.strip()]:
        if key not in ctx.site.cites:
            raise ConversionError(f"references.bib içinde böyle bir kayıt yok: {key!r}")
        who, year = ctx.site.cites[key]
        out.append((key, who, year))
    return out


def _role_cite_p(ctx: Context, body: str) -> str:
    """``[Yang vd., 2019; Hu vd., 2018]``: kitabın HTML'i gibi köşeli ayraç, her kayıt bağlantı."""
    parts = [_cite_link(ctx, key, f"{who}, {year}") for key, who, year in _cite_keys(ctx, body)]
    return "[" + "; ".join(parts) + "]"


def _role_cite_t(ctx: Context, body: str) -> str:
    """``Yang vd. [2019]``: metnin içinde yazar, ayraç içinde bağlantılı yıl."""
    parts = [f"{who} [{_cite_link(ctx, key, year)}]" for key, who, year in _cite_keys(ctx, body)]
    return ", ".join(parts)


def _resolve_doc(ctx: Context, target: str) -> str:
    target = target.strip()
    for suffix in (".md", ".ipynb"):
        if target.endswith(suffix):
            target = target[: -len(suffix)]
    if target.startswith("/"):
        doc = target.lstrip("/")
    else:
        base = ctx.doc.rsplit("/", 1)[0]
        parts: List[str] = base.split("/") if base else []
        for piece in target.split("/"):
            if piece == "..":
                parts = parts[:-1]
            elif piece not in ("", "."):
                parts.append(piece)
        doc = "/".join(parts)
    if doc not in ctx.site.titles:
        raise ConversionError(f"böyle bir sayfa yok: {target!r}")
    return doc


def _role_doc(ctx: Context, body: str) -> str:
    text, target = _split_target(body)
    doc = _resolve_doc(ctx, target)
    return _md_link(text or ctx.site.titles[doc], ctx.site.page(doc))


def _role_ref(ctx: Context, body: str) -> str:
    text, target = _split_target(body)
    if target not in ctx.site.labels:
        raise ConversionError(f"böyle bir etiket yok: {target!r}")
    doc, anchor, title = ctx.site.labels[target]
    return _md_link(text or title, ctx.site.page(doc, anchor))


def _role_numref(ctx: Context, body: str) -> str:
    text, target = _split_target(body)
    if target not in ctx.site.labels:
        raise ConversionError(f"böyle bir etiket yok: {target!r}")
    doc, anchor, _ = ctx.site.labels[target]
    shown = re.sub(r"\s*(%s|\{number\}|\{name\})", "", text).strip() if text else "şekil"
    return _md_link(shown or "şekil", ctx.site.page(doc, anchor))


def _role_eq(ctx: Context, body: str) -> str:
    text, target = _split_target(body)
    return _md_link(text or "denklem", ctx.site.page(ctx.doc, f"equation-{target}"))


def _glue_name(body: str) -> str:
    name = body.strip()
    if "::" in name:  # başka defterden: yol::ad
        name = name.split("::", 1)[1]
    return name.split(":", 1)[0].strip()


def _role_glue(ctx: Context, body: str) -> str:
    name = _glue_name(body)
    if name not in ctx.glue_names:
        ctx.glue_names.append(name)
    return f"**`{name}`**"


def _role_code(ctx: Context, body: str) -> str:
    text, target = _split_target(body)
    shown = text or target
    if shown.startswith("~"):
        shown = shown[1:].rsplit(".", 1)[-1]
    tick = "``" if "`" in shown else "`"
    return f"{tick}{shown}{tick}"


def _role_html(tag: str) -> Callable[[Context, str], str]:
    return lambda ctx, body: f"<{tag}>{body}</{tag}>"


def _role_download(ctx: Context, body: str) -> str:
    text, target = _split_target(body)
    return _md_link(text or target.rsplit("/", 1)[-1], _absolute(ctx, target))


ROLES: Dict[str, Callable[[Context, str], str]] = {
    "term": _role_term,
    "cite": _role_cite_p, "cite:p": _role_cite_p, "cite:ps": _role_cite_p, "cite:alp": _role_cite_p,
    "cite:t": _role_cite_t, "cite:ts": _role_cite_t, "cite:ct": _role_cite_t,
    "doc": _role_doc, "ref": _role_ref, "numref": _role_numref, "eq": _role_eq,
    "math": lambda ctx, body: f"${body}$",
    "glue": _role_glue, "glue:": _role_glue, "glue:text": _role_glue, "glue:md": _role_glue,
    "glue:any": _role_glue,
    "abbr": lambda ctx, body: body.strip(),
    "sub": _role_html("sub"), "sup": _role_html("sup"), "kbd": _role_html("kbd"),
    "download": _role_download,
    "code": _role_code, "literal": _role_code, "samp": _role_code, "file": _role_code,
    "command": _role_code, "program": _role_code, "envvar": _role_code,
    "class": _role_code, "func": _role_code, "meth": _role_code, "mod": _role_code,
    "attr": _role_code, "obj": _role_code, "data": _role_code, "exc": _role_code,
    "py:class": _role_code, "py:func": _role_code, "py:meth": _role_code, "py:mod": _role_code,
    "py:attr": _role_code, "py:obj": _role_code, "py:data": _role_code, "py:exc": _role_code,
}


def convert_inline(text: str, ctx: Context) -> str:
    """Satır içi rolleri düz Markdown'a çevirir; satır içi koda dokunmaz."""

    def repl(m: re.Match) -> str:
        if m.group("code"):
            return m.group(0)
        name = m.group("name")
        handler = ROLES.get(name)
        if handler is None:
            raise ConversionError(
                f"tanınmayan MyST rolü {{{name}}} (tools/colab_notebooks.py ROLES'a bir çeviri "
                "ekleyin)")
        return handler(ctx, m.group("body"))

    return _INLINE.sub(repl, text)


# ============================================================================ bloklar ve yönergeler

_FENCE_OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|:{3,}|~{3,})(?P<info>.*)$")
_DIRECTIVE_INFO = re.compile(r"^\s*\{(?P<name>[A-Za-z][\w:+.-]*)\}\s*(?P<arg>.*?)\s*$")
_LINK = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]+)(?P<title>\s+\"[^\"]*\")?\)")
_HTML_SRC = re.compile(r"(?P<attr>\b(?:src|href))=(?P<q>[\"'])(?P<url>[^\"']+)(?P=q)")


def _absolute(ctx: Context, url: str) -> str:
    """Göreli bir adresi Colab'da çalışan mutlak adrese çevirir."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I):
        return url
    if url.startswith("#"):
        return ctx.site.page(ctx.doc, url[1:])
    path, _, anchor = url.partition("#")
    if path.endswith((".md", ".ipynb")) or (not Path(path).suffix and path):
        try:
            doc = _resolve_doc(ctx, path)
        except ConversionError:
            doc = None
        if doc is not None:
            return ctx.site.page(doc, anchor)
    # bir dosya (resim vb.): depodaki ham adresi; yol sayfanın klasörüne göredir
    base = ctx.doc.rsplit("/", 1)[0]
    parts = base.split("/") if base and not path.startswith("/") else []
    for piece in path.lstrip("/").split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return ctx.site.raw + "/".join(parts) + (f"#{anchor}" if anchor else "")


def _convert_links(text: str, ctx: Context) -> str:
    def link(m: re.Match) -> str:
        return (f"{m.group('bang')}[{m.group('text')}]({_absolute(ctx, m.group('url'))}"
                f"{m.group('title') or ''})")

    def html(m: re.Match) -> str:
        return f"{m.group('attr')}={m.group('q')}{_absolute(ctx, m.group('url'))}{m.group('q')}"

    # satır içi kodu koru
    out, last = [], 0
    for m in re.finditer(r"(`+).+?\1", text, re.S):
        out.append(_HTML_SRC.sub(html, _LINK.sub(link, text[last:m.start()])))
        out.append(m.group(0))
        last = m.end()
    out.append(_HTML_SRC.sub(html, _LINK.sub(link, text[last:])))
    return "".join(out)


def _parse_options(lines: List[str]) -> Tuple[Dict[str, str], List[str]]:
    """Yönerge gövdesinin başındaki ``:anahtar: değer`` satırları ya da ``---`` YAML bloğu."""
    opts: Dict[str, str] = {}
    i = 0
    if lines and lines[0].strip() == "---":
        import yaml

        end = next((j for j in range(1, len(lines)) if lines[j].strip() == "---"), None)
        if end is None:
            raise ConversionError("yönergenin seçenek bloğu (---) kapanmamış")
        data = yaml.safe_load("\n".join(lines[1:end])) or {}
        opts = {str(k): "" if v is None else str(v) for k, v in data.items()}
        i = end + 1
    else:
        while i < len(lines):
            m = re.match(r"^:([\w-]+):\s*(.*)$", lines[i])
            if not m:
                break
            opts[m.group(1)] = m.group(2).strip()
            i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    return opts, lines[i:]


def _quote(text: str) -> str:
    return "\n".join(("> " + l) if l.strip() else ">" for l in text.strip("\n").splitlines())


def _caption_block(caption: str, alt: str = "", number: Optional[int] = None) -> str:
    label = f"Şekil {number}." if number else "Şekil."
    out = f"**{label}** {caption.strip()}" if caption.strip() else ""
    if alt.strip():
        out += ("\n\n" if out else "") + f"*Şeklin betimlemesi:* {alt.strip()}"
    return out


def _directive(name: str, arg: str, body_lines: List[str], ctx: Context) -> str:
    opts, content = _parse_options(body_lines)
    body = "\n".join(content)
    if name in ("math",):
        return "$$\n" + body.strip() + "\n$$"
    if name in ("code-block", "code", "sourcecode", "code-cell"):
        if name == "code-cell":
            raise ConversionError("Markdown hücresinde {code-cell} olamaz")
        return f"```{arg}\n{body.rstrip()}\n```"
    if name in ("figure", "image"):
        url = _absolute(ctx, arg)
        alt = opts.get("alt", "")
        img = f"![{alt}]({url})"
        if name == "image":
            return img
        caption = convert_markdown(body, ctx).strip() if body.strip() else ""
        return img + ("\n\n" + _caption_block(caption, number=ctx.next_figure()) if caption else "")
    if name.startswith("glue"):
        glue = _glue_name(arg)
        if glue not in ctx.glue_names:
            ctx.glue_names.append(glue)
        text = f"*(Kitabın web sayfası burada **`{glue}`** adıyla yapıştırılmış bir çıktı gösterir; " \
               "onu hesaplayan hücreyi çalıştırınca aynı çıktıyı o hücrenin altında görürsünüz.)*"
        caption = convert_markdown(body, ctx).strip() if body.strip() else ""
        if caption and name == "glue:figure":
            return text + "\n\n" + _caption_block(caption, number=ctx.next_figure())
        return text + ("\n\n" + caption if caption else "")
    if name == "raw":
        if arg.strip().lower() != "html":
            return ""
        return body
    classes = opts.get("class", "").split()
    if name in ADMONITION_TITLES:
        title = convert_inline(arg, ctx).strip() if arg.strip() else ADMONITION_TITLES[name]
        inner = convert_markdown(body, ctx).strip()
        head = f"**{title}**" if title else ""
        if name == "dropdown" or "dropdown" in classes:
            head = f"**{title}** *(açılır kutu)*" if title else "*(açılır kutu)*"
        return _quote((head + "\n\n" if head else "") + inner)
    raise ConversionError(
        f"tanınmayan MyST yönergesi {{{name}}} (tools/colab_notebooks.py içinde _directive'e bir "
        "çeviri ekleyin)")


def convert_markdown(text: str, ctx: Context) -> str:
    """Bir Markdown hücresinin MyST metnini Colab'ın gösterdiği düz Markdown'a çevirir."""
    lines = text.split("\n")
    out: List[str] = []
    i = 0
    para: List[str] = []

    def flush():
        if para:
            chunk = "\n".join(para)
            out.append(_convert_links(convert_inline(chunk, ctx), ctx))
            para.clear()

    while i < len(lines):
        line = lines[i]
        ctx.line = i + 1
        m = _FENCE_OPEN.match(line)
        if m:
            flush()
            fence = m.group("fence")
            char, size = fence[0], len(fence)
            # kapanış: aynı karakterden en az aynı uzunlukta, bilgi metni olmayan satır
            end = i + 1
            depth = 0
            while end < len(lines):
                cm = _FENCE_OPEN.match(lines[end])
                if cm and cm.group("fence")[0] == char and len(cm.group("fence")) >= size:
                    if cm.group("info").strip() and char == ":" and len(cm.group("fence")) == size:
                        depth += 1  # iç içe aynı uzunlukta :::{...}
                    elif not cm.group("info").strip():
                        if depth == 0:
                            break
                        depth -= 1
                end += 1
            if end >= len(lines):
                raise ConversionError(f"{i + 1}. satırdaki çit kapanmamış")
            block = lines[i + 1:end]
            d = _DIRECTIVE_INFO.match(m.group("info"))
            if d:
                indent = m.group("indent")
                block = [b[len(indent):] if b.startswith(indent) else b for b in block]
                converted = _directive(d.group("name"), d.group("arg"), block, ctx)
                if indent:
                    converted = "\n".join(indent + c if c else c for c in converted.split("\n"))
                out.append(converted)
            elif char == ":":
                raise ConversionError(f"{i + 1}. satırda yönerge adı olmayan ::: çiti")
            else:
                out.append("\n".join(lines[i:end + 1]))  # olağan kod bloğu: olduğu gibi
            i = end + 1
            continue
        if line.strip().startswith("$$"):
            flush()
            # $$ ... $$ (etiket) blokları: içerik olduğu gibi, etiket atılır
            end = i
            if "$$" not in line.strip()[2:]:
                end = i + 1
                while end < len(lines) and "$$" not in lines[end]:
                    end += 1
                if end >= len(lines):
                    raise ConversionError(f"{i + 1}. satırdaki $$ bloğu kapanmamış")
            chunk = lines[i:end + 1]
            chunk[-1] = re.sub(r"(\$\$)\s*\([^)]*\)\s*$", r"\1", chunk[-1])
            out.append("\n".join(chunk))
            i = end + 1
            continue
        if _TARGET.match(line) or re.match(r"^%", line):
            flush()  # hedef satırı ya da MyST yorumu: Colab'da anlamsız
            i += 1
            continue
        para.append(line)
        i += 1
    flush()
    result = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", result).strip("\n")


# ============================================================================ defter


def _first_line_title(source: str, title: str) -> str:
    return f"# @title {title}\n" + source


def _is_install_cell(source: str) -> bool:
    return "%pip install" in source and "import dynlayers" in source


def _intro_cell(ctx: Context, *, solutions: bool, figures: bool) -> str:
    """Colab defterinin başına (başlık hücresinden sonra) okura kısa bir not."""
    site, doc = ctx.site, ctx.doc
    title = site.titles.get(doc, doc)
    text = (f"> Bu defter, *Dinamik Katmanlar* kitabının {_md_link(title, site.page(doc))} "
            f"sayfasıdır. Metindeki terimler kitabın {_md_link('sözlüğüne', site.page(GLOSSARY_DOC))}, "
            f"kaynak gösterimleri {_md_link('kaynakçasına', site.page(BIBLIOGRAPHY_DOC))} bağlanır.")
    if solutions:
        text += (" Alıştırmaların çözümleri **Çözüm** başlıklı katlı hücrelerdedir: açmak için "
                 "hücreye çift tıklayın.")
    if figures:
        text += (" Şekiller, onları çizen hücre çalışınca görünür; altlarındaki metin ne "
                 "göstereceklerini anlatır.")
    if ctx.glue_names:
        text += ("\n>\n> Metinde **`ad`** biçiminde yazılan yerler hesaplanmış sayılardır: kitabın "
                 "web sayfasında sayının kendisi yazar; burada onu hesaplayan hücre çalışınca "
                 "çıktısında `ad = …` satırı olarak görünür.")
    return text


def _cell_id(stem: str, i: int) -> str:
    return f"{stem[:40]}-{i:03d}"


def convert_notebook(src: Path, site: Site, root: Path = ROOT):
    """Bir MyST kaynağından Colab defteri (``nbformat.NotebookNode``) üretir."""
    import jupytext
    import nbformat

    stem = src.stem
    doc = f"{BOOK_DIR}/{stem}"
    nb = jupytext.read(src, fmt="md:myst")
    ctx = Context(site=site, doc=doc, source=str(src.relative_to(root)))
    cells = []

    def md(text: str):
        cells.append(nbformat.v4.new_markdown_cell(text))

    for index, cell in enumerate(nb.cells):
        tags = list(cell.metadata.get("tags", []))
        if cell.cell_type == "markdown":
            try:
                text = convert_markdown(cell.source, ctx)
            except ConversionError as exc:
                line = _line_of(src, cell.source, ctx.line)
                raise ConversionError(f"{ctx.source}:{line}: {exc}") from None
            if text.strip():
                md(text)
            continue
        if cell.cell_type != "code":
            continue
        source = cell.source
        meta: Dict[str, object] = {}
        if "hide-cell" in tags:
            source, meta = _first_line_title(source, SOLUTION_TITLE), {"cellView": "form"}
        elif "remove-cell" in tags or "remove-input" in tags or "hide-input" in tags:
            kind = "install" if _is_install_cell(source) else next(
                t for t in ("remove-cell", "remove-input", "hide-input") if t in tags)
            source, meta = _first_line_title(source, FORM_TITLES[kind]), {"cellView": "form"}
        code = nbformat.v4.new_code_cell(source)
        code.metadata.update(meta)
        cells.append(code)
        mystnb = cell.metadata.get("mystnb") or {}
        caption = ((mystnb.get("figure") or {}).get("caption") or "").strip()
        alt = ((mystnb.get("image") or {}).get("alt") or "").strip()
        if caption or alt:
            try:
                caption_md = convert_markdown(caption, ctx) if caption else ""
                alt_md = convert_markdown(alt, ctx) if alt else ""
            except ConversionError as exc:
                raise ConversionError(f"{ctx.source}: {index + 1}. hücrenin altyazısı: {exc}") \
                    from None
            md(_caption_block(caption_md, alt_md, ctx.next_figure() if caption else None))

    if cells and cells[0].cell_type == "markdown":
        solutions = any(c.cell_type == "code" and c.source.startswith(f"# @title {SOLUTION_TITLE}\n")
                        for c in cells)
        figures = any(c.cell_type == "markdown" and c.source.startswith(("**Şekil", "*Şeklin"))
                      for c in cells)
        cells.insert(1, nbformat.v4.new_markdown_cell(
            _intro_cell(ctx, solutions=solutions, figures=figures)))
    for i, c in enumerate(cells):
        c["id"] = _cell_id(stem, i)
    meta = {k: copy.deepcopy(nb.metadata[k]) for k in ("accelerator", "colab", "kernelspec")
            if k in nb.metadata}
    meta.setdefault("colab", {})["name"] = f"{stem}.ipynb"
    meta["language_info"] = {"name": "python"}
    out = nbformat.v4.new_notebook(cells=cells, metadata=meta)
    out.nbformat, out.nbformat_minor = 4, 5
    return out


def _line_of(path: Path, cell_source: str, line_in_cell: int) -> int:
    text = path.read_text(encoding="utf-8")
    start = text.find(cell_source[:200])
    if start < 0:
        return 0
    return text.count("\n", 0, start) + line_in_cell


def render(nb) -> str:
    """Defterin diske yazılan metni (kararlı: aynı girdi, bayt bayt aynı çıktı)."""
    import nbformat

    return nbformat.writes(nb) + "\n"


def colab_path(stem: str, root: Path = ROOT) -> Path:
    return root / COLAB_DIR / f"{stem}.ipynb"


def sources(root: Path = ROOT, stems=None) -> List[Path]:
    files = sorted((root / SRC_DIR).glob("*.md"))
    if stems:
        wanted = {Path(s).stem for s in stems}
        files = [f for f in files if f.stem in wanted]
    return files


def generate(root: Path = ROOT, stems=None) -> Dict[str, str]:
    """``ad -> defter metni`` (yazmadan)."""
    site = load_site(root)
    return {src.stem: render(convert_notebook(src, site, root)) for src in sources(root, stems)}


def stale(root: Path = ROOT) -> List[str]:
    """Güncel olmayan, eksik ya da kaynağı olmayan Colab defterleri (boşsa hepsi güncel)."""
    problems = []
    expected = generate(root)
    for stem, text in expected.items():
        path = colab_path(stem, root)
        if not path.exists():
            problems.append(f"{COLAB_DIR}/{stem}.ipynb yok")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{COLAB_DIR}/{stem}.ipynb {SRC_DIR}/{stem}.md ile güncel değil")
    for path in sorted((root / COLAB_DIR).glob("*.ipynb")):
        if path.stem not in expected:
            problems.append(f"{COLAB_DIR}/{path.name} için kaynak yok ({SRC_DIR}/{path.stem}.md)")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="yalnızca denetle, yazma")
    parser.add_argument("stems", nargs="*", help="yalnızca bu bölümler (ör. 00_giris)")
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = stale()
            for p in problems:
                print(p)
            print("Colab defterleri güncel." if not problems else
                  f"{len(problems)} sorun; `make colab` çalıştırın.")
            return 1 if problems else 0
        texts = generate(stems=args.stems)
    except ConversionError as exc:
        print(f"HATA: {exc}", file=sys.stderr)
        return 1
    (ROOT / COLAB_DIR).mkdir(exist_ok=True)
    for stem, text in texts.items():
        path = colab_path(stem)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"yazıldı: {COLAB_DIR}/{stem}.ipynb")
    if not args.stems:
        for path in sorted((ROOT / COLAB_DIR).glob("*.ipynb")):
            if path.stem not in texts:
                path.unlink()
                print(f"silindi (kaynağı yok): {COLAB_DIR}/{path.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
