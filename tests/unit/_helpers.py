"""Birim testlerinin ortak yardımcıları."""

from __future__ import annotations

from typing import Callable, Sequence

import torch
from torch.func import functional_call


def gradcheck_module(module: torch.nn.Module, *inputs: torch.Tensor,
                     output: Callable = lambda out: out, fast_mode: bool = True) -> bool:
    """Modülün çıktısını girdilere VE bütün parametrelere göre gradcheck ile denetler (float64)."""
    module = module.double()
    names = [n for n, p in module.named_parameters() if p.requires_grad]
    params = [p.detach().clone().requires_grad_(True) for n, p in module.named_parameters() if p.requires_grad]
    inputs = [t.detach().double().requires_grad_(True) for t in inputs]

    def fn(*args: torch.Tensor):
        xs, ps = args[: len(inputs)], args[len(inputs):]
        out = output(functional_call(module, dict(zip(names, ps)), tuple(xs)))
        return out

    return torch.autograd.gradcheck(fn, (*inputs, *params), fast_mode=fast_mode, atol=1e-6, rtol=1e-4)


def assert_close_all(got: Sequence[torch.Tensor], want: Sequence[torch.Tensor], **kw) -> None:
    for g, w in zip(got, want):
        torch.testing.assert_close(g, w, **kw)
