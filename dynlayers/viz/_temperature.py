"""Sıcaklık kaydırıcıları: okurun tarayıcısında hesaplanan yönlendirme ağırlıkları ve maskeler.

Sıcaklık, katmanın zaten hesapladığı logitleri yalnızca ölçekler: yönlendirmede
``softmax(z / T)``, maskelerde ``gate(z / T)``. Bu yüzden bir sıcaklık kaydırıcısının gösterdiği her
şey kaydedilmiş logitlerden kesin olarak hesaplanabilir. Bu modülün iki fonksiyonu:

* :func:`routing_slider`: ``softmax(z / T)`` ağırlıklarının çubuk grafiği (isteğe bağlı K seçimi);
* :func:`mask_slider`: ``gate(z / T)`` maskesi (2-B ise görüntü olarak), histogramı ve istatistikleri
  (ortalama, std, en küçük, en büyük, 0'a ve 1'e yakın değerlerin payı).

İki kip:

* **Canlı** (Jupyter, Colab): ipywidgets kaydırıcıları; her hareketle Python aynı hesapla
  (:func:`routing_values`, :func:`mask_values`) yeni bir matplotlib şekli çizer.
* **Statik** (kitabın HTML'i, ``static_mode()``): sayfaya yalnızca logitler (float32, base64),
  başlangıç sıcaklığındaki şekil (PNG, JavaScript kapalıyken görünür) ve bir metin tablosu gömülür.
  ``book/_static/kaydirici.js`` aynı hesabı okurun tarayıcısında yapar ve grafiği Vega-Lite ile
  çizer. Sayfanın ağırlığı kaydırıcının konum sayısına bağlı değildir.

Sıcaklık logaritmik ölçekte ``steps`` konumda değişir: ``i``'inci konumun sıcaklığı
``10 ** (log10(T_min) + (log10(T_max) - log10(T_min)) · i / (steps - 1))``. JavaScript aynı formülü
kullanır; testler tarayıcının gösterdiği değerleri bu modülün fonksiyonlarıyla karşılaştırır.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import numbers
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ._format import format_number

__all__ = [
    "DEFAULT_STEPS",
    "DEFAULT_TEMPERATURES",
    "mask_slider",
    "mask_stats",
    "mask_values",
    "routing_slider",
    "routing_values",
    "temperature_digits",
    "temperature_grid",
]

#: Varsayılan sıcaklık aralığı (T_min, T_max): dört onluk, ortası T = 1.
DEFAULT_TEMPERATURES = (0.01, 100.0)
#: Varsayılan konum sayısı: onluk başına 50 konum (her adım yaklaşık %4,7).
DEFAULT_STEPS = 201
#: Matplotlib'in ``tab10`` renkleri: seriler bu sırayla boyanır (JavaScript de aynısını kullanır).
TAB10 = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
         "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
_GATES = ("sigmoid", "hardsigmoid")


# --------------------------------------------------------------------------- sıcaklık ızgarası

def _check_grid(temperatures: Any, steps: Any) -> Tuple[float, float, int]:
    try:
        lo, hi = (float(t) for t in temperatures)
    except Exception:
        raise ValueError(
            f"temperatures (T_min, T_max) biçiminde iki sayı olmalı; verilen: {temperatures!r}."
        ) from None
    if not (0 < lo < hi) or not math.isfinite(hi):
        raise ValueError(
            f"temperatures için 0 < T_min < T_max ve sonlu olmalı; verilen: {temperatures!r}."
        )
    if isinstance(steps, bool) or not isinstance(steps, numbers.Integral) or not 2 <= steps <= 10001:
        raise ValueError(f"steps 2 ile 10001 arasında bir tamsayı olmalı; verilen: {steps!r}.")
    return lo, hi, int(steps)


def _exponents(lo: float, hi: float, steps: int) -> List[float]:
    a, b = math.log10(lo), math.log10(hi)
    # JavaScript: a + (b - a) * i / (steps - 1), aynı işlem sırası -> aynı double.
    return [a + (b - a) * i / (steps - 1) for i in range(steps)]


def temperature_grid(temperatures: Sequence[float] = DEFAULT_TEMPERATURES,
                     steps: int = DEFAULT_STEPS) -> List[float]:
    """Kaydırıcının logaritmik sıcaklık ızgarası: ``steps`` değer, ``T_min``'den ``T_max``'a.

    Args:
        temperatures: ``(T_min, T_max)``, ``0 < T_min < T_max``.
        steps: Konum sayısı (2–10001).

    Returns:
        ``10 ** e`` değerlerinin listesi; ``e`` üsleri ``log10(T_min)``'den ``log10(T_max)``'a eşit
        aralıklıdır.

    Raises:
        ValueError: Aralık ya da konum sayısı geçersizse.

    Example:
        >>> grid = temperature_grid((0.01, 100.0), 201)
        >>> len(grid), grid[0], grid[100], grid[-1]
        (201, 0.01, 1.0, 100.0)
    """
    lo, hi, steps = _check_grid(temperatures, steps)
    return [10.0 ** e for e in _exponents(lo, hi, steps)]


def temperature_digits(exponent: float) -> int:
    """Sıcaklığı üç anlamlı basamakla yazmak için virgülden sonraki basamak sayısı.

    ``exponent`` sıcaklığın ``log10``'udur (ızgaranın üssü); sonuç: 0,0100 · 0,316 · 1,00 · 31,6 · 100.

    Args:
        exponent: ``log10(T)``.

    Example:
        >>> [temperature_digits(e) for e in (-2, -0.5, 0, 1.5, 2)]
        [4, 3, 2, 1, 0]
    """
    return max(0, 2 - math.floor(exponent + 1e-9))


def _grid_spec(lo: float, hi: float, steps: int, index: int) -> Dict[str, Any]:
    # a ve b (üslerin uçları) JSON'a yazılır: JavaScript log10'u yeniden hesaplamaz, ızgara aynı kalır.
    return {"min": lo, "max": hi, "steps": steps, "index": index,
            "a": math.log10(lo), "b": math.log10(hi)}


def _initial_index(lo: float, hi: float, steps: int, initial: Any) -> int:
    try:
        t0 = float(initial)
    except Exception:
        raise ValueError(f"initial bir sıcaklık (sayı) olmalı; verilen: {initial!r}.") from None
    if not (lo <= t0 <= hi):
        raise ValueError(
            f"initial = {initial!r} sıcaklık aralığının dışında; izin verilen aralık "
            f"[{format_number(lo, 4)}, {format_number(hi, 4)}]."
        )
    exps = _exponents(lo, hi, steps)
    e0 = math.log10(t0)
    idx = min(range(steps), key=lambda i: abs(exps[i] - e0))
    if abs(exps[idx] - e0) > 1e-9:
        near = [10.0 ** exps[j] for j in (max(idx - 1, 0), idx, min(idx + 1, steps - 1))]
        raise ValueError(
            f"initial = {initial!r} sıcaklık ızgarasında yok (steps = {steps}); en yakın değerler: "
            f"{[float(f'{t:.6g}') for t in near]}. Izgara noktası olan bir değer verin ya da "
            "temperatures/steps'i değiştirin."
        )
    return idx


# --------------------------------------------------------------------------- hesap (Python tarafı)

def _float32_tensor(name: str, value: Any):
    import torch

    if isinstance(value, torch.Tensor):
        t = value.detach().to("cpu", torch.float32)
    else:
        try:
            t = torch.as_tensor(value, dtype=torch.float32)
        except Exception:
            raise ValueError(f"{name} bir tensör ya da sayı dizisi olmalı; verilen: {value!r}.") from None
    if t.numel() == 0:
        raise ValueError(f"{name} boş olamaz; verilen şekil: {tuple(t.shape)}.")
    if not bool(torch.isfinite(t).all()):
        raise ValueError(f"{name} yalnızca sonlu sayılar içermeli (NaN ya da ∞ var).")
    return t.contiguous()


def _t32(temperature: float):
    import torch

    return torch.tensor(float(temperature), dtype=torch.float32)


def routing_values(logits, temperature: float):
    """``softmax(z / T)`` ağırlıkları ve her satırın entropisi, paketin kendi fonksiyonlarıyla.

    Ağırlıklar ``dynlayers._ops.softmax_weights`` ile (katmanların kullandığı fonksiyon), entropi
    ``dynlayers.training.routing_entropy`` ile hesaplanır; T, katmanlardaki gibi float32 bir
    tensördür.

    Args:
        logits: Logitler, son eksen uzmanlar: ``(..., K)``.
        temperature: Sıcaklık T > 0.

    Returns:
        ``(weights, entropy)``: ``weights`` logitlerle aynı şekilde, ``entropy`` son ekseni
        olmayan şekilde (nat cinsinden), ikisi de float32.

    Example:
        >>> import torch
        >>> w, h = routing_values(torch.tensor([2.0, 0.0, -1.0, 0.5]), 3.0)
        >>> [round(v, 3) for v in w.tolist()]
        [0.402, 0.206, 0.148, 0.244]
    """
    from .._ops import softmax_weights
    from ..training import routing_entropy

    z = _float32_tensor("logits", logits)
    w = softmax_weights(z, _t32(temperature))
    h = routing_entropy(w.reshape(-1, w.shape[-1])).reshape(w.shape[:-1])
    return w, h


def mask_values(logits, temperature: float, gate: str = "sigmoid"):
    """``gate(z / T)`` maskesi, katmanların kullandığı ``dynlayers._ops.gated`` ile (float32).

    Args:
        logits: Kapı öncesi logitler, herhangi bir şekil.
        temperature: Sıcaklık T > 0.
        gate: ``"sigmoid"`` ya da ``"hardsigmoid"`` (katmanın ``gate`` özniteliği).

    Returns:
        Logitlerle aynı şekilde maske, değerler [0, 1] aralığında.

    Example:
        >>> import torch
        >>> mask_values(torch.tensor([-2.0, 0.0, 2.0]), 0.5).tolist()  # sigmoid(z / 0,5)
        [0.01798621006309986, 0.5, 0.9820137619972229]
        >>> mask_values(torch.tensor([-2.0, 0.0, 2.0]), 0.5, "hardsigmoid").tolist()
        [0.0, 0.5, 1.0]
    """
    from .._ops import gated, get_gate

    z = _float32_tensor("logits", logits)
    return gated(z, _t32(temperature), get_gate(gate))


def mask_stats(mask, near: float = 0.05, bins: int = 40) -> Dict[str, Any]:
    """Maskenin istatistikleri: kaydırıcının gösterdiği sayılar.

    Args:
        mask: Maske değerleri (herhangi bir şekil).
        near: Eşik; ``m < near`` değerleri "0'a yakın", ``m > 1 − near`` değerleri "1'e yakın" sayılır.
        bins: [0, 1] aralığındaki eşit genişlikli histogram kutularının sayısı.

    Returns:
        ``mean``, ``std`` (yansız, ``torch.std`` gibi), ``min``, ``max``, ``near0``, ``near1``
        (paylar, 0–1), ``extreme`` (ikisinin toplamı) ve ``counts`` (``numpy.histogram`` ile,
        ``bins`` tamsayı) anahtarlı sözlük.

    Example:
        >>> import torch
        >>> s = mask_stats(torch.tensor([0.01, 0.5, 0.5, 0.99]), near=0.05, bins=4)
        >>> s["near0"], s["near1"], s["counts"]
        (0.25, 0.25, [1, 0, 2, 1])
    """
    import numpy as np

    m = mask.detach().float().flatten()
    near0 = (m < near).float().mean().item()
    near1 = (m > 1 - near).float().mean().item()
    counts, _ = np.histogram(m.numpy().astype(np.float64), bins=bins, range=(0.0, 1.0))
    return {
        "mean": m.mean().item(),
        "std": m.std().item() if m.numel() > 1 else 0.0,
        "min": m.min().item(),
        "max": m.max().item(),
        "near0": near0,
        "near1": near1,
        "extreme": near0 + near1,
        "counts": [int(c) for c in counts],
    }


# --------------------------------------------------------------------------- ortak doğrulama

def _check_labels(labels: Optional[Mapping[str, str]], allowed: Sequence[str]) -> Dict[str, str]:
    labels = dict(labels or {})
    unknown = set(labels) - set(allowed)
    if unknown:
        raise ValueError(
            f"labels içinde bilinmeyen adlar var: {sorted(unknown)}; izin verilenler: {list(allowed)}."
        )
    return labels


def _check_names(arg: str, names: Any, n: int, default: List[str]) -> List[str]:
    if names is None:
        return default
    if isinstance(names, (str, bytes)) or not hasattr(names, "__iter__"):
        raise ValueError(f"{arg} {n} adlık bir liste olmalı; verilen: {names!r}.")
    names = [str(s) for s in names]
    if len(names) != n:
        raise ValueError(f"{arg} {n} ad içermeli (logitlerin şekline göre); verilen {len(names)}: {names!r}.")
    return names


def _check_figsize(figsize: Any) -> Tuple[float, float]:
    try:
        w, h = float(figsize[0]), float(figsize[1])
    except Exception:
        raise ValueError(f"figsize (genişlik, yükseklik) olmalı; verilen: {figsize!r}.") from None
    if not (w > 0 and h > 0):
        raise ValueError(f"figsize pozitif olmalı; verilen: {figsize!r}.")
    return w, h


def _b64_float32(t) -> str:
    import numpy as np

    return base64.b64encode(t.numpy().astype("<f4", copy=False).tobytes()).decode("ascii")


def _uid(payload: str) -> str:
    return "dl-t-" + hashlib.sha1(payload.encode("utf-8")).hexdigest()[:10]


# --------------------------------------------------------------------------- yönlendirme

def _routing_tensor(name: str, value: Any):
    t = _float32_tensor(name, value)
    if t.dim() == 1:
        t = t[None, None]
    elif t.dim() == 2:
        t = t[None]
    elif t.dim() != 3:
        raise ValueError(
            f"{name} (K,), (S, K) ya da (P, S, K) şeklinde olmalı; verilen şekil: {tuple(t.shape)}."
        )
    return t


def routing_slider(
    logits: Any,
    *,
    series: Optional[Sequence[str]] = None,
    panels: Optional[Sequence[str]] = None,
    temperatures: Sequence[float] = DEFAULT_TEMPERATURES,
    steps: int = DEFAULT_STEPS,
    initial: float = 1.0,
    initial_k: Optional[int] = None,
    labels: Optional[Mapping[str, str]] = None,
    xlabel: str = "uzman k",
    ylabel: str = "ağırlık",
    figsize: Tuple[float, float] = (7, 3.6),
    caption: Optional[str] = None,
    alt: Optional[str] = None,
) -> None:
    """Sıcaklıklı softmaks ağırlıklarını ``softmax(z / T)`` gösteren kaydırıcılı çubuk grafik.

    Kitabın HTML'inde ağırlıklar okurun tarayıcısında, kaydedilmiş logitlerden hesaplanır (sıcaklık
    logaritmik ölçekte ``steps`` konumda sürekli değişir); Jupyter ve Colab'da ipywidgets
    kaydırıcıları aynı hesabı Python'da yapar. Grafiğin üstünde sıcaklık, K ve entropi yazar;
    altında ağırlıkların tablosu vardır. Kesikli çizgi düzgün dağılımdır (1/K).

    Args:
        logits: Yönlendiricinin logitleri: ``(K,)`` tek dağılım; ``(S, K)`` S seri (ör. S girdi,
            renklerle); ``(P, S, K)`` yan yana P panel. Ya da ``{K: logitler}`` sözlüğü: o zaman bir
            de "Uzman sayısı K" kaydırıcısı olur ve her K için kendi logitleri kullanılır (her
            tensörün son ekseni anahtarına eşit olmalı, ilk eksenler bütün K'larda aynı).
        series: S serinin adları (lejant); S > 1 ise verilmeli.
        panels: P panelin başlıkları; P > 1 ise verilmeli.
        temperatures: ``(T_min, T_max)``; varsayılan ``(0.01, 100)``.
        steps: Sıcaklık konumlarının sayısı (varsayılan 201).
        initial: Başlangıç sıcaklığı; ızgaranın bir noktası olmalı (ör. 0,1, 1, 10).
        initial_k: K sözlüğü verildiyse başlangıç K'sı (verilmezse ortadaki).
        labels: Kaydırıcı etiketleri, ``{"T": ..., "K": ...}``; varsayılan "Sıcaklık T",
            "Uzman sayısı K".
        xlabel, ylabel: Eksen başlıkları.
        figsize: Şeklin inç cinsinden boyutu (tarayıcıda da aynı oranlar).
        caption: Alt yazı.
        alt: Grafiğin kısa açıklaması (ekran okuyucular ve JavaScript'siz okur için).

    Raises:
        ValueError: Şekiller, adlar, sıcaklık aralığı ya da başlangıç değerleri geçersizse.

    Example:
        >>> import torch
        >>> routing_slider(torch.tensor([2.0, 0.0, -1.0, 0.5]), caption="Sıcaklıklı softmaks")
        ... # IPython dışında (ör. doctest) yalnızca nesnenin adı yazılır  # doctest: +ELLIPSIS
        <IPython.core.display.HTML object>
    """
    lo, hi, steps = _check_grid(temperatures, steps)
    t_index = _initial_index(lo, hi, steps, initial)
    figsize = _check_figsize(figsize)
    labels = _check_labels(labels, ("T", "K"))
    if isinstance(logits, Mapping):
        if not logits:
            raise ValueError("logits sözlüğü boş olamaz; {K: logitler} biçiminde olmalı.")
        ks: List[int] = []
        tensors = {}
        for k, v in logits.items():
            if isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 1:
                raise ValueError(f"logits sözlüğünün anahtarları pozitif tamsayı (K) olmalı; verilen: {k!r}.")
            t = _routing_tensor(f"logits[{k}]", v)
            if t.shape[-1] != k:
                raise ValueError(
                    f"logits[{k}] son ekseni {k} uzunlukta olmalı; verilen şekil: {tuple(t.shape)}."
                )
            ks.append(int(k))
            tensors[int(k)] = t
        ks.sort()
        lead = {tuple(t.shape[:2]) for t in tensors.values()}
        if len(lead) != 1:
            raise ValueError(f"logits sözlüğündeki tensörlerin ilk eksenleri aynı olmalı; verilen: {sorted(lead)}.")
        if initial_k is None:
            k_index = len(ks) // 2
        elif initial_k in ks:
            k_index = ks.index(initial_k)
        else:
            raise ValueError(f"initial_k = {initial_k!r} logits sözlüğünde yok; izin verilenler: {ks}.")
    else:
        if initial_k is not None:
            raise ValueError("initial_k yalnızca logits bir {K: logitler} sözlüğüyse verilebilir.")
        t = _routing_tensor("logits", logits)
        ks = [int(t.shape[-1])]
        tensors = {ks[0]: t}
        k_index = 0
    P, S = next(iter(tensors.values())).shape[:2]
    if S > len(TAB10):
        raise ValueError(f"en fazla {len(TAB10)} seri gösterilebilir; verilen: {S}.")
    series_ = _check_names("series", series, S, [""] if S == 1 else None)
    if series_ is None:
        raise ValueError(f"logits {S} seri içeriyor; series ile {S} ad verin.")
    panels_ = _check_names("panels", panels, P, [""] if P == 1 else None)
    if panels_ is None:
        raise ValueError(f"logits {P} panel içeriyor; panels ile {P} başlık verin.")
    spec = {
        "kind": "routing",
        "grid": _grid_spec(lo, hi, steps, t_index),
        "labels": {"T": labels.get("T", "Sıcaklık T"), "K": labels.get("K", "Uzman sayısı K")},
        "ks": ks,
        "k_index": k_index,
        "series": series_,
        "panels": panels_,
        "colors": TAB10[:S],
        "xlabel": xlabel,
        "ylabel": ylabel,
        "figsize": list(figsize),
        "alt": alt or "",
    }
    _show(spec, tensors, caption)


# --------------------------------------------------------------------------- maske

def mask_slider(
    logits: Any,
    *,
    gate: str = "sigmoid",
    temperatures: Sequence[float] = DEFAULT_TEMPERATURES,
    steps: int = DEFAULT_STEPS,
    initial: float = 1.0,
    near: float = 0.05,
    bins: int = 40,
    ymax: Optional[float] = None,
    color: str = "#1f77b4",
    labels: Optional[Mapping[str, str]] = None,
    image_title: str = "Maske",
    xlabel: str = "maske değeri",
    ylabel: str = "sayı",
    figsize: Tuple[float, float] = (9, 3.6),
    caption: Optional[str] = None,
    alt: Optional[str] = None,
) -> None:
    """Kapılı maskeyi ``gate(z / T)`` gösteren kaydırıcı: maske, histogram ve istatistikler.

    ``logits`` 2-B ise ``(H, W)`` maske viridis renk haritasıyla (0 koyu mor, 1 sarı) görüntü
    olarak, yanında histogramı çizilir; 1-B ise yalnızca histogram. Grafiğin üstünde ortalama,
    standart sapma, en küçük, en büyük ve 0'a / 1'e yakın değerlerin payı yazar. Kitabın HTML'inde
    hepsi okurun tarayıcısında kaydedilmiş logitlerden hesaplanır; Jupyter ve Colab'da ipywidgets
    kaydırıcısı aynı hesabı Python'da yapar (:func:`mask_values`, :func:`mask_stats`).

    Args:
        logits: Kapı öncesi logitler, ``(H, W)`` ya da ``(N,)`` (ör. modülün ``logits(x)``
            çıktısından bir kesit ya da düzleştirilmiş hâli).
        gate: Modülün kapısı: ``"sigmoid"`` ya da ``"hardsigmoid"``.
        temperatures, steps, initial: :func:`routing_slider` ile aynı.
        near: "Yakın" eşiği, 0 < near < 0,5: ``m < near`` 0'a, ``m > 1 − near`` 1'e yakın sayılır.
        bins: Histogramın [0, 1] aralığındaki kutu sayısı (2–200).
        ymax: Histogramın dikey ekseninin üst sınırı; ``None`` ise her sıcaklıkta kendiliğinden.
        color: Histogram çubuklarının rengi (``#rrggbb``).
        labels: ``{"T": ...}``; varsayılan "Sıcaklık T".
        image_title: Maske görüntüsünün başlığı.
        xlabel, ylabel: Histogramın eksen başlıkları.
        figsize, caption, alt: :func:`routing_slider` ile aynı.

    Raises:
        ValueError: Şekil, kapı, eşik, kutu sayısı ya da sıcaklık değerleri geçersizse.

    Example:
        >>> import torch
        >>> mask_slider(torch.randn(24, 32), gate="sigmoid", near=0.05)
        ... # IPython dışında (ör. doctest) yalnızca nesnenin adı yazılır  # doctest: +ELLIPSIS
        <IPython.core.display.HTML object>
    """
    lo, hi, steps = _check_grid(temperatures, steps)
    t_index = _initial_index(lo, hi, steps, initial)
    figsize = _check_figsize(figsize)
    labels = _check_labels(labels, ("T",))
    if gate not in _GATES:
        raise ValueError(f"gate {gate!r} olamaz; izin verilenler: {', '.join(_GATES)}.")
    try:
        near = float(near)
    except Exception:
        raise ValueError(f"near bir sayı olmalı; verilen: {near!r}.") from None
    if not 0 < near < 0.5:
        raise ValueError(f"near 0 ile 0,5 arasında olmalı; verilen: {near!r}.")
    if isinstance(bins, bool) or not isinstance(bins, numbers.Integral) or not 2 <= bins <= 200:
        raise ValueError(f"bins 2 ile 200 arasında bir tamsayı olmalı; verilen: {bins!r}.")
    if ymax is not None:
        try:
            ymax = float(ymax)
        except Exception:
            raise ValueError(f"ymax pozitif bir sayı ya da None olmalı; verilen: {ymax!r}.") from None
        if not ymax > 0:
            raise ValueError(f"ymax pozitif bir sayı ya da None olmalı; verilen: {ymax!r}.")
    if not (isinstance(color, str) and len(color) == 7 and color.startswith("#")):
        raise ValueError(f"color '#rrggbb' biçiminde olmalı; verilen: {color!r}.")
    z = _float32_tensor("logits", logits)
    if z.dim() not in (1, 2):
        raise ValueError(f"logits (H, W) ya da (N,) şeklinde olmalı; verilen şekil: {tuple(z.shape)}.")
    spec = {
        "kind": "mask",
        "grid": _grid_spec(lo, hi, steps, t_index),
        "labels": {"T": labels.get("T", "Sıcaklık T")},
        "gate": gate,
        "near": near,
        "bins": int(bins),
        "ymax": ymax,
        "color": color,
        "image_title": image_title if z.dim() == 2 else "",
        "xlabel": xlabel,
        "ylabel": ylabel,
        "figsize": list(figsize),
        "alt": alt or "",
    }
    _show(spec, {0: z}, caption)


# --------------------------------------------------------------------------- ortak gösterim

class _State:
    """Bir kaydırıcının durumu: verilen (sıcaklık, K) için hesaplanan değerler ve metinler."""

    def __init__(self, spec: Dict[str, Any], tensors: Dict[int, Any]):
        self.spec = spec
        self.tensors = tensors
        g = spec["grid"]
        self.exps = _exponents(g["min"], g["max"], g["steps"])

    def temperature(self, i: int) -> float:
        return 10.0 ** self.exps[i]

    def t_text(self, i: int) -> str:
        return format_number(self.temperature(i), temperature_digits(self.exps[i]))

    def compute(self, t_index: int, k_index: int = 0) -> Dict[str, Any]:
        T = self.temperature(t_index)
        if self.spec["kind"] == "routing":
            K = self.spec["ks"][k_index]
            w, h = routing_values(self.tensors[K], T)
            return {"T": T, "K": K, "weights": w, "entropy": h}
        z = self.tensors[0]
        m = mask_values(z, T, self.spec["gate"])
        return {"T": T, "mask": m, **mask_stats(m, self.spec["near"], self.spec["bins"])}

    # Metinler: JavaScript (book/_static/kaydirici.js) aynılarını üretir.
    def stats_items(self, r: Dict[str, Any], t_index: int) -> List[Tuple[str, str, float, str]]:
        """(anahtar, etiket, kesin değer, biçimli metin) listesi."""
        items = [("T", "T", r["T"], self.t_text(t_index))]
        if self.spec["kind"] == "routing":
            K = r["K"]
            items.append(("K", "K", float(K), format_number(int(K))))
            h = r["entropy"].flatten()
            mean_h = h.mean().item()
            name = "entropi" if h.numel() == 1 else "ortalama entropi"
            items.append(("entropy", name, mean_h, format_number(mean_h, 3)))
            items.append(("logK", "en fazla log K", math.log(K), format_number(math.log(K), 3)))
            return items
        for key, label in (("mean", "ortalama"), ("std", "std"), ("min", "en küçük"), ("max", "en büyük")):
            items.append((key, label, r[key], format_number(r[key], 3)))
        near = self.spec["near"]
        items.append(("near0", f"0'a yakın (< {format_number(near, 2)})", r["near0"],
                      format_number(r["near0"], 1, percent=True)))
        items.append(("near1", f"1'e yakın (> {format_number(1 - near, 2)})", r["near1"],
                      format_number(r["near1"], 1, percent=True)))
        return items

    def stats_html(self, r: Dict[str, Any], t_index: int) -> str:
        parts = []
        for key, label, value, text in self.stats_items(r, t_index):
            sep = " = " if key in ("T", "K") else ": "
            parts.append(
                f'<span class="dl-stat" data-stat="{key}" data-value="{value!r}">'
                f'{html.escape(label)}{sep}<b>{html.escape(text)}</b></span>'
            )
        return " ".join(parts)

    def table_html(self, r: Dict[str, Any]) -> str:
        if self.spec["kind"] == "routing":
            w, h = r["weights"], r["entropy"]
            P, S, K = w.shape
            head = "".join(f"<th scope=\"col\">{k + 1}</th>" for k in range(K))
            rows = []
            for p in range(P):
                for s in range(S):
                    name = " · ".join(x for x in (self.spec["panels"][p], self.spec["series"][s]) if x)
                    cells = "".join(
                        f'<td data-p="{p}" data-s="{s}" data-k="{k}" data-value="{w[p, s, k].item()!r}">'
                        f"{format_number(w[p, s, k].item(), 3)}</td>" for k in range(K)
                    )
                    hv = h[p, s].item()
                    rows.append(f'<tr><th scope="row">{html.escape(name or "ağırlık")}</th>{cells}'
                                f'<td data-p="{p}" data-s="{s}" data-k="H" data-value="{hv!r}">'
                                f"{format_number(hv, 3)}</td></tr>")
            return (f'<table><thead><tr><th scope="col">{html.escape(self.spec["xlabel"])}</th>{head}'
                    f'<th scope="col">entropi</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')
        counts = r["counts"]
        bins = len(counts)
        rows = []
        for b, c in enumerate(counts):
            a0, a1 = format_number(b / bins, 3), format_number((b + 1) / bins, 3)
            rows.append(f'<tr><th scope="row">{a0}–{a1}</th><td data-bin="{b}" data-value="{c}">'
                        f"{format_number(int(c))}</td></tr>")
        return (f'<table><thead><tr><th scope="col">{html.escape(self.spec["xlabel"])}</th>'
                f'<th scope="col">{html.escape(self.spec["ylabel"])}</th></tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table>')

    # ------------------------------------------------------------------ matplotlib
    def draw(self, fig, r: Dict[str, Any]) -> None:
        from ._format import number_formatter

        spec = self.spec
        if spec["kind"] == "routing":
            w = r["weights"]
            P, S, K = w.shape
            axes = fig.subplots(1, P, sharey=True, squeeze=False)[0]
            width = 0.8 / S
            for p, ax in enumerate(axes):
                for s in range(S):
                    pos = [k + 1 + (s - (S - 1) / 2) * width for k in range(K)]
                    ax.bar(pos, w[p, s].numpy(), width=width, color=spec["colors"][s],
                           label=spec["series"][s] or None)
                ax.axhline(1 / K, color="#555555", linestyle="--", linewidth=1.2)
                ax.text(K + 0.45, 1 / K, "1/K", va="bottom", ha="right", fontsize=9, color="#333333")
                ax.set_ylim(0, 1)
                ax.set_xlim(0.5, K + 0.5)
                ax.set_xticks(range(1, K + 1))
                ax.set_yticks([0, 0.25, 0.5, 0.75, 1])
                ax.yaxis.set_major_formatter(number_formatter(2))
                ax.grid(axis="x", visible=False)
                ax.set_xlabel(spec["xlabel"])
                if spec["panels"][p]:
                    ax.set_title(spec["panels"][p], fontsize=11)
            axes[0].set_ylabel(spec["ylabel"])
            if S > 1:
                handles, names = axes[0].get_legend_handles_labels()
                fig.legend(handles, names, loc="outside upper center", ncol=min(S, 5), fontsize=9,
                           frameon=False)
            return
        m = r["mask"]
        if m.dim() == 2:
            ax_img, ax = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.4, 1]})
            ax_img.imshow(m.numpy(), cmap="viridis", vmin=0, vmax=1, interpolation="nearest")
            ax_img.set_title(spec["image_title"], fontsize=11)
            ax_img.axis("off")
        else:
            ax = fig.add_subplot()
        bins = spec["bins"]
        edges = [b / bins for b in range(bins + 1)]
        ax.bar(edges[:-1], r["counts"], width=1 / bins, align="edge", color=spec["color"])
        ax.set_xlim(0, 1)
        if spec["ymax"] is not None:
            ax.set_ylim(0, spec["ymax"])
        ax.set_xticks([0, 0.2, 0.4, 0.6, 0.8, 1])
        ax.xaxis.set_major_formatter(number_formatter(1))
        ax.yaxis.set_major_formatter(number_formatter(0))
        ax.set_xlabel(spec["xlabel"])
        ax.set_ylabel(spec["ylabel"])


_HEADER = (
    '<div class="dl-slider-row"><label for="{iid}">{label}</label>'
    '<input class="dl-slider-input" id="{iid}" type="range" min="0" max="{max}" step="1" '
    'value="{value}" data-param="{param}" aria-valuetext="{text}">'
    '<output class="dl-slider-value" for="{iid}">{text}</output></div>'
)


def _show(spec: Dict[str, Any], tensors: Dict[int, Any], caption: Optional[str]) -> None:
    from ._sliders import static_mode

    state = _State(spec, tensors)
    if static_mode():
        from IPython.display import HTML, display

        display(HTML(_static_html(state, caption)))
    else:
        _live(state, caption)


def _image_uri(state: _State, r: Dict[str, Any]) -> str:
    from ._sliders import STATIC_DPI, _data_uri, _encode, _new_figure, _rgb_png

    fig = _new_figure(tuple(state.spec["figsize"]))
    state.draw(fig, r)
    return _data_uri(_encode(_rgb_png(fig, dpi=STATIC_DPI), webp=True))


def _static_html(state: _State, caption: Optional[str]) -> str:
    spec = state.spec
    t_index = spec["grid"]["index"]
    k_index = spec.get("k_index", 0)
    r = state.compute(t_index, k_index)
    data = dict(spec)
    data["data"] = {
        str(k): {"shape": list(t.shape), "b64": _b64_float32(t)} for k, t in state.tensors.items()
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    uid = _uid(payload)
    rows = [_HEADER.format(iid=f"{uid}-T", label=html.escape(spec["labels"]["T"]),
                           max=spec["grid"]["steps"] - 1, value=t_index, param="T",
                           text=html.escape(state.t_text(t_index)))]
    if spec["kind"] == "routing" and len(spec["ks"]) > 1:
        rows.append(_HEADER.format(iid=f"{uid}-K", label=html.escape(spec["labels"]["K"]),
                                   max=len(spec["ks"]) - 1, value=k_index, param="K",
                                   text=format_number(spec["ks"][k_index])))
    src = _image_uri(state, r)
    alt = spec["alt"] or ("Yönlendirme ağırlıkları" if spec["kind"] == "routing" else "Maske")
    alt0 = f"{alt} (T = {state.t_text(t_index)})"
    cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return (
        f'<figure class="dl-slider dl-computed" id="{uid}" data-kind="{spec["kind"]}">'
        f'<div class="dl-slider-controls" hidden>{"".join(rows)}</div>'
        f'<p class="dl-slider-stats" id="{uid}-stats">{state.stats_html(r, t_index)}</p>'
        f'<div class="dl-slider-chart"><img class="dl-slider-fallback" alt="{html.escape(alt0)}" '
        f'src="{src}"></div>'
        f'<noscript><p class="dl-slider-note">Kaydırıcı JavaScript ister; şekil ve tablo '
        f'T = {html.escape(state.t_text(t_index))} içindir.</p></noscript>'
        f'<details class="dl-slider-table"><summary>Sayısal değerler (tablo)</summary>'
        f"{state.table_html(r)}</details>"
        + cap
        + f'<script type="application/json" class="dl-slider-data">{payload}</script></figure>'
    )


def _live(state: _State, caption: Optional[str]) -> None:
    import ipywidgets as widgets
    from IPython.display import display

    from ._sliders import LIVE_DPI, _figure_png, _new_figure

    spec = state.spec
    g = spec["grid"]
    fig = _new_figure(tuple(spec["figsize"]))
    layout = widgets.Layout(width="min(100%, 32rem)")
    style = {"description_width": "initial"}
    t_slider = widgets.IntSlider(value=g["index"], min=0, max=g["steps"] - 1, step=1,
                                 description=spec["labels"]["T"], readout=False,
                                 continuous_update=True, style=style, layout=layout)
    t_out = widgets.Label()
    rows = [widgets.HBox([t_slider, t_out])]
    k_slider = None
    if spec["kind"] == "routing" and len(spec["ks"]) > 1:
        k_slider = widgets.SelectionSlider(
            options=[(format_number(k), i) for i, k in enumerate(spec["ks"])],
            value=spec["k_index"], description=spec["labels"]["K"], continuous_update=True,
            style=style, layout=layout)
        rows.append(k_slider)
    stats = widgets.HTML()
    image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
    table = widgets.HTML()
    error = widgets.Output()

    def update(_change=None) -> None:
        ti = t_slider.value
        ki = k_slider.value if k_slider is not None else spec.get("k_index", 0)
        try:
            r = state.compute(ti, ki)
            t_out.value = state.t_text(ti)
            stats.value = f'<p class="dl-slider-stats">{state.stats_html(r, ti)}</p>'
            fig.clear()
            state.draw(fig, r)
            image.value = _figure_png(fig, dpi=LIVE_DPI, quantize=False)
            table.value = (f'<details><summary>Sayısal değerler (tablo)</summary>'
                           f"{state.table_html(r)}</details>")
        except Exception:
            with error:
                error.clear_output()
                raise

    t_slider.observe(update, names="value")
    if k_slider is not None:
        k_slider.observe(update, names="value")
    update()
    children = [*rows, stats, image, table, error]
    if caption:
        children.append(widgets.HTML(f"<em>{html.escape(caption)}</em>"))
    display(widgets.VBox(children))
