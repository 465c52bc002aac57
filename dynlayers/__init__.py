"""dynlayers: girdiye koşullu (dinamik) CNN katmanları.

"Dinamik Katmanlar" kitabının kullandığı PyTorch paketi: yönlendirme ağı, dinamik evrişim
(hızlı ve kesin uygulamalarıyla), dinamik uzamsal dikkat, kanal dikkati, CBAM tarzı blok ve
sıcaklık tavlaması. Yalnızca ``torch``'a bağlıdır; ``dynlayers.viz`` ve ``dynlayers.datasets``
kitabın yardımcılarıdır (matplotlib, scikit-learn) ve burada yüklenmez.

Example:
    >>> import torch
    >>> from dynlayers import DynamicConv2d
    >>> DynamicConv2d(16, 32)(torch.randn(2, 16, 8, 8)).shape
    torch.Size([2, 32, 8, 8])
"""

from .cbam import CBAMBlock
from .channel_attention import ChannelAttentionFusionT
from .dynamic_conv import DynamicConv2d, DynamicConvBlock
from .functional import dynamic_conv2d, per_sample_kernel_bytes, resolve_impl
from .models import DynamicCNN, StaticCNN
from .routing import MLPHead, RoutingMLP
from .spatial_attention import DynamicSpatialAttention
from .temperature import (
    Temperature,
    TemperatureScheduler,
    inverse_softplus,
    linear_temperature,
    set_temperature,
)

__version__ = "0.1.0"

__all__ = [
    "CBAMBlock",
    "ChannelAttentionFusionT",
    "DynamicCNN",
    "DynamicConv2d",
    "DynamicConvBlock",
    "DynamicSpatialAttention",
    "MLPHead",
    "RoutingMLP",
    "StaticCNN",
    "Temperature",
    "TemperatureScheduler",
    "dynamic_conv2d",
    "inverse_softplus",
    "linear_temperature",
    "per_sample_kernel_bytes",
    "resolve_impl",
    "set_temperature",
]
