"""Argüman ve girdi denetimleri (paket içi, herkese açık API değildir).

Kural: geçersiz bir argüman, modül kurulurken Türkçe bir ``ValueError`` ile reddedilir. İleti
parametrenin adını, verilen değeri ve neye izin verildiğini söyler. Hiçbir değer sessizce
değiştirilmez (örneğin çift çekirdek boyutu bir artırılıp tek yapılmaz).
"""

from __future__ import annotations

import math
import numbers
from typing import Iterable, Sequence, Tuple, Union

import torch

IntOrPair = Union[int, Tuple[int, int]]

__all__ = [
    "IntOrPair",
    "check_bool",
    "check_choice",
    "check_input",
    "check_kernel_size",
    "check_nonnegative_pair",
    "check_odd_int",
    "check_positive_float",
    "check_positive_int",
    "check_positive_pair",
    "check_temperature",
    "is_tracing",
    "MIN_TEMPERATURE",
    "MAX_TEMPERATURE",
]

#: Sıcaklığın (ve öğrenilebilir sıcaklığın ``eps`` tabanının) izin verilen aralığı. Sıcaklık float32'de
#: tutulur ve logitler ``logit / T`` ile bölünür: T = 1e-39 gibi bir değer float32'nin normal sayı
#: aralığının (≈1,2e-38) altındadır, bölüm taşar (∞ − ∞ = NaN). 1e-8 ≤ T iken taşma için
#: |logit| > 3·10³⁰ gerekir; 1e8'in üstündeki sıcaklıklar ise softmaksı düzgün dağılımdan ayırt
#: edilemez yapar (float32'de 1e39 zaten ∞ olurdu).
MIN_TEMPERATURE: float = 1e-8
MAX_TEMPERATURE: float = 1e8


def _is_int(value: object) -> bool:
    # Hızlı yol: her ileri çağrıda denetlenen değerler çoğunlukla düz int'tir (ABC denetimi yavaştır).
    return type(value) is int or (isinstance(value, numbers.Integral) and not isinstance(value, bool))


def check_positive_int(name: str, value: object, minimum: int = 1) -> int:
    """``value`` en az ``minimum`` olan bir tam sayı değilse ``ValueError`` yükseltir."""
    if not _is_int(value) or value < minimum:
        raise ValueError(f"{name} en az {minimum} olan bir tam sayı olmalı; verilen: {value!r}.")
    return int(value)


def check_positive_float(name: str, value: object) -> float:
    """``value`` sonlu ve sıfırdan büyük bir gerçel sayı değilse ``ValueError`` yükseltir."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} sıfırdan büyük bir sayı olmalı; verilen: {value!r}.")
    value = float(value)
    if not math.isfinite(value) or value <= 0.0:
        raise ValueError(f"{name} sıfırdan büyük, sonlu bir sayı olmalı; verilen: {value!r}.")
    return value


def _short(value: float) -> str:
    """``1e-08`` yerine ``1e-8`` (iletilerde)."""
    return f"{value:g}".replace("e-0", "e-").replace("e+0", "e").replace("e+", "e")


def check_temperature(name: str, value: object) -> float:
    """``value`` :data:`MIN_TEMPERATURE` ile :data:`MAX_TEMPERATURE` arasında (sınırlar dahil) bir
    gerçel sayı değilse ``ValueError`` yükseltir.

    Çok küçük sıcaklıklar (ör. 1e-39) reddedilir, tek-sıcak (one-hot) sınırına yuvarlanmaz: float32'de
    ``logit / T`` taşar ve softmaks NaN verir. Keskin bir seçim isteyen T = 1e-8 ile aynı sonucu alır.
    """
    value = check_positive_float(name, value)
    if not MIN_TEMPERATURE <= value <= MAX_TEMPERATURE:
        raise ValueError(
            f"{name} {_short(MIN_TEMPERATURE)} ile {_short(MAX_TEMPERATURE)} arasında olmalı; verilen: "
            f"{value!r}. Daha küçük bir sıcaklık float32'de logit / T bölümünü taşırır (sonuç NaN olur); "
            f"tek bir uzmanı seçmek için T = {_short(MIN_TEMPERATURE)} yeterince keskindir."
        )
    return value


def is_tracing() -> bool:
    """``torch.jit.trace`` ya da ``torch.export`` (ONNX dışa aktarma dahil) sırasında mıyız?

    Bu durumda şekiller Python sayısı değil izlenen değerlerdir: şekil denetimleri atlanır (izlenen
    grafik başka minigrup boyutlarında da çalışsın diye) ve minigrup boyutunu Python sayısı olarak
    okuyan yollar kullanılmaz.
    """
    if torch.jit.is_tracing():
        return True
    is_exporting = getattr(torch.compiler, "is_exporting", None)
    return bool(is_exporting()) if is_exporting is not None else False


def check_bool(name: str, value: object) -> bool:
    """``value`` ``True``/``False`` değilse ``ValueError`` yükseltir."""
    if not isinstance(value, bool):
        raise ValueError(f"{name} True ya da False olmalı; verilen: {value!r}.")
    return value


def check_choice(name: str, value: object, choices: Iterable[str]) -> str:
    """``value`` izin verilen adlardan biri değilse ``ValueError`` yükseltir (büyük/küçük harf duyarlı)."""
    choices = tuple(choices)
    if not isinstance(value, str) or value not in choices:
        allowed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} şunlardan biri olmalı: {allowed}; verilen: {value!r}.")
    return value


def _pair(name: str, value: object, what: str) -> Tuple[int, int]:
    if type(value) is tuple and len(value) == 2 and type(value[0]) is int and type(value[1]) is int:
        return value  # type: ignore[return-value]  # hızlı yol: zaten (int, int)
    if _is_int(value):
        return int(value), int(value)  # type: ignore[arg-type]
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2 and all(
        _is_int(v) for v in value
    ):
        return int(value[0]), int(value[1])
    raise ValueError(f"{name} {what} bir tam sayı ya da iki tam sayılık bir demet olmalı; verilen: {value!r}.")


def check_positive_pair(name: str, value: object) -> Tuple[int, int]:
    """Uzun adım, genişleme gibi değerleri ``(h, w)`` çiftine çevirir; her biri en az 1 olmalı."""
    pair = _pair(name, value, "pozitif")
    if min(pair) < 1:
        raise ValueError(f"{name} pozitif olmalı (her eksende en az 1); verilen: {value!r}.")
    return pair


def check_nonnegative_pair(name: str, value: object) -> Tuple[int, int]:
    """Dolgu (padding) değerini ``(h, w)`` çiftine çevirir; her biri en az 0 olmalı."""
    pair = _pair(name, value, "negatif olmayan")
    if min(pair) < 0:
        raise ValueError(f"{name} negatif olmayan bir tam sayı olmalı (her eksende en az 0); verilen: {value!r}.")
    return pair


def check_odd_int(name: str, value: object) -> int:
    """Tek ve pozitif bir tam sayı (çekirdek boyutu) değilse ``ValueError`` yükseltir."""
    if not _is_int(value) or value < 1 or value % 2 == 0:
        raise ValueError(
            f"{name} tek ve pozitif bir tam sayı olmalı; verilen: {value!r}. Çift çekirdeklerde simetrik "
            "dolgu yoktur ve çıktı yarım piksel kayar; 1, 3, 5, 7 gibi bir değer seçin."
        )
    return int(value)


def check_kernel_size(name: str, value: object) -> Tuple[int, int]:
    """Çekirdek boyutunu ``(kh, kw)`` çiftine çevirir; her biri tek ve pozitif olmalı.

    Çift boyutlu bir çekirdeğin merkezi yoktur: "aynı boyut" için gereken dolgu iki yana eşit
    bölünemez ve çıktı yarım piksel kayar. Bu yüzden çift boyutları sessizce bir artırmak yerine
    reddederiz.
    """
    if _is_int(value):
        k = check_odd_int(name, value)
        return k, k
    pair = _pair(name, value, "tek ve pozitif")
    for v in pair:
        if v < 1 or v % 2 == 0:
            check_odd_int(name, value)  # aynı iletiyle reddet
    return pair


def check_input(x: object, name: str = "x", channels: int | None = None, ndim: int = 4) -> None:
    """``x`` bir tensör değilse, ``ndim`` boyutlu değilse ya da kanal sayısı tutmuyorsa
    ``ValueError`` yükseltir (hiçbir evrişim çalışmadan önce).

    ``torch.jit.trace`` sırasında şekiller izlenen 0 boyutlu tensörlerdir; denetim o zaman atlanır
    (bkz. :func:`is_tracing`), çünkü karşılaştırma izlenen grafiğe sabit olarak yazılırdı.
    """
    if torch.jit.is_tracing():
        return
    if not isinstance(x, torch.Tensor):
        raise ValueError(f"{name} bir torch.Tensor olmalı; verilen tür: {type(x).__name__}.")
    if x.dim() != ndim:
        raise ValueError(
            f"{name} {ndim} boyutlu (B, C, H, W) bir tensör olmalı; verilen şekil: {tuple(x.shape)}."
        )
    if channels is not None and x.shape[1] != channels:
        raise ValueError(
            f"{name} {channels} kanallı olmalı (şekil (B, {channels}, H, W)); verilen şekil: "
            f"{tuple(x.shape)}."
        )
