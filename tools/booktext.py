"""Bölüm kaynaklarını (Jupytext MyST ``.md``) okuma: okuma sırası, kod hücreleri, düzyazı.

Kitabın editoryal denetimleri (``tests/book/``) ve ``tools/word_count.py`` metni buradan okur; bir
kavramın ("düzyazı", "kod hücresi", "Derinlemesine kutusu") tek bir tanımı olsun diye.

* :func:`reading_order` ``_toc.yml``'deki sayfalar, okuma sırasıyla (``book/00_giris`` ...).
* :func:`chapters` okuma sırasındaki numaralı bölümlerin kaynakları (``notebooks_src/NN_*.md``).
* :func:`code_cells` bir kaynağın kod hücreleri: etiketleri ve kaynaktaki satır numaralarıyla.
* :func:`fenced_blocks` düzyazının içindeki çitli kod blokları (````python`` ...), satırlarıyla.
* :func:`prose` düzyazı: kod, matematik, roller, başlıklar vb. boşlukla silinmiş, aynı uzunlukta
  metin (bulunan her konum kaynaktaki konumdur) ve ``{term}`` bağlantıları.
* :func:`visible_prose` okurun gördüğü düzyazı: rollerin görünen metni kalır (``{term}`çekirdeği
  <çekirdek>``` -> ``çekirdeği``); sözlük ve yazım denetimleri bağlantılı metni de görsün diye.
* :func:`derinlemesine_boxes` ana çizginin dışındaki açılır "Derinlemesine" kutuları.
* :func:`main_line_words` ana çizginin sözcük sayısı (``tools/word_count.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]
SRC_DIR = ROOT / "notebooks_src"

_TR_UPPER = str.maketrans({"I": "ı", "İ": "i"})


def tr_lower(text: str) -> str:
    """Türkçe küçültme: I -> ı, İ -> i, sonra olağan küçültme."""
    return text.translate(_TR_UPPER).lower()


def line_of(text: str, pos: int) -> int:
    """``pos`` konumunun 1'den başlayan satır numarası."""
    return text.count("\n", 0, pos) + 1


def pattern_hits(text: str, patterns: List[Tuple[str, str]], where: str) -> List[str]:
    """Desenlerin Türkçe küçültülmüş metinde sözcük başındaki eşleşmeleri, metindeki sırayla:
    ``"yer:satır: 'eşleşen metin' (açıklama)"`` (``patterns``: ``[(desen, açıklama), ...]``)."""
    low = tr_lower(text)
    hits = set()
    for pattern, why in patterns:
        for m in re.finditer(rf"(?<![\wçğıöşü]){pattern}", low):
            shown = " ".join(text[m.start(): m.end()].split())[:80]
            hits.add((m.start(), f"{where}:{line_of(text, m.start())}: {shown!r} ({why})"))
    return [h for _, h in sorted(hits)]


# --------------------------------------------------------------------------- okuma sırası


def reading_order(root: Path = ROOT) -> List[str]:
    """``_toc.yml``'deki sayfalar okuma sırasıyla, uzantısız (ör. ``book/00_giris``)."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def walk(entries):
        for e in entries or []:
            if "file" in e:
                pages.append(e["file"])
            walk(e.get("sections"))
            for part in e.get("parts", []) if isinstance(e, dict) else []:
                walk(part.get("chapters"))

    walk(toc.get("chapters"))
    for part in toc.get("parts", []) or []:
        walk(part.get("chapters"))
    return [str(Path(p).with_suffix("")) for p in pages]


def chapters(root: Path = ROOT) -> List[Path]:
    """Okuma sırasındaki numaralı bölümlerin kaynakları (``notebooks_src/NN_ad.md``).

    Ön söz, sözlük, kaynakça, API ve sorun giderme sayfaları bölüm değildir."""
    out = []
    for page in reading_order(root):
        stem = Path(page).name
        src = root / "notebooks_src" / f"{stem}.md"
        if re.match(r"\d\d_", stem) and src.exists():
            out.append(src)
    return out


# --------------------------------------------------------------------------- kod hücreleri


@dataclass
class CodeCell:
    """Bir kaynaktaki kod hücresi.

    ``index`` kaynaktaki kod hücreleri arasındaki sıra (0'dan), ``line`` kodun ilk satırının
    kaynaktaki numarası (1'den), ``lines`` kod satırları (seçenek satırları hariç)."""

    index: int
    line: int
    lines: List[str]
    tags: List[str] = field(default_factory=list)

    @property
    def source(self) -> str:
        return "\n".join(self.lines)

    def python_source(self) -> str:
        """``ast.parse`` için kaynak: IPython satırları (``%büyü``, ``!komut``) ``pass`` olur,
        satır numaraları değişmez."""
        return "\n".join(re.sub(r"^(\s*)[%!].*$", r"\1pass", line) for line in self.lines)


_FENCE_OPEN = re.compile(r"^(`{3,}|~{3,})(.*)$")


def _fences(md: str) -> Iterator[Tuple[int, int, str, List[str]]]:
    """Kaynaktaki üst düzey çitli bloklar: ``(açılış satırı indeksi, kapanış satırı indeksi,
    bilgi dizesi, gövde satırları)`` (satır indeksleri 0'dan)."""
    lines = md.split("\n")
    i = 0
    in_front = lines[:1] == ["---"]
    while i < len(lines):
        if in_front:
            if i > 0 and lines[i] == "---":
                in_front = False
            i += 1
            continue
        m = _FENCE_OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        fence, info = m.group(1), m.group(2).strip()
        j = i + 1
        while j < len(lines) and not (lines[j].startswith(fence[0] * len(fence))
                                      and not lines[j].strip(fence[0]).strip()):
            j += 1
        yield i, j, info, lines[i + 1:j]
        i = j + 1


def _parse_tags(options: List[str]) -> List[str]:
    for opt in options:
        m = re.match(r"^:?tags:\s*\[(.*)\]\s*$", opt.strip())
        if m:
            return [t.strip().strip("'\"") for t in m.group(1).split(",") if t.strip()]
    return []


def code_cells(md: str) -> List[CodeCell]:
    """Jupytext MyST kaynağının ``{code-cell}`` hücreleri, sırayla.

    Hücrenin başındaki seçenekler (``:tags: [...]``, ``:mystnb:`` ve girintili devamı, ya da
    ``---`` ile çevrili YAML) kod sayılmaz."""
    cells = []
    for start, _end, info, body in _fences(md):
        if not info.startswith("{code-cell}"):
            continue
        k = 0
        options: List[str] = []
        if body[:1] == ["---"]:
            k = 1
            while k < len(body) and body[k] != "---":
                options.append(body[k])
                k += 1
            k += 1
        else:
            while k < len(body) and body[k].startswith(":"):
                options.append(body[k])
                k += 1
        # Jupytext seçeneklerden sonra bir boş satır bırakabilir; kod o boşluktan sonra başlar.
        if options and k < len(body) and not body[k].strip():
            k += 1
        cells.append(CodeCell(len(cells), start + 2 + k, body[k:], _parse_tags(options)))
    return cells


def fenced_blocks(md: str) -> List[Tuple[int, str, List[str]]]:
    """Düzyazıdaki çitli kod blokları (yönergeler ve kod hücreleri hariç):
    ``(ilk kod satırının numarası, dil, satırlar)``."""
    out = []
    for start, _end, info, body in _fences(md):
        if info.startswith("{"):
            continue
        out.append((start + 2, info, body))
    return out


# --------------------------------------------------------------------------- satır içi roller


_ROLE_OR_TICKS = re.compile(r"(\{[\w:.-]+\})?(`+)")


def inline_spans(text: str) -> List[Tuple[str, Optional[str], int, int, str]]:
    """Satır içi roller ve kod parçaları, soldan sağa: ``(tür, rol adı, başlangıç, bitiş, içerik)``.

    ``tür`` ``"role"`` (``{term}`...```) ya da ``"code"`` (```...```). Bir ters tırnak dizisi,
    aynı uzunluktaki ilk ters tırnak dizisiyle kapanır (CommonMark); kapanmayan dizi metindir.
    Boş satır bir parçayı bitirir."""
    spans = []
    pos = 0
    while True:
        m = _ROLE_OR_TICKS.search(text, pos)
        if not m:
            return spans
        ticks = m.group(2)
        closing = re.compile(rf"(?<!`){ticks}(?!`)")
        c = closing.search(text, m.end())
        blank_line = re.search(r"\n[ \t]*\n", text[m.end(): c.start()]) if c else None
        if c is None or blank_line:
            pos = m.end()
            continue
        kind = "role" if m.group(1) else "code"
        name = m.group(1)[1:-1] if m.group(1) else None
        spans.append((kind, name, m.start(), c.end(), text[m.end(): c.start()]))
        pos = c.end()


def role_text(name: str, content: str) -> str:
    """Bir rolün sayfada görünen metni (``{term}`çekirdeği <çekirdek>``` -> ``çekirdeği``)."""
    m = re.match(r"^(.*?)\s*<([^<>]+)>\s*$", content, re.S)
    return (m.group(1) if m else content) if name in ("term", "doc", "ref", "numref") else ""


# --------------------------------------------------------------------------- düzyazı


def _blank(chars: List[str], a: int, b: int) -> None:
    for i in range(a, b):
        if chars[i] != "\n":
            chars[i] = " "


def _drop_structure(chars: List[str]) -> None:
    """Düzyazı olmayan yapılar: ön bilgi, yorumlar, çitli bloklar, yönerge satırları, başlıklar."""

    def drop(pattern: str, flags: int = 0, group: int = 0) -> None:
        for m in list(re.finditer(pattern, "".join(chars), flags)):
            _blank(chars, m.start(group), m.end(group))

    drop(r"\A---\n.*?\n---\n", re.S)
    drop(r"<!--.*?-->", re.S)
    # çitli bloklar: kod hücreleri, kod, yönergeler (::: yönergelerinin gövdesi düzyazıdır)
    drop(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1[ \t]*$", re.S | re.M)
    drop(r"^:{3,}.*$", re.M)
    drop(r"^:\w[\w-]*:.*$", re.M)            # yönerge seçenekleri
    drop(r"^[ \t]*#.*$", re.M)                # başlıklar
    drop(r"^\(.*\)=[ \t]*$", re.M)           # etiketler


def _drop_math_and_urls(chars: List[str]) -> None:
    def drop(pattern: str, flags: int = 0, group: int = 0) -> None:
        for m in list(re.finditer(pattern, "".join(chars), flags)):
            _blank(chars, m.start(group), m.end(group))

    drop(r"\$\$.*?\$\$", re.S)
    drop(r"(?<![\\$])\$[^$\n]+\$")
    drop(r"\]\(([^)]*)\)", group=1)            # bağlantı adresleri
    drop(r"https?://\S+")


def prose(md: str) -> Tuple[str, List[Tuple[int, str]]]:
    """Sayfanın düzyazısı ve ``{term}`` bağlantıları ``[(konum, hedef), ...]``.

    Düzyazı olmayan her karakter boşlukla değiştirilir (satır sonları kalır): dönen metin kaynakla
    aynı uzunluktadır, bulunan her konum kaynaktaki konumdur. ``{term}`` rollerinin ve diğer
    rollerin metni de silinir (terim denetimi için bağlantı kullanım sayılmaz)."""
    chars = list(md)
    _drop_structure(chars)
    links: List[Tuple[int, str]] = []
    for kind, name, a, b, content in inline_spans("".join(chars)):
        if kind == "role" and name == "term":
            t = re.search(r"<([^<>]+)>\s*$", content)
            links.append((a, tr_lower(" ".join((t.group(1) if t else content).split()))))
        _blank(chars, a, b)
    _drop_math_and_urls(chars)
    return "".join(chars), links


def visible_prose(md: str) -> str:
    """Okurun gördüğü düzyazı, kaynakla aynı uzunlukta: rollerin görünen metni yerinde kalır
    (``{term}`çekirdeği <çekirdek>``` yerine ``çekirdeği`` ve boşluklar), kod, matematik ve
    ``{cite}``/``{glue}`` gibi metin üretmeyen roller silinir."""
    chars = list(md)
    _drop_structure(chars)
    for kind, name, a, b, content in inline_spans("".join(chars)):
        shown = role_text(name, content) if kind == "role" else ""
        _blank(chars, a, b)
        shown = shown[: b - a]
        chars[a:a + len(shown)] = list(shown)
    _drop_math_and_urls(chars)
    return "".join(chars)


# --------------------------------------------------------------------------- Derinlemesine

#: Derinlemesine kutusunun tek yazımı (CONTRIBUTING.md): iki nokta çitli bir ``admonition``,
#: başlığı "Derinlemesine: ...", ``dropdown`` sınıfıyla (sphinx-togglebutton: kapalı açılır).
DERINLEMESINE_EXAMPLE = (":::{admonition} Derinlemesine: ölçüm sırasının tarihi\n"
                         ":class: dropdown\n\nMetin...\n:::")

_BOX_OPEN = re.compile(r"^(?P<fence>:{3,}|`{3,})\{(?P<name>[\w-]+)\}[ \t]*(?P<title>.*)$", re.M)


@dataclass
class Box:
    """Başlığı "Derinlemesine" ile başlayan bir yönerge kutusu."""

    line: int
    start: int
    end: int
    title: str
    problems: List[str]


def derinlemesine_boxes(md: str) -> List[Box]:
    """Başlığı "Derinlemesine" ile başlayan yönergeler ve yazımlarındaki sorunlar.

    Doğru yazım :data:`DERINLEMESINE_EXAMPLE`: ``:::{admonition} Derinlemesine: <başlık>`` ve hemen
    altında ``:class: dropdown`` (başka sınıflar da eklenebilir). Kutu, açılış çitiyle aynı ya da
    daha uzun bir çitle kapanır (içindeki yönergeler daha kısa çit kullanır)."""
    boxes = []
    for m in _BOX_OPEN.finditer(md):
        title = m.group("title").strip()
        if not re.match(r"(?i)derinlemesine\b", title) or title.lower().startswith(
                "derinlemesine evrişim"):
            continue
        fence = m.group("fence")
        close = re.compile(rf"^{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)
        c = close.search(md, m.end())
        end = c.end() if c else len(md)
        body = md[m.end():end]
        problems = []
        if fence[0] != ":":
            problems.append("ters tırnaklı çit yerine ':::' kullanın (gövde düzyazı olarak "
                            "denetlensin)")
        if m.group("name") != "admonition":
            problems.append(f"'{{{m.group('name')}}}' yerine '{{admonition}}' kullanın")
        if not re.match(r"Derinlemesine: \S", title):
            problems.append("başlık 'Derinlemesine: <konu>' biçiminde olmalı")
        opts = re.match(r"\n((?::[\w-]+:.*\n)*)", body)
        classes = re.search(r"^:class:(.*)$", opts.group(1) if opts else "", re.M)
        if not classes or "dropdown" not in classes.group(1).split():
            problems.append("başlığın hemen altında ':class: dropdown' yok (kutu kapalı açılmaz)")
        if c is None:
            problems.append("kutu kapanmıyor")
        boxes.append(Box(line_of(md, m.start()), m.start(), end, title, problems))
    return boxes


_WORD = re.compile(r"[^\W_]+(?:['’.,\-][^\W_]+)*")


def main_line_words(md: str) -> Tuple[int, int]:
    """``(ana çizgideki sözcükler, Derinlemesine kutularındaki sözcükler)``.

    Sayılan: düzyazı ve başlıklar, bağlantıların ve ``{term}`` rollerinin görünen metni; satır
    içi kod ve satır içi matematik birer sözcük sayılır, yapıştırılan (``{glue}``) her değer bir
    sözcüktür. Sayılmayan: ön bilgi, kod hücreleri ve çıktıları, çitli kod blokları, ayrık
    matematik (``$$``), yönerge satırları, ``{cite}`` rolleri, HTML yorumları ve doğru yazılmış
    (:func:`derinlemesine_boxes` sorun bulmayan, yani sayfada kapalı duran) Derinlemesine
    kutularının içi (ikinci sayı)."""
    chars = list(md)

    def drop(pattern: str, flags: int = 0) -> None:
        for m in list(re.finditer(pattern, "".join(chars), flags)):
            _blank(chars, m.start(), m.end())

    drop(r"\A---\n.*?\n---\n", re.S)
    drop(r"<!--.*?-->", re.S)
    # yalnızca doğru yazılmış kutular kapalı açılır; yanlış yazılmış bir kutu ana çizgidedir
    boxes = [b for b in derinlemesine_boxes("".join(chars)) if not b.problems]
    box_text = []
    for box in boxes:
        box_text.append("".join(chars[box.start:box.end]))
        _blank(chars, box.start, box.end)
    text = "".join(chars)

    def count(part: str) -> int:
        part_chars = list(part)
        for pattern, flags in [(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1[ \t]*$", re.S | re.M),
                               (r"^:{3,}.*$", re.M), (r"^:\w[\w-]*:.*$", re.M),
                               (r"^\(.*\)=[ \t]*$", re.M), (r"\$\$.*?\$\$", re.S)]:
            for m in list(re.finditer(pattern, "".join(part_chars), flags)):
                _blank(part_chars, m.start(), m.end())
        cur = "".join(part_chars)
        for kind, name, a, b, content in reversed(inline_spans(cur)):
            if kind == "code":
                shown = " kod "
            elif name and name.startswith("glue"):
                shown = " sayı "
            else:
                shown = " " + role_text(name or "", content) + " "
            cur = cur[:a] + shown + cur[b:]
        cur = re.sub(r"(?<![\\$])\$[^$\n]+\$", " x ", cur)
        cur = re.sub(r"\]\([^)]*\)", "]", cur)
        cur = re.sub(r"https?://\S+", " ", cur)
        cur = re.sub(r"^[ \t]*#+", " ", cur, flags=re.M)
        return len(_WORD.findall(cur))

    return count(text), sum(count(t) for t in box_text)
