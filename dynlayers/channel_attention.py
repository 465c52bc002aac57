"""Kanal dikkati (channel attention): ortalama ve maksimum sıkıştırma, örnek başına kaynaştırma, sıcaklık."""

from __future__ import annotations

from typing import Optional, Tuple, Union

import torch
import torch.nn as nn

from ._ops import ACTIVATIONS, GATES, gated, get_gate, make_activation, softmax_weights, upcast
from ._validation import check_bool, check_choice, check_input, check_positive_int
from .routing import MLPHead
from .temperature import Temperature, TemperatureMixin

__all__ = ["ChannelAttentionFusionT"]

FUSIONS = ("sum", "softmax")


class ChannelAttentionFusionT(TemperatureMixin, nn.Module):
    r"""Her kanalın ne kadar geçeceğini öğrenen kanal dikkati (CBAM kanal dalı + örnek başına kaynaştırma).

    1. Sıkıştırma (squeeze): ``avg = x.mean((2, 3))``, ``max = x.amax((2, 3))`` → ``(B, C, 1, 1)``.
    2. Uyarma (excitation): aynı (paylaşılan) MLP ``fc2(act(fc1(·)))`` ikisine de uygulanır → ``a``, ``m``.
    3. Kaynaştırma (fusion): ``"sum"`` ise ``z = a + m`` (CBAM); ``"softmax"`` ise küçük bir
       yönlendirici ham sıkıştırma istatistiklerinden ``w = softmax(R([avg, max]))`` → ``(B, 2)``
       üretir ve ``z = w_0 a + w_1 m``.
    4. Maske ``ca = gate(z / T)`` → ``(B, C, 1, 1)``, çıktı ``y = x · ca``.

    Softmaks ve kapı float32'de hesaplanır; maske ``x``'in dtype'ına çevrilip çarpılır.

    Args:
        channels: Kanal sayısı C.
        reduction: MLP daraltma oranı; ara genişlik ``max(min_hidden, C // reduction)``.
        min_hidden: Ara genişliğin alt sınırı (≥ 1).
        fusion: ``"softmax"`` (örnek başına ağırlık) ya da ``"sum"`` (CBAM'deki gibi toplam).
        gate: ``"sigmoid"`` ya da ``"hardsigmoid"``.
        temperature: Maske sıcaklığı T > 0.
        learnable_temperature: True ise T = softplus(raw) + eps öğrenilir.
        eps: Öğrenilebilir T'nin alt sınırı (> 0).
        act: MLP'nin etkinleştirme fonksiyonu, ``"relu"`` ya da ``"silu"``.
        bias: MLP'nin 1×1 evrişimlerinde ek girdi terimi olsun mu.
        fusion_router_hidden: Kaynaştırma yönlendiricisinin ara genişliği (≥ 1).

    Attributes:
        fc1, fc2: Paylaşılan MLP'nin 1×1 evrişimleri.
        fusion_router: Kaynaştırma yönlendiricisi (``fusion="sum"`` ise ``None``).

    Raises:
        ValueError: Kurulurken geçersiz bir argümanda (``fusion``, ``gate``, ``act``, aralık dışı
            ``temperature`` ya da ``eps``, pozitif olmayan boyutlar); ileri yaymada ``x`` 4 boyutlu ve
            ``channels`` kanallı değilse.

    Kaynak: Woo ve ark., CBAM (ECCV 2018) kanal dalı; kaynaştırma ağırlıkları bu paketin eklentisidir.

    Shape:
        - Girdi: ``(B, C, H, W)``
        - Çıktı: ``(B, C, H, W)``; ``return_weights=True`` ise ek olarak maske ``(B, C, 1, 1)`` ve
          kaynaştırma ağırlıkları ``(B, 2)`` (``fusion="sum"`` ise ``None``).

    Example:
        >>> ca = ChannelAttentionFusionT(64)
        >>> y, mask, w = ca(torch.randn(2, 64, 14, 14), return_weights=True)
        >>> y.shape, mask.shape, w.shape
        (torch.Size([2, 64, 14, 14]), torch.Size([2, 64, 1, 1]), torch.Size([2, 2]))
    """

    def __init__(
        self,
        channels: int,
        reduction: int = 16,
        min_hidden: int = 4,
        fusion: str = "softmax",
        gate: str = "sigmoid",
        temperature: float = 1.0,
        learnable_temperature: bool = False,
        eps: float = 1e-6,
        act: str = "relu",
        bias: bool = True,
        fusion_router_hidden: int = 16,
    ) -> None:
        super().__init__()
        self.channels = check_positive_int("channels", channels)
        reduction = check_positive_int("reduction", reduction)
        min_hidden = check_positive_int("min_hidden", min_hidden)
        self.fusion = check_choice("fusion", fusion, FUSIONS)
        self.gate = check_choice("gate", gate, GATES)
        self._gate_fn = get_gate(gate)
        self.act_name = check_choice("act", act, ACTIVATIONS)
        self.fusion_router_hidden = check_positive_int("fusion_router_hidden", fusion_router_hidden)
        bias = check_bool("bias", bias)
        self.hidden = max(min_hidden, self.channels // reduction)

        self.fc1 = nn.Conv2d(self.channels, self.hidden, kernel_size=1, bias=bias)
        self.act = make_activation(act)
        self.fc2 = nn.Conv2d(self.hidden, self.channels, kernel_size=1, bias=bias)
        self.fusion_router: Optional[MLPHead] = (
            MLPHead(2 * self.channels, self.fusion_router_hidden, 2) if self.fusion == "softmax" else None
        )
        self.temp = Temperature(temperature, learnable_temperature, eps)

    def mlp(self, s: torch.Tensor) -> torch.Tensor:
        """Paylaşılan MLP: ``(N, C, 1, 1) → (N, C, 1, 1)`` kanal logitleri."""
        return self.fc2(self.act(self.fc1(s)))

    def forward(
        self, x: torch.Tensor, return_weights: bool = False
    ) -> Union[torch.Tensor, Tuple[torch.Tensor, torch.Tensor, Optional[torch.Tensor]]]:
        check_input(x, "x", self.channels)
        avg = x.mean(dim=(2, 3), keepdim=True)  # (B, C, 1, 1)
        mx = x.amax(dim=(2, 3), keepdim=True)  # (B, C, 1, 1)
        # Paylaşılan MLP iki istatistiğe tek çağrıda uygulanır: [avg; max] minigrup ekseninde art arda.
        # chunk(2) yerine (2, B, ...) görünümü: chunk, torch.export'ta minigrup boyutunu sabitlerdi.
        a, m = upcast(self.mlp(torch.cat([avg, mx], dim=0))).unflatten(0, (2, -1)).unbind(0)
        weights: Optional[torch.Tensor] = None
        if self.fusion_router is None:
            z = a + m
        else:
            weights = softmax_weights(self.fusion_router(torch.cat([avg, mx], dim=1).flatten(1)))  # (B, 2)
            z = weights[:, 0, None, None, None] * a + weights[:, 1, None, None, None] * m
        mask = gated(z, self.temp(), self._gate_fn).to(x.dtype)  # (B, C, 1, 1)
        y = x * mask
        return (y, mask, weights) if return_weights else y

    def extra_repr(self) -> str:
        return (
            f"channels={self.channels}, hidden={self.hidden}, fusion={self.fusion!r}, gate={self.gate!r}, "
            f"act={self.act_name!r}"
        )
