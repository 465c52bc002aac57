"""Sıcaklık: ters softplus ilklemesi, sabit/öğrenilebilir T, keskinlik, tavlama takvimi."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F

from dynlayers import (
    CBAMBlock,
    ChannelAttentionFusionT,
    DynamicCNN,
    DynamicConv2d,
    DynamicSpatialAttention,
    RoutingMLP,
    Temperature,
    TemperatureScheduler,
    inverse_softplus,
    linear_temperature,
    set_temperature,
)


@pytest.mark.parametrize("t", [1e-3, 0.5, 1.0, 30.0, 100.0, 1e3])
def test_inverse_softplus_is_exact_and_stable(t):
    raw = inverse_softplus(t)
    assert math.isfinite(raw)
    assert float(F.softplus(torch.tensor(raw, dtype=torch.float64))) == pytest.approx(t, rel=1e-12)


@pytest.mark.parametrize("t", [1e-3, 1.0, 7.0, 1e3])
def test_learnable_temperature_starts_exactly(t):
    temp = Temperature(t, learnable=True, eps=1e-6)
    assert temp.temperature == pytest.approx(t, rel=1e-6)
    assert isinstance(temp.raw, torch.nn.Parameter) and temp.raw.requires_grad
    fixed = Temperature(t)
    assert fixed.temperature == pytest.approx(t, rel=1e-6)
    assert "value" in dict(fixed.named_buffers()) and not list(fixed.parameters())


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16])
@pytest.mark.parametrize("raw", [-20.0, 20.0])
def test_learnable_temperature_stays_positive_in_low_precision(dtype, raw):
    temp = Temperature(1.0, learnable=True, eps=1e-6).to(dtype)
    with torch.no_grad():
        temp.raw.fill_(raw)
    t = temp()
    assert t.dtype == torch.float32 and t > 0 and torch.isfinite(t)
    assert float(F.softplus(torch.tensor(-20.0, dtype=torch.float16))) == 0.0  # neden float32'de hesaplıyoruz


def test_set_temperature_fixed_and_learnable():
    m = DynamicSpatialAttention()
    m.set_temperature(4.0)
    assert m.temperature == pytest.approx(4.0) and not m.learnable_temperature
    lm = ChannelAttentionFusionT(8, learnable_temperature=True, temperature=2.0)
    assert lm.learnable_temperature
    lm.set_temperature(5.0)  # öğrenilebilir: ham parametre yeniden ilklenir
    assert lm.temperature == pytest.approx(5.0, rel=1e-5)
    for module in (RoutingMLP(8), DynamicConv2d(8, 8), CBAMBlock(8), DynamicCNN()):
        module.set_temperature(0.25)
        assert module.temperature == pytest.approx(0.25)
    with pytest.raises(ValueError, match="temperature"):
        m.set_temperature(0.0)
    with pytest.raises(ValueError, match="temperature"):
        lm.set_temperature(1e-7)  # eps'ten küçük


def test_set_temperature_skips_learnable():
    block = CBAMBlock(8, channel_kwargs={"learnable_temperature": True, "temperature": 2.0})
    assert set_temperature(block, 9.0) == 1
    assert block.spatial.temperature == pytest.approx(9.0)
    assert block.channel.temperature == pytest.approx(2.0, rel=1e-5)


def _entropy(p: torch.Tensor) -> float:
    return float(-(p * p.clamp_min(1e-30).log()).sum(1).mean().detach())


def test_lower_temperature_sharper_routing():
    router = RoutingMLP(8, num_experts=4)
    x = torch.randn(16, 8, 4, 4)
    entropies = []
    for t in (30.0, 3.0, 1.0, 0.3, 0.03):
        router.set_temperature(t)
        entropies.append(_entropy(router(x)))
    assert all(a > b for a, b in zip(entropies, entropies[1:]))
    assert entropies[0] == pytest.approx(math.log(4), abs=0.01)  # T = 30: neredeyse düzgün


def test_softmax_reference_values_from_reference():
    """REFERENCE.md: [2, 0, -1, 0.5] logitlerinin T = 30, 3, 1'deki softmaksı."""
    z = torch.tensor([[2.0, 0.0, -1.0, 0.5]])
    for t, want in ((30, [0.264, 0.247, 0.239, 0.251]), (3, [0.402, 0.206, 0.148, 0.244]),
                    (1, [0.71, 0.096, 0.035, 0.158])):
        torch.testing.assert_close(torch.softmax(z / t, 1), torch.tensor([want]), atol=6e-3, rtol=0)


@pytest.mark.parametrize("make", [lambda: DynamicSpatialAttention(), lambda: ChannelAttentionFusionT(8),
                                  lambda: DynamicSpatialAttention(gate="hardsigmoid"),
                                  lambda: ChannelAttentionFusionT(8, fusion="sum", learnable_temperature=True)])
def test_lower_temperature_sharper_masks(make):
    module = make()
    x = torch.randn(4, 8, 10, 10)
    spread = []
    for t in (10.0, 2.0, 1.0, 0.5, 0.1):
        module.set_temperature(t)
        _, mask, _ = module(x, return_weights=True)
        spread.append(float((mask - 0.5).abs().mean().detach()))
    assert all(a < b for a, b in zip(spread, spread[1:]))


def test_linear_temperature():
    assert linear_temperature(0, 10) == 30.0
    assert linear_temperature(5, 10) == pytest.approx(15.5)
    assert linear_temperature(10, 10) == 1.0 and linear_temperature(99, 10) == 1.0
    assert linear_temperature(2, 4, start=2.0, end=4.0) == pytest.approx(3.0)


def test_scheduler_anneals_every_fixed_temperature():
    model = torch.nn.Sequential(DynamicCNN(widths=(4, 8, 8, 8)), CBAMBlock(8, channel_kwargs={
        "learnable_temperature": True}))
    sched = TemperatureScheduler(model, start=30.0, end=1.0, total_steps=4)
    targets = list(sched)
    assert len(targets) == 4  # 3 yönlendirici + uzamsal maske; öğrenilebilir kanal sıcaklığı hariç
    assert sched.temperature == 30.0 and all(t.temperature == pytest.approx(30.0) for t in targets)
    values = [sched.step() for _ in range(6)]
    assert values == pytest.approx([22.75, 15.5, 8.25, 1.0, 1.0, 1.0])
    assert model[0].temperature == pytest.approx(1.0)
    assert sched.temperature_at(2) == pytest.approx(15.5)
    state = sched.state_dict()
    other = TemperatureScheduler(model, total_steps=4)
    assert model[0].temperature == pytest.approx(30.0)
    other.load_state_dict(state)
    assert other.last_step == 6 and model[0].temperature == pytest.approx(1.0)


def test_scheduler_on_a_subset_of_modules():
    model = torch.nn.Sequential(DynamicConv2d(4, 4), DynamicSpatialAttention())
    TemperatureScheduler([model[0]], total_steps=10)
    assert model[0].temperature == pytest.approx(30.0) and model[1].temperature == pytest.approx(1.0)


def test_scheduler_errors():
    with pytest.raises(ValueError, match="total_steps"):
        TemperatureScheduler(DynamicConv2d(4, 4), total_steps=0)
    with pytest.raises(ValueError, match="start"):
        TemperatureScheduler(DynamicConv2d(4, 4), start=-1.0)
    with pytest.raises(ValueError, match="sabit sıcaklık"):
        TemperatureScheduler(torch.nn.Linear(2, 2))
