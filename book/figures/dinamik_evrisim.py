"""Bölüm 1-4'ün şemaları: statik/dinamik evrişim, veri akışı, yönlendirici, sıcaklık, örnek başına
çekirdek uygulamaları ve ``DynamicCNN``.

Depo kökünden çalıştırın (``make figures`` bütün betikleri çalıştırır)::

    PYTHONPATH=$PWD .venv/bin/python book/figures/dinamik_evrisim.py [ad ...]

Sayısal her şey (uzman çekirdekleri karıştırmak, softmaks ağırlıkları) paketin kendi
fonksiyonlarıyla hesaplanır; şemalarda elle yazılmış sonuç yoktur. Ortak parçalar: ``_cizim.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import torch  # noqa: E402

import matplotlib  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from _cizim import (CONV, DATA, GREY, NEUTRAL, ROUTE, arrow, box, circle_op,  # noqa: E402
                    label, new_figure, path_arrow, stack, write)
from dynlayers._ops import softmax_weights  # noqa: E402
from dynlayers.viz import format_number  # noqa: E402

SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
EXPERT_NAMES = ["yatay", "dikey", "çapraz /", "çapraz \\"]


def _experts() -> torch.Tensor:
    """Bölüm 1'in dört uzman çekirdeği (Sobel türü kenar bulucular, birim normlu), ``(4, 3, 3)``."""
    sobel_h = torch.tensor([[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]])
    diag = torch.tensor([[0.0, 1.0, 2.0], [-1.0, 0.0, 1.0], [-2.0, -1.0, 0.0]])
    e = torch.stack([sobel_h, sobel_h.T, diag, diag.flip(0)])
    return e / e.flatten(1).norm(dim=1)[:, None, None]


def _digit(n: int):
    """scikit-learn'ün rakamlarından ``n`` rakamının ilk örneği (8×8, 0..16)."""
    from sklearn.datasets import load_digits

    d = load_digits()
    return d.images[list(d.target).index(n)]


def _kernel(ax, x, y, k2d, cell=0.2, vmax=None):
    """3×3 bir çekirdeği ısı haritası gibi çizer (mavi negatif, kırmızı pozitif); merkez (x, y)."""
    cmap = matplotlib.colormaps["RdBu_r"]
    vmax = float(k2d.abs().max()) if vmax is None else vmax
    n = k2d.shape[0]
    x0, y0 = x - n * cell / 2, y - n * cell / 2
    for i in range(n):
        for j in range(n):
            v = float(k2d[i, j]) / vmax
            ax.add_patch(Rectangle((x0 + j * cell, y0 + (n - 1 - i) * cell), cell, cell,
                                   facecolor=cmap(0.5 + 0.5 * v), edgecolor=GREY, lw=0.6))


def _image(ax, x, y, img, cell=0.09):
    """8×8 bir rakamı gri kareler olarak çizer (koyu = mürekkep); merkez (x, y)."""
    n = img.shape[0]
    x0, y0 = x - n * cell / 2, y - n * cell / 2
    ax.add_patch(Rectangle((x0, y0), n * cell, n * cell, facecolor="white", edgecolor=GREY,
                           lw=0.8))
    for i in range(n):
        for j in range(n):
            v = float(img[i, j]) / 16.0
            if v > 0:
                g = 1.0 - 0.85 * v
                ax.add_patch(Rectangle((x0 + j * cell, y0 + (n - 1 - i) * cell), cell, cell,
                                       facecolor=(g, g, g), edgecolor="none"))


def _bars(ax, x, y, weights, w=0.9, h=0.55, color=ROUTE[0]):
    """``weights`` (K,) için küçük bir çubuk grafik; taban ortası (x, y), en yüksek çubuk h."""
    k = len(weights)
    bw = w / k
    ax.plot([x - w / 2, x + w / 2], [y, y], color=GREY, lw=0.8)
    for i, a in enumerate(weights):
        ax.add_patch(matplotlib_rect(x - w / 2 + i * bw + 0.1 * bw, y, 0.8 * bw, h * float(a),
                                     color))
        label(ax, x - w / 2 + (i + 0.5) * bw, y - 0.1, f"a{'₁₂₃₄₅₆₇₈'[i]}", fontsize=8)


def matplotlib_rect(x, y, w, h, color):
    """Kenarsız dolu bir dikdörtgen (çubuk grafik çubuğu); sol alt köşe (x, y)."""
    return Rectangle((x, y), w, h, facecolor=color, edgecolor="none")


# ---- Bölüm 1 ---------------------------------------------------------------------------------

#: Şekilde kullanılan iki girdi (0 ve 1 rakamları) için yönlendiricinin üretebileceği örnek logitler.
#: Ağırlıklar bunlardan paketin softmaksıyla hesaplanır (T = 1).
EXAMPLE_LOGITS = {0: [0.2, 0.1, 1.6, 1.4], 1: [-0.4, 2.2, 0.0, -0.3]}


def statik_dinamik():
    experts = _experts()
    static = experts.mean(0)
    vmax = float(experts.abs().max())
    fig, ax = new_figure(9.6, 6.2)
    digits = {0: _digit(0), 1: _digit(1)}
    # üst: statik evrişim, iki girdi -> aynı çekirdek
    label(ax, 0.15, 5.95, "Statik evrişim: her girdiye aynı çekirdek W", fontsize=12,
          color="black", ha="left", bold=True)
    for row, (n, img) in enumerate(digits.items()):
        y = 5.2 - row * 1.1
        _image(ax, 0.8, y, img)
        label(ax, 0.8, y - 0.5, f"girdi {n + 1}", fontsize=8.5)
        arrow(ax, (1.25, y), (3.8, 4.65))
        arrow(ax, (4.6, 4.65), (7.35, y))
        box(ax, 8.1, y, 1.45, 0.5, f"y⁽{SUP[n + 1]}⁾ = W ∗ x⁽{SUP[n + 1]}⁾", NEUTRAL,
            fontsize=9)
    _kernel(ax, 4.2, 4.65, static, cell=0.2, vmax=vmax)
    label(ax, 4.2, 4.12, "W: uzmanların ortalaması, eğitimden sonra sabit", fontsize=8.5)
    ax.plot([0.1, 9.5], [3.45, 3.45], color="#bbbbbb", lw=1.0)
    # alt: dinamik evrişim, uzman bankası + girdiye göre ağırlıklar
    label(ax, 0.15, 3.2, "Dinamik evrişim: her girdiye kendi çekirdeği W(x) = Σₖ aₖ(x) Wₖ",
          fontsize=12, color="black", ha="left", bold=True)
    sx = 5.05
    for row, (n, img) in enumerate(digits.items()):
        y = 2.5 - row * 1.15
        _image(ax, 0.8, y, img)
        label(ax, 0.8, y - 0.5, f"girdi {n + 1}", fontsize=8.5)
        a = softmax_weights(torch.tensor(EXAMPLE_LOGITS[n]), 1.0)
        box(ax, 2.05, y, 0.95, 0.42, "yönlendirici", ROUTE, fontsize=8.5)
        arrow(ax, (1.25, y), (1.57, y))
        arrow(ax, (2.53, y), (2.8, y))
        _bars(ax, 3.3, y - 0.22, a.tolist(), w=0.9, h=0.5)
        arrow(ax, (3.85, y), (sx - 0.16, y), color=ROUTE[0])
        label(ax, 4.35, y + 0.13, "a(x)", fontsize=8.5, color=ROUTE[0])
        circle_op(ax, sx, y, "Σ", colors=CONV)
        mixed = torch.einsum("k,kij->ij", a, experts)
        arrow(ax, (sx + 0.16, y), (6.35, y), color=CONV[0])
        _kernel(ax, 6.7, y, mixed, cell=0.2, vmax=vmax)
        label(ax, 6.7, y - 0.43, f"W(x⁽{SUP[n + 1]}⁾)", fontsize=8.5)
        arrow(ax, (7.05, y), (7.3, y))
        s = SUP[n + 1]
        box(ax, 8.45, y, 2.1, 0.5, f"y⁽{s}⁾ = W(x⁽{s}⁾) ∗ x⁽{s}⁾", NEUTRAL, fontsize=9)
    bank_x = [sx - 1.14, sx - 0.38, sx + 0.38, sx + 1.14]
    for i, bx in enumerate(bank_x):
        _kernel(ax, bx, 0.55, experts[i], cell=0.15, vmax=vmax)
        label(ax, bx, 0.17, f"W{'₁₂₃₄'[i]}\n{EXPERT_NAMES[i]}", fontsize=8)
    arrow(ax, (sx, 0.79), (sx, 1.35 - 0.15), color=CONV[0])
    arrow(ax, (sx, 1.35 + 0.15), (sx, 2.5 - 0.15), color=CONV[0])
    label(ax, bank_x[0] - 0.35, 0.5, "çekirdek bankası\n(K = 4 uzman),\nbütün girdiler için\n"
          "aynı", fontsize=8, color=CONV[0], ha="right")
    return fig


def dinamik_evrisim_akisi():
    fig, ax = new_figure(10.0, 4.2)
    yr, ym, yc = 3.35, 2.0, 0.7
    box(ax, 0.8, ym, 1.15, 0.65, "girdi x", DATA, sub="(B, C_in, H, W)", bold=True)
    # yönlendirme kolu
    label(ax, 2.35, 3.95, "yönlendirici (Bölüm 2)", fontsize=9, color=ROUTE[0], bold=True)
    box(ax, 2.35, yr, 1.3, 0.62, "ortalama", ROUTE, sub="x.mean((2, 3))")
    box(ax, 4.0, yr, 1.55, 0.62, "MLP", ROUTE, sub="Linear → ReLU → Linear")
    box(ax, 5.7, yr, 1.35, 0.62, "softmaks(z / T)", ROUTE, fontsize=9.5)
    box(ax, 7.3, yr, 1.3, 0.62, "ağırlıklar a", ROUTE, sub="(B, K)", bold=True)
    path_arrow(ax, [(0.8, ym + 0.33), (0.8, yr), (1.7, yr)])
    arrow(ax, (3.0, yr), (3.22, yr))
    label(ax, 3.11, yr - 0.45, "(B, C_in)", fontsize=8)
    arrow(ax, (4.78, yr), (5.02, yr))
    label(ax, 4.9, yr - 0.45, "z: (B, K)", fontsize=8)
    arrow(ax, (6.38, yr), (6.65, yr))
    # banka ve karışım
    stack(ax, 4.8, ym - 0.05, 1.3, 0.5, 4, CONV, dx=0.07, dy=0.07, text="W₁ … W_K",
          fontsize=9.5)
    label(ax, 4.9, ym - 0.5, "çekirdek bankası (K, C_out, C_in, k, k)", fontsize=8.5,
          color=CONV[0])
    circle_op(ax, 7.3, ym, "Σ", colors=CONV)
    arrow(ax, (5.55, ym), (7.15, ym), color=CONV[0])
    arrow(ax, (7.3, yr - 0.31), (7.3, ym + 0.15))
    label(ax, 7.5, ym + 0.02, "W(x) = Σₖ aₖ Wₖ", fontsize=9.5, color=CONV[0], ha="left")
    label(ax, 7.5, ym - 0.25, "(B, C_out, C_in, k, k)", fontsize=8.5, ha="left")
    # örnek başına evrişim
    box(ax, 7.3, yc, 1.75, 0.65, "örnek başına evrişim", CONV, fontsize=9,
        sub="y_b = W(x_b) ∗ x_b")
    arrow(ax, (7.3, ym - 0.15), (7.3, yc + 0.33), color=CONV[0])
    path_arrow(ax, [(0.8, ym - 0.33), (0.8, yc), (6.42, yc)])
    box(ax, 9.25, yc, 1.2, 0.65, "çıktı y", DATA, sub="(B, C_out, H', W')", bold=True)
    arrow(ax, (8.18, yc), (8.65, yc))
    box(ax, 9.22, yr, 1.5, 0.62, "return_weights=True\n→ (y, a)", NEUTRAL, fontsize=8,
        dashed=True)
    arrow(ax, (7.95, yr), (8.47, yr), dashed=True)
    return fig


# ---- Bölüm 2 ---------------------------------------------------------------------------------


def yonlendirici():
    fig, ax = new_figure(10.0, 2.0)
    y = 1.15
    items = [
        (0.75, 1.15, "girdi x", DATA, "(B, C, H, W)"),
        (2.4, 1.55, "uzamsal ortalama", ROUTE, "x.mean((2, 3)) → (B, C)"),
        (4.15, 1.25, "fc1: Linear", ROUTE, "C → max(1, C // r)"),
        (5.5, 0.75, "ReLU", ROUTE, ""),
        (6.8, 1.2, "fc2: Linear", ROUTE, "→ logitler z (B, K)"),
        (8.55, 1.55, "softmaks(z / T)", ROUTE, "a: (B, K), satır toplamı 1"),
    ]
    for i, (x, w, text, colors, sub) in enumerate(items):
        box(ax, x, y, w, 0.7, text, colors, sub=sub or None, fontsize=9.5,
            bold=i in (0, 5))
        if i:
            px, pw = items[i - 1][0], items[i - 1][1]
            arrow(ax, (px + pw / 2, y), (x - w / 2, y))
    ax.plot([3.55, 3.55, 7.4, 7.4], [0.7, 0.62, 0.62, 0.7], color=ROUTE[0], lw=1.0)
    label(ax, 5.45, 0.4, "MLP: yalnızca C sayıya bakar (uzamsal ayrıntı ortalamada kaybolur)",
          fontsize=8.5)
    label(ax, 8.55, 1.72, "T: sıcaklık", fontsize=8.5, color=ROUTE[0])
    return fig


#: Sıcaklık şemasındaki logitler (Bölüm 2'nin örneği, K = 4); ağırlıklar paketin softmaksıyla
#: hesaplanır.
TEMP_LOGITS = [2.0, 0.0, -1.0, 0.5]
TEMPS = [0.25, 1.0, 3.0, 30.0]


def sicaklik():
    z = torch.tensor(TEMP_LOGITS)
    fig, ax = new_figure(10.0, 3.3)
    # logitler
    label(ax, 0.95, 3.05, "aynı logitler z", fontsize=10, color="black", bold=True)
    zmax = max(abs(v) for v in TEMP_LOGITS)
    base, h = 1.55, 1.0
    ax.plot([0.2, 1.7], [base, base], color=GREY, lw=0.8)
    for i, v in enumerate(TEMP_LOGITS):
        x = 0.3 + i * 0.35
        ax.add_patch(matplotlib_rect(x, base, 0.26, h * v / zmax, DATA[0]))
        label(ax, x + 0.13, base + h * v / zmax + (0.1 if v > 0 else -0.1),
              format_number(v, 1), fontsize=8)
        label(ax, x + 0.13, 0.3, f"z{'₁₂₃₄'[i]}", fontsize=8.5)
    arrow(ax, (1.85, 1.6), (2.35, 1.6))
    label(ax, 2.1, 1.85, "÷ T", fontsize=9)
    for j, t in enumerate(TEMPS):
        a = softmax_weights(z, float(t))
        x0 = 2.55 + j * 1.9
        label(ax, x0 + 0.72, 3.05, f"T = {format_number(t, 2 if t < 1 else 0)}", fontsize=10, color="black",
              bold=True)
        ax.plot([x0, x0 + 1.5], [0.5, 0.5], color=GREY, lw=0.8)
        ax.plot([x0, x0 + 1.5], [2.5, 2.5], color="#cccccc", lw=0.6, linestyle=":")
        for i, v in enumerate(a.tolist()):
            x = x0 + 0.08 + i * 0.36
            ax.add_patch(matplotlib_rect(x, 0.5, 0.27, 2.0 * v, ROUTE[0]))
            label(ax, x + 0.135, 0.5 + 2.0 * v + 0.1, format_number(v, 2), fontsize=8)
            label(ax, x + 0.135, 0.3, f"a{'₁₂₃₄'[i]}", fontsize=8.5)
    label(ax, 2.45, 2.5, "1", fontsize=8, ha="right")
    label(ax, 2.45, 0.5, "0", fontsize=8, ha="right")
    label(ax, 6.35, 0.07, "küçük T: keskin (en büyük logit kazanır)   ←→   büyük T: düzgün (1/K)",
          fontsize=8.5)
    return fig


# ---- Bölüm 3 ---------------------------------------------------------------------------------

SAMPLE_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c"]


def _blocks(ax, x, y, n, w, h, colors, labels=None, vertical=True, fontsize=8):
    """``n`` renkli blok art arda (bir tensörün örneklere göre parçaları); (x, y) sol alt köşe."""
    for i in range(n):
        if vertical:
            rx, ry = x, y + (n - 1 - i) * h
        else:
            rx, ry = x + i * w, y
        ax.add_patch(Rectangle((rx, ry), w, h, facecolor=colors[i % len(colors)],
                               edgecolor="white", lw=1.5, alpha=0.35))
        ax.add_patch(Rectangle((rx, ry), w, h, facecolor="none",
                               edgecolor=colors[i % len(colors)], lw=1.2))
        if labels:
            label(ax, rx + w / 2, ry + h / 2, labels[i], fontsize=fontsize, color="black")


def gruplu_hile():
    fig, ax = new_figure(10.0, 4.6)
    c = SAMPLE_COLORS
    # sol: döngü
    label(ax, 1.55, 4.35, "Döngü (impl=\"loop\")", fontsize=11, color="black", bold=True)
    for i in range(3):
        y = 3.5 - i * 0.9
        box(ax, 0.55, y, 0.8, 0.5, f"x_{i + 1}", (c[i], "white"), fontsize=9)
        box(ax, 1.6, y, 0.85, 0.5, "conv2d", CONV, fontsize=9)
        box(ax, 2.65, y, 0.8, 0.5, f"y_{i + 1}", (c[i], "white"), fontsize=9)
        arrow(ax, (0.95, y), (1.17, y))
        arrow(ax, (2.03, y), (2.25, y))
        label(ax, 1.6, y + 0.38, f"W(x_{i + 1})", fontsize=8, color=CONV[0])
    label(ax, 1.6, 0.8, "B ayrı çağrı:\nx[i:i+1] ile W(x_i)", fontsize=8.5)
    ax.plot([3.3, 3.3], [0.2, 4.5], color="#bbbbbb", lw=1.0)
    # sağ: gruplu
    label(ax, 6.6, 4.35, "Gruplu evrişim hilesi (impl=\"grouped\"): tek çağrı", fontsize=11,
          color="black", bold=True)
    bh = 0.42
    # x
    _blocks(ax, 3.55, 2.14, 3, 1.0, bh, c, [f"x_{i + 1}: C_in" for i in range(3)])
    label(ax, 4.05, 3.85, "x (B, C_in, H, W)\n→ reshape\n(1, B·C_in, H, W)", fontsize=8.5)
    # çekirdekler
    _blocks(ax, 5.5, 2.14, 3, 1.1, bh, c, [f"W(x_{i + 1}): C_out" for i in range(3)])
    label(ax, 6.05, 3.85, "çekirdekler (B, C_out, C_in, k, k)\n→ reshape\n(B·C_out, C_in, k, k)",
          fontsize=8.5)
    # conv
    box(ax, 7.55, 2.77, 0.95, 0.7, "conv2d", CONV, sub="groups = B", fontsize=9.5)
    path_arrow(ax, [(4.05, 2.14), (4.05, 1.9), (7.55, 1.9), (7.55, 2.42)])
    arrow(ax, (6.6, 2.77), (7.07, 2.77))
    # y
    _blocks(ax, 8.45, 2.14, 3, 1.0, bh, c, [f"y_{i + 1}: C_out" for i in range(3)])
    arrow(ax, (8.03, 2.77), (8.45, 2.77))
    label(ax, 8.95, 3.85, "(1, B·C_out, H', W')\n→ reshape\n(B, C_out, H', W')", fontsize=8.5)
    label(ax, 6.6, 1.35, "grup g yalnızca x'in g. kanal dilimini ve g. çekirdek dilimini görür:\n"
          "örnek b'nin kanalları yalnızca W(x_b) ile evriştirilir", fontsize=9)
    label(ax, 6.6, 0.8, "örnekler kanal ekseninde yan yana dizilir; B örnek = B grup", fontsize=9,
          color=CONV[0])
    return fig


def cikti_karistirma():
    fig, ax = new_figure(10.0, 3.6)
    box(ax, 0.75, 2.1, 1.1, 0.65, "girdi x", DATA, sub="(B, C_in, H, W)", bold=True)
    stack(ax, 2.55, 0.7, 1.2, 0.45, 4, CONV, dx=0.06, dy=0.06, text="W₁ … W_K", fontsize=9)
    label(ax, 2.6, 0.17, "banka → (K·C_out, C_in, k, k)", fontsize=8.5, color=CONV[0])
    box(ax, 2.6, 2.1, 1.2, 0.65, "conv2d", CONV, sub="tek statik çağrı", fontsize=9.5)
    arrow(ax, (1.3, 2.1), (2.0, 2.1))
    arrow(ax, (2.6, 1.0), (2.6, 1.77))
    # K çıktı
    for k in range(4):
        y = 2.85 - k * 0.5
        ax.add_patch(Rectangle((3.75, y - 0.2), 1.4, 0.4, facecolor=CONV[1], edgecolor=CONV[0],
                               lw=1.2))
        label(ax, 4.45, y, f"W{'₁₂₃ₖ'[k]} ∗ x" if k < 3 else "W_K ∗ x", fontsize=9,
              color="black")
    label(ax, 4.45, 0.95, "(B, K·C_out, H', W')\n→ (B, K, C_out·H'·W')", fontsize=8.5)
    arrow(ax, (3.2, 2.1), (3.66, 2.1))
    for bx in (3.68, 5.22):
        ax.plot([bx, bx], [1.15, 3.05], color=GREY, lw=1.4)
    # ağırlıklar
    box(ax, 6.1, 3.15, 1.15, 0.6, "ağırlıklar a", ROUTE, sub="(B, K)")
    circle_op(ax, 6.1, 2.1, "Σ", colors=CONV)
    label(ax, 6.3, 1.75, "Σₖ aₖ (Wₖ ∗ x)", fontsize=9, color=CONV[0], ha="left")
    arrow(ax, (6.1, 2.85), (6.1, 2.05))
    arrow(ax, (5.24, 2.1), (5.95, 2.1))
    box(ax, 7.7, 2.1, 1.2, 0.65, "çıktı y", DATA, sub="(B, C_out, H', W')", bold=True)
    arrow(ax, (6.25, 2.1), (7.1, 2.1))
    label(ax, 7.0, 0.75, "evrişim doğrusaldır:\nW(x) ∗ x = (Σₖ aₖ Wₖ) ∗ x = Σₖ aₖ (Wₖ ∗ x)\n"
          "örnek başına çekirdek hiç kurulmaz; bedeli K kat evrişim", fontsize=9, ha="center")
    return fig


def bmm_1x1():
    fig, ax = new_figure(10.0, 3.2)
    def mat(x, y, w, h, colors, text, sub):
        ax.add_patch(Rectangle((x, y), w, h, facecolor=colors[1], edgecolor=colors[0], lw=1.4))
        ax.add_patch(Rectangle((x + 0.07, y + 0.07), w, h, facecolor="none",
                               edgecolor=colors[0], lw=0.8))
        label(ax, x + w / 2, y + h / 2, text, fontsize=9.5, color="black")
        label(ax, x + w / 2, y - 0.22, sub, fontsize=8.5)

    box(ax, 0.85, 1.7, 1.3, 0.65, "1×1 çekirdekler", CONV, sub="(B, C_out, C_in, 1, 1)")
    arrow(ax, (1.5, 1.7), (1.9, 1.7))
    label(ax, 1.7, 1.92, "reshape", fontsize=7.5)
    mat(1.95, 1.15, 1.1, 1.0, CONV, "W(x_b)", "(B, C_out, C_in)")
    label(ax, 3.35, 1.65, "@", fontsize=16, color="black")
    mat(3.65, 0.9, 1.7, 1.5, DATA, "x_b sütunları", "(B, C_in, H·W)")
    label(ax, 4.5, 2.75, "x (B, C_in, H, W) → reshape", fontsize=8.5)
    label(ax, 5.75, 1.65, "=", fontsize=16, color="black")
    mat(6.1, 1.15, 1.7, 1.0, DATA, "y_b", "(B, C_out, H·W)")
    arrow(ax, (8.0, 1.65), (8.5, 1.65))
    label(ax, 8.25, 1.9, "reshape", fontsize=7.5)
    box(ax, 9.2, 1.65, 1.25, 0.65, "çıktı y", DATA, sub="(B, C_out, H, W)", bold=True)
    label(ax, 5.0, 0.15, "torch.bmm: B tane bağımsız matris çarpımı; her örnek kendi C_out × C_in "
          "matrisiyle", fontsize=9)
    return fig


# ---- Bölüm 4 ---------------------------------------------------------------------------------


def dinamik_cnn():
    fig, ax = new_figure(10.0, 4.4)
    # üst: blok
    label(ax, 0.15, 4.15, "DynamicConvBlock", fontsize=11, color="black", ha="left", bold=True)
    ax.add_patch(matplotlib_rect(0.15, 2.55, 9.7, 1.35, "#fafafa"))
    box(ax, 1.0, 3.05, 1.0, 0.55, "x", DATA, sub="(B, C_in, H, W)")
    box(ax, 3.0, 3.05, 2.0, 0.7, "DynamicConv2d", CONV, sub="k = 3, uzun adım 2, K uzman")
    box(ax, 3.0, 3.7, 1.35, 0.32, "yönlendirici → a", ROUTE, fontsize=8)
    box(ax, 5.05, 3.05, 1.35, 0.55, "BatchNorm2d", NEUTRAL, fontsize=9)
    box(ax, 6.45, 3.05, 0.9, 0.55, "ReLU", NEUTRAL, fontsize=9)
    box(ax, 8.75, 3.05, 1.7, 0.55, "y", DATA, sub="(B, C_out, H/2, W/2)")
    arrow(ax, (1.5, 3.05), (2.0, 3.05))
    arrow(ax, (4.0, 3.05), (4.37, 3.05))
    arrow(ax, (5.73, 3.05), (6.0, 3.05))
    arrow(ax, (6.9, 3.05), (7.9, 3.05))
    path_arrow(ax, [(3.68, 3.7), (8.2, 3.7), (8.2, 3.33)], color=ROUTE[0], dashed=True)
    label(ax, 8.3, 3.65, "return_weights=True:\n(y, a), a: (B, K)", fontsize=8, color=ROUTE[0],
          ha="left")
    # alt: ağ
    label(ax, 0.15, 2.25, "DynamicCNN (varsayılan widths = (32, 64, 128, 256))", fontsize=11,
          color="black", ha="left", bold=True)
    y = 1.25
    parts = [
        (0.6, 0.9, "x", DATA, "(B, 3, H, W)"),
        (1.95, 1.5, "gövde (stem)", NEUTRAL, "3×3 evrişim → BN → ReLU"),
        (3.65, 1.2, "aşama 1", CONV, "32 → 64"),
        (5.05, 1.2, "aşama 2", CONV, "64 → 128"),
        (6.45, 1.2, "aşama 3", CONV, "128 → 256"),
        (7.75, 0.95, "ortalama", NEUTRAL, "(B, 256)"),
        (9.1, 1.25, "Linear", NEUTRAL, "(B, num_classes)"),
    ]
    for i, (x, w, text, colors, sub) in enumerate(parts):
        box(ax, x, y, w, 0.62, text, colors, sub=sub, fontsize=9.5)
        if i:
            px, pw = parts[i - 1][0], parts[i - 1][1]
            arrow(ax, (px + pw / 2, y), (x - w / 2, y))
    label(ax, 1.95, 1.75, "statik", fontsize=8)
    for i, x in enumerate((3.65, 5.05, 6.45)):
        box(ax, x, 0.35, 0.95, 0.34, f"a⁽{SUP[i + 1]}⁾ (B, K)", ROUTE, fontsize=8)
        arrow(ax, (x, y - 0.31), (x, 0.52), color=ROUTE[0], dashed=True)
    label(ax, 5.05, 1.8, "her aşama bir DynamicConvBlock: yönlendirme burada, örnek başına",
          fontsize=8, color=CONV[0])
    label(ax, 7.35, 0.35, "return_weights=True:\n(logitler, [a⁽¹⁾, a⁽²⁾, a⁽³⁾])", fontsize=8.5,
          color=ROUTE[0], ha="left")
    return fig


FIGURES = {
    "statik_dinamik": statik_dinamik,
    "dinamik_evrisim_akisi": dinamik_evrisim_akisi,
    "yonlendirici": yonlendirici,
    "sicaklik": sicaklik,
    "gruplu_hile": gruplu_hile,
    "cikti_karistirma": cikti_karistirma,
    "bmm_1x1": bmm_1x1,
    "dinamik_cnn": dinamik_cnn,
}


def main(argv=None) -> None:
    write(FIGURES, (argv if argv is not None else sys.argv[1:]))


if __name__ == "__main__":
    main()
