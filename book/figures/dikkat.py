"""Bölüm 5-7'nin şemaları: CBAM'in ve paketin uzamsal dikkati, SE bloğu, kanal dikkati
(CBAM toplamı ve örnek başına kaynaştırma) ve artık blok içindeki CBAM.

Depo kökünden çalıştırın (``make figures`` bütün betikleri çalıştırır)::

    PYTHONPATH=$PWD .venv/bin/python book/figures/dikkat.py [ad ...]

Şemalardaki yapı paketin kodunu izler (``dynlayers/spatial_attention.py``,
``channel_attention.py``, ``cbam.py``). Ortak parçalar: ``_cizim.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _cizim import (CONV, DATA, GATE, NEUTRAL, ROUTE, arrow, box, circle_op,  # noqa: E402
                    grid, label, new_figure, path_arrow, write)

XBAR, XHAT = "x\u0304", "x\u0302"  # x̄ (ortalama), x̂ (maksimum): Bölüm 6'nın simgeleri


# ---- Bölüm 5 ---------------------------------------------------------------------------------


def uzamsal_cbam():
    fig, ax = new_figure(10.0, 2.9)
    y = 1.45
    box(ax, 0.7, y, 1.1, 0.65, "girdi x", DATA, sub="(B, C, H, W)", bold=True)
    box(ax, 2.35, y + 0.6, 1.45, 0.55, "kanal ortalaması", GATE, sub="(B, 1, H, W)", fontsize=9)
    box(ax, 2.35, y - 0.6, 1.45, 0.55, "kanal maksimumu", GATE, sub="(B, 1, H, W)", fontsize=9)
    arrow(ax, (1.25, y + 0.15), (1.62, y + 0.5))
    arrow(ax, (1.25, y - 0.15), (1.62, y - 0.5))
    box(ax, 4.0, y, 1.05, 0.65, "s = [ort, maks]", GATE, sub="(B, 2, H, W)", fontsize=9)
    arrow(ax, (3.08, y + 0.5), (3.47, y + 0.15))
    arrow(ax, (3.08, y - 0.5), (3.47, y - 0.15))
    box(ax, 5.5, y, 1.3, 0.65, "7×7 evrişim", CONV, sub="Conv2d(2 → 1)")
    box(ax, 6.95, y, 1.05, 0.65, "sigmoid", GATE, fontsize=9.5)
    circle_op(ax, 8.05, y, "⊙")
    box(ax, 9.3, y, 1.1, 0.65, "çıktı y", DATA, sub="(B, C, H, W)", bold=True)
    arrow(ax, (4.53, y), (4.85, y))
    arrow(ax, (6.15, y), (6.42, y))
    label(ax, 6.15, y - 0.5, "logit (B, 1, H, W)", fontsize=8)
    arrow(ax, (7.48, y), (7.9, y))
    label(ax, 7.68, y + 0.5, "maske m\n(B, 1, H, W)", fontsize=8, color=GATE[0])
    arrow(ax, (8.2, y), (8.75, y))
    path_arrow(ax, [(0.7, y - 0.33), (0.7, 0.2), (8.05, 0.2), (8.05, y - 0.15)])
    label(ax, 4.4, 0.33, "x, maskeyle her kanalda aynı biçimde çarpılır (C ekseninde yayma)",
          fontsize=8)
    label(ax, 5.0, 2.65, "her konum için tek bir katsayı: \"nereye bakmalı?\"", fontsize=9,
          color=GATE[0])
    return fig


#: Paketin varsayılan dalları: (çekirdek, genişleme oranı)
BRANCHES = [(3, 1), (7, 1), (7, 2)]


def _receptive_field(ax, x, y, k, d, n=13, cell=0.045):
    """``n × n`` bir ızgarada ``k × k`` çekirdeğin ``d`` genişlemeyle dokunduğu pikseller; merkez
    (x, y)."""
    c = n // 2
    taps = [(c + d * (i - k // 2), c + d * (j - k // 2)) for i in range(k) for j in range(k)]
    grid(ax, x - n * cell / 2, y - n * cell / 2, n, n, cell, CONV, filled=taps, lw=0.3)


def uzamsal_dinamik():
    fig, ax = new_figure(10.0, 4.6)
    ys = [3.65, 2.55, 1.45]
    yc = 2.55
    box(ax, 0.65, yc, 1.0, 0.65, "girdi x", DATA, sub="(B, C, H, W)", bold=True)
    box(ax, 1.95, yc, 1.2, 0.65, "s = [ort, maks]", GATE, sub="(B, 2, H, W)", fontsize=8.5)
    arrow(ax, (1.15, yc), (1.35, yc))
    label(ax, 1.95, yc + 0.5, "kanal ekseninde", fontsize=8)
    for (k, d), y in zip(BRANCHES, ys):
        span = d * (k - 1) + 1
        name = f"{k}×{k}" + (f", d = {d}" if d > 1 else "")
        box(ax, 3.55, y, 1.25, 0.6, name, CONV, sub="Conv2d(2 → 1)", fontsize=9.5)
        _receptive_field(ax, 4.65, y, k, d)
        label(ax, 5.05, y + 0.12, "alım alanı", fontsize=8, ha="left")
        label(ax, 5.05, y - 0.12, f"{span}×{span}", fontsize=8.5, ha="left", color="black")
        path_arrow(ax, [(2.55, yc), (2.7, yc), (2.7, y), (2.92, y)])
        arrow(ax, (5.65, y), (6.05, yc + (y - yc) * 0.25), color=CONV[0])
    box(ax, 6.55, yc, 0.95, 0.65, "logitler z", CONV, sub="(B, K, H, W)", fontsize=9)
    label(ax, 3.55, 4.15, "dallar (K = 3)", fontsize=9, color=CONV[0], bold=True)
    # yönlendirici
    box(ax, 3.55, 0.45, 2.3, 0.55, "yönlendirici", ROUTE, fontsize=9,
        sub="s.mean((2, 3)) (B, 2) → MLP → softmaks")
    path_arrow(ax, [(1.95, yc - 0.33), (1.95, 0.45), (2.4, 0.45)], color=ROUTE[0])
    circle_op(ax, 7.6, yc, "Σ")
    arrow(ax, (7.03, yc), (7.45, yc))
    path_arrow(ax, [(4.7, 0.45), (7.6, 0.45), (7.6, yc - 0.15)], color=ROUTE[0])
    label(ax, 6.1, 0.62, "dal ağırlıkları r (B, K)", fontsize=8, color=ROUTE[0])
    label(ax, 7.6, yc + 0.42, "Σₖ rₖ zₖ\n(B, 1, H, W)", fontsize=8)
    box(ax, 8.55, yc, 1.05, 0.65, "kapı(· / T)", GATE, sub="maske m", fontsize=9)
    arrow(ax, (7.75, yc), (8.02, yc))
    circle_op(ax, 9.5, yc, "⊙")
    arrow(ax, (9.08, yc), (9.35, yc))
    path_arrow(ax, [(0.65, yc + 0.33), (0.65, 4.45), (9.5, 4.45), (9.5, yc + 0.15)])
    label(ax, 9.5, yc - 0.45, "y\n(B, C, H, W)", fontsize=8.5, color=DATA[0])
    label(ax, 8.55, 1.55, "T: maske sıcaklığı;\nkapı: sigmoid ya da\nhardsigmoid", fontsize=8,
          color=GATE[0])
    return fig


# ---- Bölüm 6 ---------------------------------------------------------------------------------


def se_blogu():
    fig, ax = new_figure(10.0, 2.6)
    y = 1.5
    items = [
        (0.7, 1.1, "girdi x", DATA, "(B, C, H, W)"),
        (2.25, 1.45, "sıkıştırma", ROUTE, f"ortalama {XBAR}: (B, C)"),
        (3.85, 1.3, "Linear", ROUTE, "C → C / r"),
        (5.05, 0.75, "ReLU", ROUTE, ""),
        (6.25, 1.3, "Linear", ROUTE, "C / r → C"),
        (7.55, 0.95, "sigmoid", GATE, "s: (B, C)"),
    ]
    for i, (x, w, text, colors, sub) in enumerate(items):
        box(ax, x, y, w, 0.65, text, colors, sub=sub or None, fontsize=9.5, bold=i == 0)
        if i:
            px, pw = items[i - 1][0], items[i - 1][1]
            arrow(ax, (px + pw / 2, y), (x - w / 2, y))
    label(ax, 5.05, 2.2, "uyarma (excitation): iki katmanlı MLP, r daraltma oranı", fontsize=8.5,
          color=ROUTE[0])
    circle_op(ax, 8.6, y, "⊙")
    arrow(ax, (8.03, y), (8.45, y))
    label(ax, 8.6, y + 0.45, "s → (B, C, 1, 1)", fontsize=8)
    box(ax, 9.45, y, 0.9, 0.65, "y", DATA, sub="(B, C, H, W)", bold=True)
    arrow(ax, (8.75, y), (9.0, y))
    path_arrow(ax, [(0.7, y - 0.33), (0.7, 0.35), (8.6, 0.35), (8.6, y - 0.15)])
    label(ax, 4.6, 0.5, "ölçekleme: her kanal kendi katsayısıyla, bütün konumlarda (yayma)",
          fontsize=8)
    return fig


def kanal_dikkati():
    fig, ax = new_figure(10.0, 4.6)
    yc, ya, ym = 2.2, 3.05, 1.35
    box(ax, 0.65, yc, 1.0, 0.65, "girdi x", DATA, sub="(B, C, H, W)", bold=True)
    box(ax, 2.15, ya, 1.3, 0.6, f"ortalama {XBAR}", ROUTE, sub="(B, C, 1, 1)", fontsize=9.5)
    box(ax, 2.15, ym, 1.3, 0.6, f"maksimum {XHAT}", ROUTE, sub="(B, C, 1, 1)", fontsize=9.5)
    arrow(ax, (1.15, yc + 0.15), (1.5, ya - 0.2))
    arrow(ax, (1.15, yc - 0.15), (1.5, ym + 0.2))
    label(ax, 2.15, 0.8, "sıkıştırmalar", fontsize=8.5, color=ROUTE[0])
    box(ax, 3.95, yc, 1.35, 2.3, "paylaşılan\nMLP\n\nfc1 → ReLU\n→ fc2\n(1×1 evrişim)", ROUTE,
        fontsize=9)
    arrow(ax, (2.8, ya), (3.27, ya))
    arrow(ax, (2.8, ym), (3.27, ym))
    box(ax, 6.35, yc, 2.0, 1.5, "", NEUTRAL)
    label(ax, 6.35, yc + 0.5, "kaynaştırma", fontsize=9.5, color="black", bold=True)
    label(ax, 6.35, yc + 0.1, "\"sum\" (CBAM): z = a + m", fontsize=8.5, color="black")
    label(ax, 6.35, yc - 0.3, "\"softmax\" (varsayılan):\nz = w₀ a + w₁ m", fontsize=8.5,
          color="black")
    arrow(ax, (4.63, ya), (5.35, yc + 0.5))
    arrow(ax, (4.63, ym), (5.35, yc - 0.5))
    label(ax, 4.95, ya + 0.05, "a", fontsize=9.5, color="black")
    label(ax, 4.95, ym - 0.05, "m", fontsize=9.5, color="black")
    # kaynaştırma yönlendiricisi
    box(ax, 5.3, 4.15, 2.6, 0.55, "kaynaştırma yönlendiricisi R", ROUTE, fontsize=9,
        sub=f"[{XBAR}; {XHAT}] (B, 2C) → MLP → softmaks")
    ax.plot([2.15, 2.15, 3.05], [ya + 0.3, 4.15, 4.15], color=ROUTE[0], lw=1.4, linestyle="--")
    path_arrow(ax, [(2.8, ym - 0.12), (3.05, ym - 0.12), (3.05, 4.15), (4.0, 4.15)],
               color=ROUTE[0], dashed=True)
    path_arrow(ax, [(6.6, 4.15), (7.0, 4.15), (7.0, yc + 0.75)], color=ROUTE[0], dashed=True)
    label(ax, 7.1, 3.55, "w (B, 2)\nyalnızca \"softmax\"", fontsize=8, color=ROUTE[0], ha="left")
    # kapı ve çarpım
    box(ax, 8.1, yc, 1.05, 0.65, "kapı(z / T)", GATE, sub="(B, C, 1, 1)", fontsize=9)
    arrow(ax, (7.35, yc), (7.57, yc))
    circle_op(ax, 9.05, yc, "⊙")
    arrow(ax, (8.63, yc), (8.9, yc))
    label(ax, 9.05, yc + 0.45, "y\n(B, C, H, W)", fontsize=8.5, color=DATA[0])
    path_arrow(ax, [(0.65, yc - 0.33), (0.65, 0.2), (9.05, 0.2), (9.05, yc - 0.15)])
    label(ax, 6.2, 0.35, "maske (B, C, 1, 1), x'in her konumuna yayılır: her kanal tek katsayı",
          fontsize=8)
    return fig


# ---- Bölüm 7 ---------------------------------------------------------------------------------


def cbam_artik():
    fig, ax = new_figure(10.0, 4.3)
    # üst: özgün yer, artık bloğun içi
    label(ax, 0.15, 4.05, "CBAM'in özgün yeri: artık bloğun içinde, toplamadan önce", fontsize=11,
          color="black", ha="left", bold=True)
    y = 2.85
    parts = [
        (0.5, 0.6, "x", DATA, None),
        (1.75, 1.45, "3×3 evrişim", CONV, "BN → ReLU"),
        (3.35, 1.3, "3×3 evrişim", CONV, "BN"),
        (4.95, 1.35, "kanal dikkati", GATE, "⊙ M_c (B, C, 1, 1)"),
        (6.55, 1.45, "uzamsal dikkat", GATE, "⊙ M_s (B, 1, H, W)"),
    ]
    for i, (x, w, text, colors, sub) in enumerate(parts):
        box(ax, x, y, w, 0.65, text, colors, sub=sub, fontsize=9.5, bold=i == 0)
        if i:
            px, pw = parts[i - 1][0], parts[i - 1][1]
            arrow(ax, (px + pw / 2, y), (x - w / 2, y))
    circle_op(ax, 7.75, y, "+")
    arrow(ax, (7.28, y), (7.6, y))
    box(ax, 8.6, y, 0.8, 0.5, "ReLU", NEUTRAL, fontsize=9)
    arrow(ax, (7.9, y), (8.2, y))
    box(ax, 9.55, y, 0.6, 0.5, "y", DATA, bold=True)
    arrow(ax, (9.0, y), (9.25, y))
    path_arrow(ax, [(0.5, y + 0.33), (0.5, 3.65), (7.75, 3.65), (7.75, y + 0.15)])
    label(ax, 4.1, 3.77, "kimlik yolu: maske ne kadar kısarsa kıssın sinyal ve gradyan buradan akar",
          fontsize=8)
    ax.plot([0.1, 9.9], [2.15, 2.15], color="#bbbbbb", lw=1.0)
    # alt: bu bölümün ağı
    label(ax, 0.15, 1.9, "Bu bölümün ağı: her dinamik aşamanın ardında y = h + CBAM(h)",
          fontsize=11, color="black", ha="left", bold=True)
    y = 0.75
    parts = [
        (1.2, 1.9, "dinamik aşama", CONV, "DynamicConvBlock → h"),
        (3.55, 1.35, "kanal dikkati", GATE, "⊙ M_c"),
        (5.15, 1.45, "uzamsal dikkat", GATE, "⊙ M_s"),
    ]
    for i, (x, w, text, colors, sub) in enumerate(parts):
        box(ax, x, y, w, 0.65, text, colors, sub=sub, fontsize=9.5)
        if i:
            px, pw = parts[i - 1][0], parts[i - 1][1]
            arrow(ax, (px + pw / 2, y), (x - w / 2, y))
    label(ax, 4.35, 0.2, "CBAMBlock: önce kanal, sonra uzamsal", fontsize=8, color=GATE[0])
    circle_op(ax, 6.45, y, "+")
    arrow(ax, (5.88, y), (6.3, y))
    box(ax, 7.95, y, 1.6, 0.55, "sonraki aşama", NEUTRAL, fontsize=9)
    arrow(ax, (6.6, y), (7.15, y))
    path_arrow(ax, [(2.15, y + 0.2), (2.45, y + 0.2), (2.45, 1.45), (6.45, 1.45),
                    (6.45, y + 0.15)])
    label(ax, 6.3, 0.22, "y = h ⊙ (1 + M),  M = M_c ⊙ M_s", fontsize=8.5, color="black",
          ha="left")
    return fig


FIGURES = {
    "uzamsal_cbam": uzamsal_cbam,
    "uzamsal_dinamik": uzamsal_dinamik,
    "se_blogu": se_blogu,
    "kanal_dikkati": kanal_dikkati,
    "cbam_artik": cbam_artik,
}


def main(argv=None) -> None:
    write(FIGURES, (argv if argv is not None else sys.argv[1:]))


if __name__ == "__main__":
    main()
