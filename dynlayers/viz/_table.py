"""Hücrelerin ürettiği tablolar: her yerde tablo olarak görünen HTML (ve düz metin yedeği)."""

from __future__ import annotations

import html
import numbers
from typing import Any, List, Optional, Sequence

from ._format import format_number

__all__ = ["show_table", "table_html"]


def _cell_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return format_number(value)
    raise ValueError(
        f"tablo hücresi bir metin ya da sayı olmalı; verilen: {value!r} ({type(value).__name__}). "
        "Sayıyı istediğiniz basamakla format_number(...) ile biçimleyip metin olarak verin."
    )


def _check(rows: Sequence[Sequence[Any]], header: Sequence[str], align: Optional[str]
           ) -> tuple[List[List[str]], List[str], str]:
    if isinstance(header, (str, bytes)) or not isinstance(header, Sequence) or not header:
        raise ValueError(f"header sütun adlarından oluşan boş olmayan bir dizi olmalı; verilen: {header!r}.")
    head = [_cell_text(h) for h in header]
    body = []
    for i, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or not isinstance(row, Sequence) or len(row) != len(head):
            raise ValueError(
                f"rows[{i}] {len(head)} hücreli bir dizi olmalı (header ile aynı); verilen: {row!r}."
            )
        body.append([_cell_text(v) for v in row])
    if align is None:
        align = "l" + "r" * (len(head) - 1)
    if not isinstance(align, str) or len(align) != len(head) or set(align) - set("lcr"):
        raise ValueError(
            f"align her sütun için bir harf ('l', 'c' ya da 'r') içeren {len(head)} harflik bir "
            f"metin olmalı; verilen: {align!r}."
        )
    return body, head, align


def table_html(rows: Sequence[Sequence[Any]], header: Sequence[str], *, align: Optional[str] = None,
               caption: Optional[str] = None) -> str:
    """:func:`show_table`'ın ürettiği HTML metni (``<table class="dk-table">``)."""
    body, head, align = _check(rows, header, align)
    side = {"l": "left", "c": "center", "r": "right"}

    def cells(tag: str, values: List[str]) -> str:
        return "".join(f'<{tag} style="text-align: {side[a]}">{html.escape(v)}</{tag}>'
                       for a, v in zip(align, values))

    parts = ['<table class="dk-table table">']
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append(f"<thead><tr>{cells('th', head)}</tr></thead><tbody>")
    parts.extend(f"<tr>{cells('td', row)}</tr>" for row in body)
    parts.append("</tbody></table>")
    return "".join(parts)


def _table_text(body: List[List[str]], head: List[str], align: str) -> str:
    widths = [max(len(r[j]) for r in [head, *body]) for j in range(len(head))]

    def line(values: List[str]) -> str:
        return "  ".join(v.rjust(w) if a == "r" else v.center(w) if a == "c" else v.ljust(w)
                         for v, w, a in zip(values, widths, align)).rstrip()

    return "\n".join([line(head), "  ".join("-" * w for w in widths), *map(line, body)])


class _Table:
    def __init__(self, rows, header, align, caption):
        self.html = table_html(rows, header, align=align, caption=caption)
        body, head, align = _check(rows, header, align)
        self.text = (caption + "\n" if caption else "") + _table_text(body, head, align)

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def show_table(rows: Sequence[Sequence[Any]], header: Sequence[str], *, align: Optional[str] = None,
               caption: Optional[str] = None) -> None:
    """Bir sonuç tablosunu hücre çıktısı olarak gösterir: HTML'de, Jupyter'da ve Colab'da tablo.

    Hücreden Markdown tablo metni basmak (``display(Markdown("| a | b |..."))``) kitabın HTML'inde
    ham metin olarak kalabilir; bu fonksiyon tabloyu HTML olarak verir (düz metin yedeğiyle).
    Sayılar Türkçe yazılır: ``int`` değerler noktayla gruplanır (``98.682``), ``float`` değerler
    :func:`format_number` ile iki basamakla; başka bir basamak sayısı için hücreyi
    ``format_number(x, 4)`` ile biçimleyip metin olarak verin.

    Args:
        rows: Satırlar; her satır ``header`` kadar hücre (metin ya da sayı) içerir.
        header: Sütun başlıkları.
        align: Sütun başına hizalama harfi (``"l"`` sol, ``"c"`` orta, ``"r"`` sağ); ``None`` ise
            ilk sütun sola, diğerleri sağa.
        caption: Tablonun üstünde gösterilecek başlık (isteğe bağlı).

    Raises:
        ValueError: Bir satırın hücre sayısı başlıkla tutmuyorsa, bir hücre metin ya da sayı
            değilse ya da ``align`` geçersizse.

    Example:
        >>> show_table([["statik", 25154, 0.9622]], ["model", "parametre", "doğruluk"])
        model   parametre  doğruluk
        ------  ---------  --------
        statik     25.154      0,96
    """
    table = _Table(rows, header, align, caption)
    try:
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython olmadan
        print(table.text)
        return
    display(table)
