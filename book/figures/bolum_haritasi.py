"""Önsözdeki bölüm haritasını (``book/figures/bolum_haritasi.svg``) çizer.

Depo kökünden çalıştırın::

    PYTHONPATH=$PWD .venv/bin/python book/figures/bolum_haritasi.py

(``make figures`` bütün şemaları yeniden üretir; ortak SVG ayarları ``_cizim.py``'dedir.)

Çıktı belirlenimcidir (tarih ve rastgele kimlik içermez); metinler SVG'de yazı olarak kalır
(aranabilir, ekran okuyucular okuyabilir). Bölüm adları ve
okuma yolları değişirse betiği düzenleyip yeniden çalıştırın.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402

from _cizim import write  # noqa: E402
from dynlayers.viz import use_book_style  # noqa: E402

#: (numara, başlık, kısa konu, x, y)
CHAPTERS = [
    (0, "Giriş", "sıcaklıklı softmaks", 0.0, 2.0),
    (1, "Statikten dinamiğe", "uzmanlar, karışım", 1.0, 2.0),
    (2, "Yönlendirme ağı", "yönlendirici, sıcaklık", 2.0, 2.0),
    (3, "Dinamik evrişim katmanı", "hızlı uygulamalar", 3.0, 2.0),
    (4, "Dinamik bir ağ eğitmek", "tavlama, rakamlar", 4.0, 2.0),
    (5, "Uzamsal dikkat", "maske, dallar", 2.0, 0.6),
    (6, "Kanal dikkati", "sıkıştırma, uyarma", 3.0, 0.6),
    (7, "Hepsi bir arada", "CBAM + dinamik ağ", 4.0, 0.6),
]
#: Önkoşul okları (kimden, kime).
EDGES = [(0, 1), (1, 2), (2, 3), (3, 4), (2, 5), (5, 6), (6, 7), (4, 7)]
#: Yalnızca 2. yolun (verimli uygulama) tamamını okuduğu bölümler; 1. yol bunlarda işaretli
#: kesimleri atlar.
PARTIAL = {3: "1. yol: ilk dört kesim", 7: "1. yol: dışa aktarma hariç"}

W, H = 0.86, 0.78
PATH_COLOR = "#1f77b4"
PART_COLOR = "#ff7f0e"


def draw() -> plt.Figure:
    use_book_style()
    fig, ax = plt.subplots(figsize=(10.0, 3.9))
    ax.set_xlim(-0.55, 4.55)
    ax.set_ylim(-0.25, 2.55)
    ax.axis("off")
    ax.set_aspect("auto")
    pos = {n: (x, y) for n, _, _, x, y in CHAPTERS}
    for a, b in EDGES:
        (x0, y0), (x1, y1) = pos[a], pos[b]
        if y0 == y1:
            start, end = (x0 + W / 2, y0), (x1 - W / 2, y1)
        elif x0 == x1:
            start, end = (x0, y0 - H / 2), (x1, y1 + H / 2)
        else:
            start, end = (x0, y0 - H / 2), (x1, y1 + H / 2)
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14,
                                     color="#555555", lw=1.4, shrinkA=2, shrinkB=2))
    for n, title, topic, x, y in CHAPTERS:
        color = PART_COLOR if n in PARTIAL else PATH_COLOR
        ax.add_patch(FancyBboxPatch((x - W / 2, y - H / 2), W, H,
                                    boxstyle="round,pad=0.02,rounding_size=0.06",
                                    facecolor="white", edgecolor=color, lw=2.2))
        ax.text(x, y + 0.22, f"Bölüm {n}" if n else "Giriş", ha="center", va="center",
                fontsize=9, color="#555555")
        label = title if n else "Dinamik Katmanlar"
        ax.text(x, y + 0.02, _wrap(label), ha="center", va="center", fontsize=10,
                fontweight="bold", linespacing=1.0)
        ax.text(x, y - 0.25, topic, ha="center", va="center", fontsize=8.5, color="#333333")
        if n in PARTIAL:
            ax.text(x, y - H / 2 - 0.09, PARTIAL[n], ha="center", va="center", fontsize=8,
                    color=PART_COLOR)
    ax.text(1.0, 1.3, "üst sıra: dinamik evrişim\nalt sıra: dikkat", fontsize=9, color="#555555",
            ha="center", va="center", linespacing=1.1)
    ax.text(-0.5, 0.6, "mavi çerçeve: iki yolda da\ntamamı okunur\n"
            "turuncu çerçeve: 1. yol\nbir kısmını okur",
            fontsize=8.5, color="#333333", va="center", linespacing=1.1)
    return fig


def _wrap(text: str, width: int = 16) -> str:
    words, lines, cur = text.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    lines.append(cur)
    return "\n".join(lines)


FIGURES = {"bolum_haritasi": draw}


def main(argv=None) -> None:
    write(FIGURES, (argv if argv is not None else sys.argv[1:]))


if __name__ == "__main__":
    main()
