"""torch.compile: "mix" yolu dinamik minigrup boyutuyla, minigrup boyutu başına yeniden derlemeden çalışır."""

from __future__ import annotations

import os

import pytest
import torch

from dynlayers import DynamicConv2d


def _compile_and_run(backend: str) -> int:
    from torch._dynamo.utils import counters

    torch._dynamo.reset()
    counters.clear()
    conv = DynamicConv2d(4, 6, impl="mix", bias=True)
    compiled = torch.compile(conv, backend=backend, dynamic=True, fullgraph=True)
    for batch in range(1, 9):
        x = torch.randn(batch, 4, 8, 8)
        torch.testing.assert_close(compiled(x), conv(x))
    return counters["stats"]["unique_graphs"]


def test_compile_mix_dynamic_batch():
    # "eager" arka ucu yalnızca Dynamo'nun grafiği yakalamasını sınar (C++ derlemesi yok: hızlı).
    # fullgraph=True: grafik kırılması yok. B = 1 ayrı özelleşir, 2..8 tek bir dinamik grafiği paylaşır.
    assert _compile_and_run("eager") <= 2


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("DYNLAYERS_INDUCTOR") != "1", reason="yavaş: DYNLAYERS_INDUCTOR=1 ile çalışır")
def test_compile_mix_inductor():
    assert _compile_and_run("inductor") <= 2
