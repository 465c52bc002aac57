"""Kitabın şemalarını çizen betiklerin ortak parçaları (kutular, oklar, SVG kaydı).

Betikler (``book/figures/*.py``, alt çizgiyle başlamayanlar) her biri bir ``FIGURES`` sözlüğü
tanımlar: ``{"dosya_adi": çizim_fonksiyonu}``; her fonksiyon bir ``matplotlib.figure.Figure``
döndürür. :func:`render` bir betiğin bütün şemalarını SVG metni olarak üretir; betiklerin
``main`` fonksiyonu bunları ``book/figures/<dosya_adi>.svg`` olarak yazar, ``make figures`` hepsini
yeniden üretir, ``tests/book/test_figures.py`` de kayıtlı SVG'lerin betiklerin bugün çizdiğiyle aynı
olduğunu denetler.

Çıktı belirlenimcidir: tarih ve rastgele kimlik yoktur (``svg.hashsalt`` sabit), yazılar SVG'de
yazı olarak kalır (``svg.fonttype = "none"``: aranabilir, ekran okuyucular okuyabilir) ve DejaVu
Sans ile yazılır (yoksa tarayıcının sans-serif yazı tipi; başka bir sunucudan yazı tipi
indirilmez). Şemalar beyaz zemin üzerindedir; ``book/_static/kitap.css`` koyu temada da şekillerin
beyaz zeminde, karartılmadan gösterilmesini sağlar.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Callable, Dict, Iterable, Optional, Sequence, Tuple

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle  # noqa: E402

from dynlayers.viz import use_book_style  # noqa: E402

HERE = Path(__file__).resolve().parent

SVG_RC = {"svg.fonttype": "none", "svg.hashsalt": "dinamik-katmanlar"}

# Renkler (beyaz zeminde okunur; kenar rengi metin için de yeterince koyu).
#: veri tensörleri
DATA = ("#1f4e8c", "#dce8f7")
#: yönlendirme: sıkıştırma, MLP, softmaks, ağırlıklar
ROUTE = ("#a34700", "#fde6d2")
#: evrişim çekirdekleri ve evrişimler
CONV = ("#1d6b36", "#d9f0df")
#: dikkat maskeleri ve kapılar
GATE = ("#6a3d9a", "#ece2f5")
#: nötr işlemler (toplama, çarpma, BN, ReLU ...)
NEUTRAL = ("#444444", "#f2f2f2")
GREY = "#555555"

Point = Tuple[float, float]


def new_figure(width: float, height: float):
    """``width × height`` inçlik boş bir şema; eksen koordinatları da inçtir (0..width, 0..height).

    Koordinatlar inç olduğu için yazı boyları (punto, 1 inç = 72 punto) kutu ölçüleriyle doğrudan
    karşılaştırılabilir.
    """
    use_book_style()
    fig = plt.figure(figsize=(width, height), layout="none")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.axis("off")
    return fig, ax


def box(ax, x: float, y: float, w: float, h: float, text: str = "", colors=NEUTRAL, *,
        fontsize: float = 10, bold: bool = False, sub: Optional[str] = None, lw: float = 1.6,
        dashed: bool = False, rounding: float = 0.08):
    """Merkezi ``(x, y)`` olan yuvarlak köşeli bir kutu, ortasında ``text``, altında isteğe bağlı
    küçük ``sub`` satırı (ör. bir tensör şekli)."""
    edge, face = colors
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                boxstyle=f"round,pad=0,rounding_size={rounding}",
                                facecolor=face, edgecolor=edge, lw=lw,
                                linestyle="--" if dashed else "-"))
    if text and sub:
        ax.text(x, y + 0.09, text, ha="center", va="center", fontsize=fontsize,
                fontweight="bold" if bold else "normal", linespacing=1.1)
        ax.text(x, y - 0.13, sub, ha="center", va="center", fontsize=fontsize - 2, color=GREY)
    elif text:
        ax.text(x, y, text, ha="center", va="center", fontsize=fontsize,
                fontweight="bold" if bold else "normal", linespacing=1.1)
    return (x, y, w, h)


def circle_op(ax, x: float, y: float, symbol: str, r: float = 0.15, colors=NEUTRAL,
              fontsize: float = 13):
    """Küçük daire içinde bir işlem simgesi (×, +, ⊙, Σ)."""
    edge, face = colors
    ax.add_patch(matplotlib.patches.Circle((x, y), r, facecolor=face, edgecolor=edge, lw=1.6))
    ax.text(x, y, symbol, ha="center", va="center", fontsize=fontsize)
    return (x, y, 2 * r, 2 * r)


def arrow(ax, start: Point, end: Point, *, color: str = GREY, lw: float = 1.4,
          style: str = "-|>", rad: float = 0.0, dashed: bool = False, shrink: float = 2):
    """``start``'tan ``end``'e bir ok (``rad`` ≠ 0 ise yay)."""
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=12, color=color,
                                 lw=lw, shrinkA=shrink, shrinkB=shrink,
                                 connectionstyle=f"arc3,rad={rad}",
                                 linestyle="--" if dashed else "-"))


def path_arrow(ax, points: Sequence[Point], *, color: str = GREY, lw: float = 1.4,
               dashed: bool = False):
    """Kırık çizgi boyunca giden, son parçasında uçlu bir ok."""
    for p, q in zip(points[:-2], points[1:-1]):
        ax.plot([p[0], q[0]], [p[1], q[1]], color=color, lw=lw, solid_capstyle="butt",
                linestyle="--" if dashed else "-")
    arrow(ax, points[-2], points[-1], color=color, lw=lw, dashed=dashed, shrink=0)


def label(ax, x: float, y: float, text: str, *, fontsize: float = 9, color: str = GREY,
          ha: str = "center", va: str = "center", bold: bool = False, **kw):
    """Serbest yazı (tensör şekilleri, açıklamalar)."""
    return ax.text(x, y, text, ha=ha, va=va, fontsize=fontsize, color=color,
                   fontweight="bold" if bold else "normal", linespacing=1.15, **kw)


def grid(ax, x: float, y: float, n: int, m: int, cell: float, colors=CONV, *,
         filled: Iterable[Tuple[int, int]] = (), lw: float = 0.8):
    """Sol alt köşesi ``(x, y)`` olan ``n × m`` hücrelik bir ızgara; ``filled`` hücreleri boyalı
    (satır 0 üstte). Izgara çizgileri iki çizgi demeti olarak çizilir (SVG küçük kalır)."""
    edge, _ = colors
    ax.add_patch(Rectangle((x, y), m * cell, n * cell, facecolor="white", edgecolor="none"))
    for i, j in sorted(set(filled)):
        ax.add_patch(Rectangle((x + j * cell, y + (n - 1 - i) * cell), cell, cell,
                               facecolor=edge, edgecolor="none"))
    ax.vlines([x + j * cell for j in range(m + 1)], y, y + n * cell, colors=GREY, lw=lw)
    ax.hlines([y + i * cell for i in range(n + 1)], x, x + m * cell, colors=GREY, lw=lw)


def stack(ax, x: float, y: float, w: float, h: float, n: int, colors, *, dx: float = 0.06,
          dy: float = 0.06, text: str = "", fontsize: float = 9):
    """Üst üste kaydırılmış ``n`` dikdörtgen (bir tensörün kanalları ya da bir çekirdek bankası);
    ``(x, y)`` en öndekinin merkezidir."""
    edge, face = colors
    for i in reversed(range(n)):
        ax.add_patch(Rectangle((x - w / 2 + i * dx, y - h / 2 + i * dy), w, h, facecolor=face,
                               edgecolor=edge, lw=1.2))
    if text:
        ax.text(x, y, text, ha="center", va="center", fontsize=fontsize)


def render(figures: Dict[str, Callable[[], "plt.Figure"]]) -> Dict[str, str]:
    """Her şemayı çizer ve SVG metnini döndürür: ``{"ad.svg": metin}``."""
    out = {}
    for name, draw in figures.items():
        fig = draw()
        buf = io.StringIO()
        with matplotlib.rc_context(SVG_RC):
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(fig)
        out[f"{name}.svg"] = buf.getvalue()
    return out


def write(figures: Dict[str, Callable[[], "plt.Figure"]], names: Sequence[str] = ()) -> None:
    """Şemaları ``book/figures/`` altına yazar (``names`` verilirse yalnızca onları)."""
    chosen = {k: v for k, v in figures.items() if not names or k in names}
    for fname, text in render(chosen).items():
        path = HERE / fname
        path.write_text(text, encoding="utf-8")
        print(path.relative_to(HERE.parent.parent))
