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
        bank: Öğrenilen çekirdek bankası, 2 boyutlu parametre ``(K, C_out·(C_in/groups)·kh·kw)``
            (timm'in CondConv'u gibi; ``state_dict`` anahtarı ``bank``).
        bias: Ek girdi bankası ``(K, C_out)`` ya da ``None``.
        router: :class:`~dynlayers.routing.RoutingMLP`.

    Banka neden 2 boyutlu? ``module.to(memory_format=torch.channels_last)`` her 4 ve 5 boyutlu
    parametreyi çevirmeye çalışır; 5 boyutlu bir banka "required rank 4 tensor to use channels_last
    format" hatası verirdi. 2 boyutlu banka bu dönüşümden etkilenmez; channels_last girdide çıktı
    bitişik (contiguous) girdidekiyle aynıdır. 5 boyutlu ``weight`` anahtarlı eski kayıtlar
    (``state_dict``) yüklenirken kendiliğinden ``bank``'e çevrilir.

    Shape:
        - Girdi: ``(B, C_in, H, W)``
        - Çıktı: ``(B, C_out, H', W')``; ``return_weights=True`` ise ek olarak ``(B, K)``.

    Raises:
        ValueError: Kurulurken geçersiz bir argümanda (parametrenin adı, değeri ve izin verilenle);
            ileri yaymada ``x`` 4 boyutlu ve ``in_channels`` kanallı değilse.

    Kaynak: Yang ve ark., CondConv (NeurIPS 2019); Chen ve ark., Dynamic Convolution (CVPR 2020).

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
        self._weight_shape = (self.num_experts, self.out_channels, self.in_channels // self.groups,
                              *self.kernel_size)
        self.bank = nn.Parameter(torch.empty(self.num_experts, math.prod(self._weight_shape[1:])))
        self.bias = nn.Parameter(torch.empty(self.num_experts, self.out_channels)) if check_bool("bias", bias) else None
        self.router = RoutingMLP(self.in_channels, self.num_experts, reduction, temperature, routing)
        self.reset_parameters()

    @property
    def weight(self) -> torch.Tensor:
        """Çekirdek bankasının salt okunur ``(K, C_out, C_in/groups, kh, kw)`` görünümü (view).

        ``bank`` ile aynı belleği paylaşır: okumak ve gradyanı izlemek için; yeni bir tensör atanamaz
        (``bank``'e yazın).
        """
        return self.bank.view(self._weight_shape)

    def _load_from_state_dict(self, state_dict, prefix, local_metadata, strict, missing_keys,
                              unexpected_keys, error_msgs):  # type: ignore[override]
        # Eski kayıtlar bankayı 5 boyutlu ``weight`` anahtarıyla tutuyordu: ``bank``'e çevir.
        old, new = prefix + "weight", prefix + "bank"
        if old in state_dict and new not in state_dict:
            w = state_dict[old]
            if not isinstance(w, torch.Tensor) or tuple(w.shape) != self._weight_shape:
                shape = tuple(w.shape) if isinstance(w, torch.Tensor) else type(w).__name__
                raise ValueError(
                    f"eski biçimli kayıttaki {old!r} bu katmanın bankasıyla uyuşmuyor: beklenen şekil "
                    f"{self._weight_shape} (K, C_out, C_in/groups, kh, kw), verilen: {shape}. Aynı "
                    "argümanlarla kurulmuş bir katmana yükleyin ya da kaydı elle çevirin: "
                    f"state_dict[{new!r}] = state_dict.pop({old!r}).reshape(K, -1)."
                )
            state_dict[new] = state_dict.pop(old).reshape(self.num_experts, -1)
        super()._load_from_state_dict(state_dict, prefix, local_metadata, strict, missing_keys,
                                      unexpected_keys, error_msgs)

    def reset_parameters(self) -> None:
        """Her uzmanı ``nn.Conv2d`` gibi bağımsız olarak ilkler (Kaiming düzgün dağılım)."""
        for expert in self.weight.data:  # görünüm: bankanın satırlarına yazar
            nn.init.kaiming_uniform_(expert, a=math.sqrt(5))
        if self.bias is not None:
            fan_in = math.prod(self._weight_shape[2:])
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

    ``evrişim → BN → ReLU`` standart CNN tasarımıdır (ResNet; DyConv ve CondConv da aynı düzeni
    kullanır); BN'nin karıştırılmış evrişimin ardından gelmesi bu tasarımdan gelir. Bir sonucu da
    vardır: neredeyse düzgün yönlendirmede (ilklemede) K bağımsız uzmanın ortalaması olan karışık
    çekirdeğin standart sapması yaklaşık √K kat küçülür; BN çıktıyı yeniden ölçeklediği için bu
    küçülmeyi kendiliğinden karşılar. BN kendi kaydırma terimini taşıdığından evrişimin ek girdisi
    (bias) varsayılan olarak kapalıdır.

    Args:
        in_channels: Girdi kanal sayısı.
        out_channels: Çıktı kanal sayısı.
        kernel_size: Çekirdek boyutu (tek).
        stride: Uzun adım.
        **dynamic_conv_kwargs: :class:`DynamicConv2d`'ye geçen diğer argümanlar
            (``num_experts``, ``temperature``, ``routing``, ``impl``, ...).

    Raises:
        ValueError: :class:`DynamicConv2d`'nin reddettiği her argümanda.

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
