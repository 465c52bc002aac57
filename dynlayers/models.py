"""Küçük bir dinamik evrişimli ağ: DynamicCNN (tohumlardaki DynamicNet)."""

from __future__ import annotations

from typing import Any, List, Sequence, Tuple, Union

import torch
import torch.nn as nn

from ._validation import check_input, check_positive_int
from .dynamic_conv import DynamicConvBlock
from .temperature import fixed_temperatures, set_temperature

__all__ = ["DynamicCNN"]


class DynamicCNN(nn.Module):
    """Statik gövde (stem), uzun adımı 2 olan dinamik aşamalar, küresel ortalama ortaklama, doğrusal baş.

    ``widths=(32, 64, 128, 256)`` ile: ``3×3 evrişim (C→32) → BN → ReLU``, sonra üç
    :class:`~dynlayers.dynamic_conv.DynamicConvBlock` (32→64, 64→128, 128→256; her biri çözünürlüğü
    yarıya indirir), ``x.mean((2, 3))`` ve ``Linear(256, num_classes)``.

    Args:
        in_channels: Girdi kanal sayısı (RGB: 3).
        num_classes: Sınıf sayısı.
        num_experts: Her dinamik aşamadaki uzman sayısı K.
        temperature: Yönlendirme sıcaklığı T > 0 (bütün aşamalar).
        widths: Gövde ve aşamaların kanal genişlikleri; ``len(widths) - 1`` dinamik aşama kurulur.
        **dynamic_conv_kwargs: Aşamalardaki :class:`~dynlayers.dynamic_conv.DynamicConv2d`'ye geçen
            diğer argümanlar (``reduction``, ``routing``, ``impl``, ...).

    Shape:
        - Girdi: ``(B, in_channels, H, W)``
        - Çıktı: ``(B, num_classes)``; ``return_weights=True`` ise ek olarak her aşamanın ``(B, K)``
          yönlendirme ağırlıklarının listesi.

    Example:
        >>> model = DynamicCNN(num_classes=10)
        >>> logits, weights = model(torch.randn(2, 3, 64, 64), return_weights=True)
        >>> logits.shape, [tuple(w.shape) for w in weights]
        (torch.Size([2, 10]), [(2, 4), (2, 4), (2, 4)])
    """

    def __init__(
        self,
        in_channels: int = 3,
        num_classes: int = 10,
        num_experts: int = 4,
        temperature: float = 1.0,
        widths: Sequence[int] = (32, 64, 128, 256),
        **dynamic_conv_kwargs: Any,
    ) -> None:
        super().__init__()
        self.in_channels = check_positive_int("in_channels", in_channels)
        self.num_classes = check_positive_int("num_classes", num_classes)
        if isinstance(widths, (str, bytes)) or not isinstance(widths, Sequence) or len(widths) < 2:
            raise ValueError(f"widths en az iki pozitif tam sayılık bir dizi olmalı; verilen: {widths!r}.")
        self.widths = tuple(check_positive_int("widths[i]", w) for w in widths)
        self.stem = nn.Sequential(
            nn.Conv2d(self.in_channels, self.widths[0], 3, padding=1, bias=False),
            nn.BatchNorm2d(self.widths[0]),
            nn.ReLU(inplace=True),
        )
        self.stages = nn.ModuleList(
            DynamicConvBlock(c_in, c_out, 3, stride=2, num_experts=num_experts, temperature=temperature,
                             **dynamic_conv_kwargs)
            for c_in, c_out in zip(self.widths[:-1], self.widths[1:])
        )
        self.head = nn.Linear(self.widths[-1], self.num_classes)

    def forward(self, x: torch.Tensor, return_weights: bool = False
                ) -> Union[torch.Tensor, Tuple[torch.Tensor, List[torch.Tensor]]]:
        check_input(x, "x", self.in_channels)
        x = self.stem(x)
        weights: List[torch.Tensor] = []
        for stage in self.stages:
            x, a = stage(x, return_weights=True)
            weights.append(a)
        logits = self.head(x.mean(dim=(2, 3)))
        return (logits, weights) if return_weights else logits

    @property
    def temperature(self) -> float:
        """Yönlendirme sıcaklığı (bütün aşamalar aynıysa o değer; farklıysa ilk aşamanınki)."""
        return fixed_temperatures(self)[0].temperature

    def set_temperature(self, temperature: float) -> None:
        """Her aşamadaki yönlendiricinin sıcaklığını ``temperature`` yapar; T > 0."""
        set_temperature(self, temperature)

    def extra_repr(self) -> str:
        return f"in_channels={self.in_channels}, num_classes={self.num_classes}, widths={self.widths}"
