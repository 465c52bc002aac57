"""Yönlendirme ağı (routing network): girdiden uzman karışım ağırlıkları üretir.

``x (B, C, H, W) → ortalama (B, C) → Linear → ReLU → Linear → logit (B, K) → softmax(logit / T)``

* ``routing="softmax"``: DyConv (Chen ve ark., 2020); satırların toplamı 1'dir.
* ``routing="sigmoid"``: CondConv (Yang ve ark., 2019); her uzman bağımsız kapılanır, satır
  toplamı 1 olmak zorunda değildir.

Yönlendiricide toplu normalleştirme (batch norm) yoktur: minigrup boyutu 1 iken de çalışır.
"""

from __future__ import annotations

from typing import Optional

import torch
import torch.nn as nn

from ._ops import gated, softmax_weights, spatial_mean
from ._validation import check_bool, check_choice, check_input, check_positive_int
from .temperature import Temperature, TemperatureMixin

__all__ = ["MLPHead", "RoutingMLP", "ROUTINGS"]

ROUTINGS = ("softmax", "sigmoid")


class MLPHead(nn.Module):
    """İki katmanlı küçük MLP: ``Linear → ReLU → Linear``; sıkıştırılmış vektörden logit üretir.

    :class:`RoutingMLP` ve dikkat modüllerinin içindeki yönlendiriciler bunu kullanır.

    Args:
        in_features: Girdi boyutu.
        hidden: Ara katman genişliği.
        out_features: Çıktı (logit) sayısı.
        bias: Doğrusal katmanlarda ek girdi terimi (bias) olsun mu.

    Shape:
        - Girdi: ``(B, in_features)``
        - Çıktı: ``(B, out_features)``

    Example:
        >>> MLPHead(8, 4, 3)(torch.randn(2, 8)).shape
        torch.Size([2, 3])
    """

    def __init__(self, in_features: int, hidden: int, out_features: int, bias: bool = True) -> None:
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden, bias=bias)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(hidden, out_features, bias=bias)

    def forward(self, v: torch.Tensor) -> torch.Tensor:
        return self.fc2(self.act(self.fc1(v)))

    def extra_repr(self) -> str:
        return f"{self.fc1.in_features} → {self.fc1.out_features} → {self.fc2.out_features}"


class RoutingMLP(TemperatureMixin, nn.Module):
    r"""Her örnek için K uzmanın karışım ağırlıklarını üreten yönlendirici (router).

    .. math:: a = \mathrm{softmax}(\mathrm{MLP}(\bar{x}) / T) \quad\text{ya da}\quad
              a = \sigma(\mathrm{MLP}(\bar{x}) / T)

    Burada :math:`\bar{x}` her kanalın uzamsal ortalamasıdır (küresel ortalama ortaklama,
    ``x.mean((2, 3))``; paket içi ``spatial_mean`` aynı değeri daha ucuz bir geri yaymayla
    hesaplar). Softmaks ve sigmoid float32'de hesaplanır.

    Args:
        in_channels: Girdi kanal sayısı C.
        num_experts: Uzman sayısı K (≥ 1).
        reduction: Ara katman daraltma oranı; ara genişlik ``max(min_hidden, C // reduction)``.
        temperature: Sıcaklık T > 0; küçük T keskin (tek uzmana yakın), büyük T düzgün karışım verir.
        routing: ``"softmax"`` (DyConv, satır toplamı 1) ya da ``"sigmoid"`` (CondConv).
        min_hidden: Ara genişliğin alt sınırı (≥ 1).
        hidden: Verilirse ara genişlik doğrudan budur (``reduction`` ve ``min_hidden`` yok sayılır).
        bias: Doğrusal katmanlarda ek girdi terimi olsun mu.

    Raises:
        ValueError: Kurulurken geçersiz bir argümanda (ör. ``num_experts=0``, ``routing="tanh"``,
            aralık dışı ``temperature``; ileti parametrenin adını, değeri ve izin verileni söyler);
            ileri yaymada ``x`` 4 boyutlu ve ``in_channels`` kanallı değilse.

    Shape:
        - Girdi: ``(B, C, H, W)``
        - Çıktı: ``(B, K)``, girdi float16/bfloat16 olsa da en az float32

    Example:
        >>> router = RoutingMLP(16, num_experts=4)
        >>> a = router(torch.randn(2, 16, 8, 8))
        >>> a.shape, torch.allclose(a.sum(1), torch.ones(2))
        (torch.Size([2, 4]), True)
    """

    def __init__(
        self,
        in_channels: int,
        num_experts: int = 4,
        reduction: int = 4,
        temperature: float = 1.0,
        routing: str = "softmax",
        min_hidden: int = 1,
        *,
        hidden: Optional[int] = None,
        bias: bool = True,
    ) -> None:
        super().__init__()
        self.in_channels = check_positive_int("in_channels", in_channels)
        self.num_experts = check_positive_int("num_experts", num_experts)
        reduction = check_positive_int("reduction", reduction)
        min_hidden = check_positive_int("min_hidden", min_hidden)
        self.routing = check_choice("routing", routing, ROUTINGS)
        if hidden is None:
            hidden = max(min_hidden, self.in_channels // reduction)
        self.hidden = check_positive_int("hidden", hidden)
        self.mlp = MLPHead(self.in_channels, self.hidden, self.num_experts, bias=check_bool("bias", bias))
        self.temp = Temperature(temperature)

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        """Softmaks/sigmoid öncesi ham skorlar, ``(B, K)``."""
        check_input(x, "x", self.in_channels)
        return self.mlp(spatial_mean(x))  # x.mean((2, 3)) ile aynı, geri yayması daha ucuz

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        logits = self.logits(x)
        if self.routing == "softmax":
            return softmax_weights(logits, self.temp())
        return gated(logits, self.temp(), torch.sigmoid)

    def extra_repr(self) -> str:
        return (
            f"in_channels={self.in_channels}, num_experts={self.num_experts}, hidden={self.hidden}, "
            f"routing={self.routing!r}, temperature={self.temperature:.4g}"
        )
