"""Küçük evrişimli ağlar: DynamicCNN (dinamik evrişimli aşamalar) ve statik ikizi StaticCNN."""

from __future__ import annotations

from typing import Any, List, Sequence, Tuple, Union

import torch
import torch.nn as nn

from ._validation import check_input, check_positive_int
from .dynamic_conv import DynamicConvBlock
from .temperature import fixed_temperatures, set_temperature

__all__ = ["DynamicCNN", "StaticCNN"]


def _check_widths(widths: Sequence[int]) -> Tuple[int, ...]:
    if isinstance(widths, (str, bytes)) or not isinstance(widths, Sequence) or len(widths) < 2:
        raise ValueError(f"widths en az iki pozitif tam sayılık bir dizi olmalı; verilen: {widths!r}.")
    return tuple(check_positive_int("widths[i]", w) for w in widths)


def _conv_bn_relu(in_channels: int, out_channels: int, stride: int = 1) -> nn.Sequential:
    """Statik ``3×3 evrişim → BatchNorm2d → ReLU`` (evrişimde ek girdi terimi yok: ardından BN geliyor)."""
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False),
        nn.BatchNorm2d(out_channels),
        nn.ReLU(inplace=True),
    )


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

    Raises:
        ValueError: ``in_channels``, ``num_classes``, ``widths`` ya da aşamalara geçen bir argüman
            geçersizse; ileri yaymada ``x`` 4 boyutlu ve ``in_channels`` kanallı değilse.

    Dönüşümler: ``.to(memory_format=torch.channels_last)``, ``.half()`` (sıcaklıklar float32 kalır),
    ``torch.jit.trace`` ve dinamik minigrup boyutuyla ``torch.export``/ONNX çalışır (bkz. API
    sayfasının "Modeli dışa aktarmak" bölümü).

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
        self.widths = _check_widths(widths)
        self.stem = _conv_bn_relu(self.in_channels, self.widths[0])
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


class StaticCNN(nn.Module):
    """:class:`DynamicCNN`'in statik ikizi: aynı gövde, aynı baş; aşamalarda sıradan evrişim.

    Dinamik evrişimin bir şey kazandırıp kazandırmadığını ölçmek için taban çizgisi (baseline).
    Aşamalar ``3×3 Conv2d (uzun adım 2) → BatchNorm2d → ReLU``; alt modül adları (``stem``,
    ``stages``, ``head``) :class:`DynamicCNN` ile aynıdır, böylece iki ağın parçaları yan yana
    sayılabilir.

    Args:
        in_channels: Girdi kanal sayısı (RGB: 3).
        num_classes: Sınıf sayısı.
        widths: Gövde ve aşamaların kanal genişlikleri; ``len(widths) - 1`` aşama kurulur.

    Raises:
        ValueError: ``in_channels``, ``num_classes`` ya da ``widths`` geçersizse; ileri yaymada ``x``
            4 boyutlu ve ``in_channels`` kanallı değilse.

    Shape:
        - Girdi: ``(B, in_channels, H, W)``
        - Çıktı: ``(B, num_classes)``

    Example:
        >>> model = StaticCNN(in_channels=1, widths=(16, 32, 64, 128))
        >>> model(torch.randn(2, 1, 16, 16)).shape
        torch.Size([2, 10])
    """

    def __init__(self, in_channels: int = 3, num_classes: int = 10,
                 widths: Sequence[int] = (32, 64, 128, 256)) -> None:
        super().__init__()
        self.in_channels = check_positive_int("in_channels", in_channels)
        self.num_classes = check_positive_int("num_classes", num_classes)
        self.widths = _check_widths(widths)
        self.stem = _conv_bn_relu(self.in_channels, self.widths[0])
        self.stages = nn.ModuleList(
            _conv_bn_relu(c_in, c_out, stride=2) for c_in, c_out in zip(self.widths[:-1], self.widths[1:])
        )
        self.head = nn.Linear(self.widths[-1], self.num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, "x", self.in_channels)
        x = self.stem(x)
        for stage in self.stages:
            x = stage(x)
        return self.head(x.mean(dim=(2, 3)))

    def extra_repr(self) -> str:
        return f"in_channels={self.in_channels}, num_classes={self.num_classes}, widths={self.widths}"
