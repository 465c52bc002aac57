"""Kapı (gate) ve etkinleştirme fonksiyonu seçimi, float32'de kapı/softmaks aritmetiği (paket içi)."""

from __future__ import annotations

from typing import Callable, Dict

import torch
import torch.nn as nn
import torch.nn.functional as F

from ._validation import check_choice
from .temperature import _compute_dtype

__all__ = ["GATES", "ACTIVATIONS", "get_gate", "make_activation", "gated", "softmax_weights", "spatial_mean", "upcast"]

GATES: Dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "sigmoid": torch.sigmoid,
    "hardsigmoid": F.hardsigmoid,
}
ACTIVATIONS: Dict[str, Callable[[], nn.Module]] = {"relu": nn.ReLU, "silu": nn.SiLU}


def get_gate(name: str) -> Callable[[torch.Tensor], torch.Tensor]:
    """``"sigmoid"`` ya da ``"hardsigmoid"`` adına karşılık gelen kapı fonksiyonu."""
    return GATES[check_choice("gate", name, GATES)]


def make_activation(name: str) -> nn.Module:
    """``"relu"`` ya da ``"silu"`` adına karşılık gelen etkinleştirme modülü (yerinde değil)."""
    return ACTIVATIONS[check_choice("act", name, ACTIVATIONS)]()


def upcast(t: torch.Tensor) -> torch.Tensor:
    """float16/bfloat16 tensörü float32'ye çevirir; diğerlerini olduğu gibi bırakır."""
    return t.to(_compute_dtype(t))


def gated(logits: torch.Tensor, temperature: torch.Tensor, gate: Callable[[torch.Tensor], torch.Tensor]) -> torch.Tensor:
    """``gate(logits / T)``, en az float32 duyarlıkta (autocast altında taşma/NaN olmasın diye)."""
    return gate(upcast(logits) / temperature)


def softmax_weights(logits: torch.Tensor, temperature: torch.Tensor | float = 1.0) -> torch.Tensor:
    """``softmax(logits / T)`` son eksen boyunca, en az float32 duyarlıkta."""
    return torch.softmax(upcast(logits) / temperature, dim=-1)


def spatial_mean(x: torch.Tensor) -> torch.Tensor:
    """Her kanalın uzamsal ortalaması, ``(B, C, H, W) → (B, C)``: ``x.mean((2, 3))`` ile aynı değer.

    ``x.sum((2, 3)) · (1 / HW)`` olarak hesaplanır, çünkü geri yayması daha ucuzdur:
    ``mean``'in geri yayması ``(B, C, H, W)`` boyunda yeni bir gradyan tensörü yazar (genişletip
    HW'ye böler), ``sum``'ınki ise yalnızca bir genişletme görünümüdür (expand, bellek yazmaz);
    bölme ``(B, C)`` boyutlu küçük tensörde yapılır. Toplama float16/bfloat16 girdide float32'de
    yapılır (büyük haritalarda float16 toplamı taşmasın diye); sonuç girdinin dtype'ındadır.

    Example:
        >>> x = torch.randn(2, 3, 5, 7)
        >>> torch.allclose(spatial_mean(x), x.mean((2, 3)))
        True
    """
    total = x.sum(dim=(2, 3), dtype=_compute_dtype(x))
    return (total * (1.0 / (x.shape[-2] * x.shape[-1]))).to(x.dtype)
