"""CBAM tarzı blok: önce kanal dikkati, sonra uzamsal dikkat (Woo ve ark., ECCV 2018)."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Tuple, Union

import torch
import torch.nn as nn

from ._validation import check_input, check_positive_int
from .channel_attention import ChannelAttentionFusionT
from .spatial_attention import DynamicSpatialAttention
from .temperature import Temperature, TemperatureMixin, set_temperature

__all__ = ["CBAMBlock"]


def _check_kwargs(name: str, kwargs: Optional[Mapping[str, Any]], reserved: Tuple[str, ...]) -> Dict[str, Any]:
    if kwargs is None:
        return {}
    if not isinstance(kwargs, Mapping):
        raise ValueError(f"{name} None ya da bir sözlük olmalı; verilen: {kwargs!r}.")
    clash = [k for k in reserved if k in kwargs]
    if clash:
        raise ValueError(f"{name} içinde {clash} verilemez; bu değerler CBAMBlock'un kendi argümanlarıdır.")
    return dict(kwargs)


class CBAMBlock(TemperatureMixin, nn.Module):
    """Kanal dikkati (:class:`~dynlayers.channel_attention.ChannelAttentionFusionT`) ardından uzamsal dikkat (:class:`~dynlayers.spatial_attention.DynamicSpatialAttention`).

    CBAM'de olduğu gibi sıra önce kanal ("ne"), sonra uzamsal ("nerede") dikkattir; artık bağlantılı
    bir blokta toplama işleminden önce uygulanır.

    Args:
        channels: Kanal sayısı C.
        reduction: Kanal dikkati MLP'sinin daraltma oranı.
        channel_kwargs: :class:`~dynlayers.channel_attention.ChannelAttentionFusionT`'ye geçen diğer argümanlar
            (ör. ``{"fusion": "sum"}`` ile tam CBAM kanal dalı).
        spatial_kwargs: :class:`~dynlayers.spatial_attention.DynamicSpatialAttention`'a geçen argümanlar
            (ör. ``{"kernels": (7,), "use_dilated": False}`` ile tek 7×7 dallı CBAM uzamsal dalı).

    Raises:
        ValueError: ``channels`` pozitif bir tam sayı değilse, ``channel_kwargs``/``spatial_kwargs``
            sözlük değilse ya da blokun kendi argümanlarını içeriyorsa, alt modüllerin reddettiği her
            argümanda; ileri yaymada ``x`` 4 boyutlu ve ``channels`` kanallı değilse.

    Shape:
        - Girdi: ``(B, C, H, W)``
        - Çıktı: ``(B, C, H, W)``; ``return_weights=True`` ise ek olarak şu anahtarları taşıyan bir
          sözlük: ``"channel_mask"`` ``(B, C, 1, 1)``, ``"fusion_weights"`` ``(B, 2)`` ya da
          ``None``, ``"spatial_mask"`` ``(B, 1, H, W)``, ``"branch_weights"`` ``(B, K)``.

    Example:
        >>> block = CBAMBlock(32)
        >>> y, info = block(torch.randn(2, 32, 16, 16), return_weights=True)
        >>> y.shape, sorted(info)
        (torch.Size([2, 32, 16, 16]), ['branch_weights', 'channel_mask', 'fusion_weights', 'spatial_mask'])
    """

    def __init__(
        self,
        channels: int,
        reduction: int = 16,
        channel_kwargs: Optional[Mapping[str, Any]] = None,
        spatial_kwargs: Optional[Mapping[str, Any]] = None,
    ) -> None:
        super().__init__()
        self.channels = check_positive_int("channels", channels)
        ckw = _check_kwargs("channel_kwargs", channel_kwargs, ("channels", "reduction"))
        skw = _check_kwargs("spatial_kwargs", spatial_kwargs, ())
        self.channel = ChannelAttentionFusionT(self.channels, reduction=reduction, **ckw)
        self.spatial = DynamicSpatialAttention(**skw)

    def forward(
        self, x: torch.Tensor, return_weights: bool = False
    ) -> Union[torch.Tensor, Tuple[torch.Tensor, Dict[str, Optional[torch.Tensor]]]]:
        check_input(x, "x", self.channels)
        y, channel_mask, fusion_weights = self.channel(x, return_weights=True)
        y, spatial_mask, branch_weights = self.spatial(y, return_weights=True)
        if not return_weights:
            return y
        info = {
            "channel_mask": channel_mask,
            "fusion_weights": fusion_weights,
            "spatial_mask": spatial_mask,
            "branch_weights": branch_weights,
        }
        return y, info

    def _temperature_module(self) -> Temperature:
        # ``temperature`` kanal dikkatinin sıcaklığıdır; ikisi ayrı ayrı ``.channel.temperature`` ve
        # ``.spatial.temperature`` ile okunur.
        return self.channel.temp

    def set_temperature(self, temperature: float) -> None:
        """Her iki alt modülün sabit sıcaklığını ``temperature`` yapar (öğrenilebilir olanlara dokunmaz)."""
        set_temperature(self, temperature)

    def extra_repr(self) -> str:
        return f"channels={self.channels}"
