"""Dinamik uzamsal dikkat (spatial attention): çok dallı, yönlendirmeli bir CBAM uzamsal maskesi."""

from __future__ import annotations

from typing import Sequence, Tuple, Union

import torch
import torch.nn as nn

from ._ops import GATES, get_gate, gated, softmax_weights
from ._validation import check_bool, check_choice, check_input, check_odd_int, check_positive_int
from .routing import MLPHead
from .temperature import Temperature, TemperatureMixin

__all__ = ["DynamicSpatialAttention"]


class DynamicSpatialAttention(TemperatureMixin, nn.Module):
    r"""Girdinin *nerelerine* bakılacağını öğrenen, dalları yönlendirilen uzamsal dikkat.

    1. Kanal ekseninde ortalama ve maksimum: ``s = [mean_c x, max_c x]`` → ``(B, 2, H, W)``
       (bu sırayla; timm ile aynı).
    2. Her dal (``Conv2d(2 → 1)``; çekirdekler ``kernels``, isteğe bağlı bir genişletilmiş dal)
       ``s``'den bir maske logiti üretir → ``(B, K, H, W)``.
    3. Yönlendirici ``s``'nin uzamsal ortalamasından dal ağırlıkları üretir:
       ``r = softmax(MLP(mean_{hw} s))`` → ``(B, K)``.
    4. Maske ``m = gate(Σ_k r_k z_k / T)`` → ``(B, 1, H, W)``, çıktı ``y = x · m``.

    Softmaks ve kapı float32'de hesaplanır; maske ``x``'in dtype'ına çevrilip çarpılır.

    Args:
        kernels: Normal dalların çekirdek boyutları; her biri tek ve pozitif.
        use_dilated: True ise ek bir genişletilmiş (dilated) dal kurulur.
        dilated_kernel: Genişletilmiş dalın çekirdek boyutu (tek, pozitif).
        dilated_d: Genişletilmiş dalın genişleme oranı (≥ 1).
        gate: ``"sigmoid"`` ya da ``"hardsigmoid"``.
        temperature: Maske sıcaklığı T > 0; küçük T keskin (0/1'e yakın), büyük T yumuşak maske.
        learnable_temperature: True ise T = softplus(raw) + eps öğrenilir.
        eps: Öğrenilebilir T'nin alt sınırı (> 0).
        router_hidden: Yönlendiricinin ara genişliği (≥ 1).
        bias: Yönlendiricinin doğrusal katmanlarında ek girdi terimi olsun mu.

    Attributes:
        num_branches: Dal sayısı K (``len(kernels) + use_dilated``).

    Raises:
        ValueError: Kurulurken geçersiz bir argümanda (çift ya da pozitif olmayan çekirdek, dalsız
            kurulum, aralık dışı ``temperature`` ya da ``eps``); ileri yaymada ``x`` 4 boyutlu değilse.

    Kaynak: Woo ve ark., CBAM (ECCV 2018) uzamsal dalı; dal yönlendirmesi bu paketin eklentisidir.

    Shape:
        - Girdi: ``(B, C, H, W)``, herhangi bir C
        - Çıktı: ``(B, C, H, W)``; ``return_weights=True`` ise ek olarak maske ``(B, 1, H, W)`` ve
          dal ağırlıkları ``(B, K)``.

    Example:
        >>> sa = DynamicSpatialAttention(kernels=(3, 7), use_dilated=True)
        >>> y, mask, rw = sa(torch.randn(2, 64, 28, 28), return_weights=True)
        >>> y.shape, mask.shape, rw.shape, sa.num_branches
        (torch.Size([2, 64, 28, 28]), torch.Size([2, 1, 28, 28]), torch.Size([2, 3]), 3)
    """

    def __init__(
        self,
        kernels: Sequence[int] = (3, 7),
        use_dilated: bool = True,
        dilated_kernel: int = 7,
        dilated_d: int = 2,
        gate: str = "sigmoid",
        temperature: float = 1.0,
        learnable_temperature: bool = False,
        eps: float = 1e-6,
        router_hidden: int = 8,
        bias: bool = True,
    ) -> None:
        super().__init__()
        if isinstance(kernels, (str, bytes)) or not isinstance(kernels, Sequence):
            raise ValueError(f"kernels tek ve pozitif tam sayılardan oluşan bir dizi olmalı; verilen: {kernels!r}.")
        self.kernels = tuple(check_odd_int("kernels[i]", k) for k in kernels)
        self.use_dilated = check_bool("use_dilated", use_dilated)
        self.dilated_kernel = check_odd_int("dilated_kernel", dilated_kernel)
        self.dilated_d = check_positive_int("dilated_d", dilated_d)
        self.gate = check_choice("gate", gate, GATES)
        self._gate_fn = get_gate(gate)
        self.router_hidden = check_positive_int("router_hidden", router_hidden)

        specs = [(k, 1) for k in self.kernels]
        if self.use_dilated:
            specs.append((self.dilated_kernel, self.dilated_d))
        if not specs:
            raise ValueError("en az bir dal gerekir: kernels boş ve use_dilated=False verildi.")
        self.branches = nn.ModuleList(
            nn.Conv2d(2, 1, kernel_size=k, padding=d * (k - 1) // 2, dilation=d, bias=False) for k, d in specs
        )
        self.num_branches = len(self.branches)
        self.router = MLPHead(2, self.router_hidden, self.num_branches, bias=check_bool("bias", bias))
        self.temp = Temperature(temperature, learnable_temperature, eps)

    def forward(
        self, x: torch.Tensor, return_weights: bool = False
    ) -> Union[torch.Tensor, Tuple[torch.Tensor, torch.Tensor, torch.Tensor]]:
        check_input(x, "x")
        s = torch.cat([x.mean(dim=1, keepdim=True), x.amax(dim=1, keepdim=True)], dim=1)  # (B, 2, H, W)
        rw = softmax_weights(self.router(s.mean(dim=(2, 3))))  # (B, K), float32
        z = torch.cat([branch(s) for branch in self.branches], dim=1)  # (B, K, H, W)
        # Eleman eleman çarpım autocast altında da float32 kalır (einsum/bmm bfloat16'ya inerdi).
        logit = (rw[:, :, None, None] * z).sum(dim=1, keepdim=True)  # (B, 1, H, W)
        mask = gated(logit, self.temp(), self._gate_fn).to(x.dtype)  # (B, 1, H, W)
        y = x * mask
        return (y, mask, rw) if return_weights else y

    def extra_repr(self) -> str:
        dil = f", dilated=({self.dilated_kernel}, d={self.dilated_d})" if self.use_dilated else ""
        return (
            f"kernels={self.kernels}{dil}, num_branches={self.num_branches}, gate={self.gate!r}, "
            f"router_hidden={self.router_hidden}"
        )
