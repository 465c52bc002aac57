"""Paketteki gerçek kaynak kodu vurgulanmış Python olarak gösterme."""

from __future__ import annotations

import inspect
import os
import textwrap
from typing import Any, List, Optional, Union

LineSpec = Union[int, str, None]


class _Markdown:
    """``text/markdown`` ve düz metin olarak gösterilen çıktı (IPython'un Markdown'ı gibi)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


def _find(lines: List[str], spec: LineSpec, *, default: int, after: int, what: str,
          obj_name: str) -> int:
    """``spec`` satırının 0'dan başlayan indeksini bulur."""
    if spec is None:
        return default
    if isinstance(spec, bool) or not isinstance(spec, (int, str)):
        raise ValueError(
            f"show_source: {what} bir satır numarası (int) ya da metin (str) olmalı; "
            f"{spec!r} verildi."
        )
    if isinstance(spec, int):
        if not 1 <= spec <= len(lines):
            raise ValueError(
                f"show_source: {what}={spec} geçersiz; {obj_name} kaynağında 1 ile {len(lines)} "
                "arasında bir satır numarası olmalı."
            )
        return spec - 1
    for i in range(after, len(lines)):
        if spec in lines[i]:
            return i
    raise ValueError(
        f"show_source: {what}={spec!r} metni {obj_name} kaynağında "
        f"{after + 1}. satırdan sonra bulunamadı."
    )


def _display_path(path: str) -> str:
    """``.../dynlayers/routing.py`` -> ``dynlayers/routing.py``."""
    parts = os.path.normpath(path).split(os.sep)
    if "dynlayers" in parts:
        i = len(parts) - 1 - parts[::-1].index("dynlayers")
        return "/".join(parts[i:])
    return os.path.basename(path)


def source_markdown(obj: Any, *, start: LineSpec = None, end: LineSpec = None) -> str:
    """``show_source`` fonksiyonunun gösterdiği Markdown metni."""
    try:
        lines, first = inspect.getsourcelines(obj)
        path = inspect.getsourcefile(obj) or inspect.getfile(obj)
    except (TypeError, OSError) as exc:
        raise ValueError(
            f"show_source: {obj!r} için kaynak kod bulunamadı ({exc}); bir modül, sınıf, "
            "fonksiyon ya da yöntem verin."
        ) from None
    name = getattr(obj, "__qualname__", getattr(obj, "__name__", repr(obj)))
    lo = _find(lines, start, default=0, after=0, what="start", obj_name=name)
    hi = _find(lines, end, default=len(lines) - 1, after=lo, what="end", obj_name=name)
    if hi < lo:
        raise ValueError(
            f"show_source: end ({end!r}) start'tan ({start!r}) önce geliyor; {name} için "
            "end, start ile aynı ya da sonraki bir satır olmalı."
        )
    body = textwrap.dedent("".join(lines[lo:hi + 1])).rstrip("\n")
    fence = "```"
    while fence in body:
        fence += "`"
    lineno_first = (first or 1) + lo
    lineno_last = (first or 1) + hi
    header = f"`{_display_path(path)}`, satır {lineno_first}–{lineno_last}"
    return f"{header}\n\n{fence}python\n{body}\n{fence}\n"


def show_source(obj: Any, *, start: LineSpec = None, end: LineSpec = None) -> None:
    """Bir fonksiyonun, sınıfın ya da yöntemin gerçek kaynağını vurgulanmış Python olarak gösterir.

    Çıktı bir ``text/markdown`` nesnesidir (dosya yolu ve satır numaraları, ardından çitli
    bir ``python`` kod bloğu); Jupyter, Colab ve kitabın HTML'inde aynı biçimde görünür. Metin
    kodu adım adım anlatırken kod her zaman paketteki kodla aynı kalır.

    Args:
        obj: Kaynağı gösterilecek modül, sınıf, fonksiyon ya da yöntem.
        start: Gösterilecek ilk satır: nesnenin kaynağında 1'den başlayan satır numarası ya da o
            satırda geçen bir metin (ilk eşleşme). Verilmezse ilk satır.
        end: Gösterilecek son satır (dahil): satır numarası ya da ``start``'tan itibaren ilk
            eşleşen metin. Verilmezse son satır.

    Example:
        >>> from dynlayers.viz import show_source
        >>> from dynlayers.viz import use_book_style
        >>> show_source(use_book_style, start="import matplotlib", end="import matplotlib")
        ... # doctest: +ELLIPSIS
        `dynlayers/viz/_style.py`, satır ...
        <BLANKLINE>
        ```python
        import matplotlib
        ```
        <BLANKLINE>
    """
    text = source_markdown(obj, start=start, end=end)
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython dışı
        print(text)
        return
    if get_ipython() is None:
        print(text)
        return
    display(_Markdown(text))
