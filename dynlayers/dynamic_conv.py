"""Dinamik evrişim katmanı (DynamicConv2d) ve blok (dinamik evrişim → toplu normalleştirme → ReLU)."""

from __future__ import annotations

import math
from typing import Any, Optional, Tuple, Union

import torch
import torch.nn as nn

from ._validation import (
    IntOrPair,
    check_bool,
    check_choice,
    check_input,
    check_kernel_size,
    check_nonnegative_pair,
    check_positive_int,
    check_positive_pair,
)
from .functional import IMPLS, dynamic_conv2d, resolve_impl
from .routing import RoutingMLP
from .temperature import Temperature, TemperatureMixin

__all__ = ["DynamicConv2d", "DynamicConvBlock"]

RoutedOutput = Union[torch.Tensor, Tuple[torch.Tensor, torch.Tensor]]


class DynamicConv2d(TemperatureMixin, nn.Module):
    r"""Girdiye koşullu evrişim: K uzman çekirdeğin örnek başına karışımı (DyConv / CondConv).

    .. math:: y_b = \Big(\sum_k a_k(x_b)\, W_k\Big) * x_b, \qquad a(x) = \mathrm{RoutingMLP}(x)

    Args:
        in_channels: Girdi kanal sayısı.
        out_channels: Çıktı kanal sayısı.
        kernel_size: Çekirdek boyutu; tek ve pozitif (int ya da ``(kh, kw)``).
        stride: Uzun adım.
        padding: Dolgu; ``None`` ise uzun adım 1'de boyutu koruyan dolgu, ``dilation·(k−1)//2``.
        dilation: Genişleme oranı.
        groups: Grup sayısı; ``in_channels`` ve ``out_channels`` buna tam bölünmeli.
        bias: Ek girdi bankası ``(K, C_out)`` olsun mu (ardından BatchNorm geliyorsa gereksiz).
        num_experts: Uzman sayısı K.
        reduction: Yönlendiricinin daraltma oranı.
        temperature: Yönlendirme sıcaklığı T > 0.
        routing: ``"softmax"`` (DyConv) ya da ``"sigmoid"`` (CondConv).
        impl: ``"auto"``, ``"loop"``, ``"grouped"``, ``"chunked"``, ``"mix"`` ya da ``"bmm"``
            (bkz. :func:`dynlayers.functional.dynamic_conv2d`). Hepsi aynı sonucu verir.

    Attributes:
        weight: Çekirdek bankası ``(K, C_out, C_in/groups, kh, kw)``.
        bias: Ek girdi bankası ``(K, C_out)`` ya da ``None``.
        router: :class:`~dynlayers.routing.RoutingMLP`.

    Shape:
        - Girdi: ``(B, C_in, H, W)``
        - Çıktı: ``(B, C_out, H', W')``; ``return_weights=True`` ise ek olarak ``(B, K)``.

    Example:
        >>> conv = DynamicConv2d(16, 32, kernel_size=3, num_experts=4)
        >>> y, a = conv(torch.randn(2, 16, 32, 32), return_weights=True)
        >>> y.shape, a.shape
        (torch.Size([2, 32, 32, 32]), torch.Size([2, 4]))
    """

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        kernel_size: IntOrPair = 3,
        stride: IntOrPair = 1,
        padding: Optional[IntOrPair] = None,
        dilation: IntOrPair = 1,
        groups: int = 1,
        bias: bool = False,
        num_experts: int = 4,
        reduction: int = 4,
        temperature: float = 1.0,
        routing: str = "softmax",
        impl: str = "auto",
    ) -> None:
        super().__init__()
        self.in_channels = check_positive_int("in_channels", in_channels)
        self.out_channels = check_positive_int("out_channels", out_channels)
        self.kernel_size = check_kernel_size("kernel_size", kernel_size)
        self.stride = check_positive_pair("stride", stride)
        self.dilation = check_positive_pair("dilation", dilation)
        if padding is None:
            padding = tuple(d * (k - 1) // 2 for d, k in zip(self.dilation, self.kernel_size))
        self.padding = check_nonnegative_pair("padding", padding)
        self.groups = check_positive_int("groups", groups)
        for name, value in (("in_channels", self.in_channels), ("out_channels", self.out_channels)):
            if value % self.groups:
                raise ValueError(
                    f"{name} ({value}) groups ({self.groups}) ile tam bölünmeli; groups, {name} "
                    "sayısının bir böleni olmalı."
                )
        self.num_experts = check_positive_int("num_experts", num_experts)
        self.impl = check_choice("impl", impl, IMPLS)
        if self.impl == "bmm" and (self.kernel_size != (1, 1) or self.stride != (1, 1)
                                   or self.padding != (0, 0) or self.groups != 1):
            raise ValueError(
                "impl='bmm' yalnızca kernel_size=1, stride=1, padding=0, groups=1 için geçerlidir; verilen: "
                f"kernel_size={kernel_size!r}, stride={stride!r}, padding={padding!r}, groups={groups!r}."
            )
        self.weight = nn.Parameter(
            torch.empty(self.num_experts, self.out_channels, self.in_channels // self.groups, *self.kernel_size)
        )
        self.bias = nn.Parameter(torch.empty(self.num_experts, self.out_channels)) if check_bool("bias", bias) else None
        self.router = RoutingMLP(self.in_channels, self.num_experts, reduction, temperature, routing)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Her uzmanı ``nn.Conv2d`` gibi bağımsız olarak ilkler (Kaiming düzgün dağılım)."""
        for expert in self.weight.data:
            nn.init.kaiming_uniform_(expert, a=math.sqrt(5))
        if self.bias is not None:
            fan_in = self.weight[0, 0].numel()
            bound = 1.0 / math.sqrt(fan_in)
            nn.init.uniform_(self.bias, -bound, bound)

    def forward(self, x: torch.Tensor, return_weights: bool = False) -> RoutedOutput:
        check_input(x, "x", self.in_channels)
        a = self.router(x)
        y = dynamic_conv2d(x, self.weight, a, self.bias, self.stride, self.padding, self.dilation,
                           self.groups, self.impl)
        return (y, a) if return_weights else y

    def resolved_impl(self, x: torch.Tensor) -> str:
        """Bu girdi için gerçekte çalışacak uygulamanın adı (``impl="auto"`` ise seçilen)."""
        if self.impl != "auto":
            return self.impl
        return resolve_impl(x, self.weight, self.stride, self.padding, self.dilation, self.groups)

    def _temperature_module(self) -> Temperature:
        return self.router.temp

    def extra_repr(self) -> str:
        s = (
            f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, stride={self.stride}, "
            f"padding={self.padding}"
        )
        if self.dilation != (1, 1):
            s += f", dilation={self.dilation}"
        if self.groups != 1:
            s += f", groups={self.groups}"
        return s + f", bias={self.bias is not None}, num_experts={self.num_experts}, impl={self.impl!r}"


class DynamicConvBlock(TemperatureMixin, nn.Module):
    """Dinamik evrişim → toplu normalleştirme (BatchNorm2d) → ReLU.

    Bütün başvuru uygulamaları BatchNorm'u karıştırılmış evrişimin ardına koyar: neredeyse düzgün
    yönlendirmede karışık çekirdeğin standart sapması ilklemede yaklaşık √K küçülür, BatchNorm bunu
    telafi eder. Evrişimin ek girdisi (bias) bu yüzden varsayılan olarak kapalıdır.

    Args:
        in_channels: Girdi kanal sayısı.
        out_channels: Çıktı kanal sayısı.
        kernel_size: Çekirdek boyutu (tek).
        stride: Uzun adım.
        **dynamic_conv_kwargs: :class:`DynamicConv2d`'ye geçen diğer argümanlar
            (``num_experts``, ``temperature``, ``routing``, ``impl``, ...).

    Shape:
        - Girdi: ``(B, C_in, H, W)``
        - Çıktı: ``(B, C_out, H', W')``; ``return_weights=True`` ise ek olarak ``(B, K)``.

    Example:
        >>> block = DynamicConvBlock(16, 32, stride=2)
        >>> block(torch.randn(2, 16, 32, 32)).shape
        torch.Size([2, 32, 16, 16])
    """

    def __init__(self, in_channels: int, out_channels: int, kernel_size: IntOrPair = 3, stride: IntOrPair = 1,
                 **dynamic_conv_kwargs: Any) -> None:
        super().__init__()
        self.conv = DynamicConv2d(in_channels, out_channels, kernel_size, stride, **dynamic_conv_kwargs)
        self.bn = nn.BatchNorm2d(self.conv.out_channels)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x: torch.Tensor, return_weights: bool = False) -> RoutedOutput:
        y, a = self.conv(x, return_weights=True)
        y = self.act(self.bn(y))
        return (y, a) if return_weights else y

    def _temperature_module(self) -> Temperature:
        return self.conv.router.temp

    def extra_repr(self) -> str:
        return f"{self.conv.in_channels}, {self.conv.out_channels}, stride={self.conv.stride}"
