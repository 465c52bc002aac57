"""Gerçek kullanımda dönüşümler: channels_last, torch.jit.trace, torch.export ve ONNX (dinamik minigrup),
float32 sıcaklıklar, çok küçük sıcaklıklar, eski kayıtlar, kopyalar.

Her herkese açık modül varsayılan argümanlarıyla denenir; çıktılar eager sonuçla karşılaştırılır.
"""

from __future__ import annotations

import copy
import io
import os
import pickle
import warnings

import pytest
import torch

from dynlayers import (CBAMBlock, ChannelAttentionFusionT, DynamicCNN, DynamicConv2d, DynamicConvBlock,
                       DynamicSpatialAttention, RoutingMLP, StaticCNN, Temperature, TemperatureScheduler,
                       dynamic_conv2d)
from dynlayers.functional import IMPLS

# (ad, kurucu, girdi kanalı); küçük genişlikler: testler hızlı kalsın.
MODULES = {
    "DynamicConv2d": (lambda: DynamicConv2d(4, 6), 4),
    "DynamicConvBlock": (lambda: DynamicConvBlock(4, 6, stride=2), 4),
    "DynamicCNN": (lambda: DynamicCNN(in_channels=2, widths=(4, 8, 8)), 2),
    "RoutingMLP": (lambda: RoutingMLP(4), 4),
    "DynamicSpatialAttention": (lambda: DynamicSpatialAttention(), 4),
    "ChannelAttentionFusionT": (lambda: ChannelAttentionFusionT(4), 4),
    "ChannelAttentionFusionT-sum": (lambda: ChannelAttentionFusionT(4, fusion="sum"), 4),
    "CBAMBlock": (lambda: CBAMBlock(4), 4),
    "StaticCNN": (lambda: StaticCNN(in_channels=2, widths=(4, 8, 8)), 2),
}
IMPLS_3X3 = [i for i in IMPLS if i != "bmm"]


def _module(name: str):
    make, c = MODULES[name]
    torch.manual_seed(0)
    return make().eval(), c


def _x(b: int, c: int, size: int = 8) -> torch.Tensor:
    return torch.randn(b, c, size, size)


def _quiet_trace(module, x):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.jit.trace'in "deprecated" uyarısı
        return torch.jit.trace(module, x)


# ----------------------------------------------------------------------------------------------
# channels_last
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(MODULES))
def test_channels_last_module_and_input(name):
    module, c = _module(name)
    x = _x(3, c)
    want = module(x)
    module = module.to(memory_format=torch.channels_last)
    got = module(x.contiguous(memory_format=torch.channels_last))
    torch.testing.assert_close(got, want)


@pytest.mark.parametrize("impl", IMPLS)
def test_channels_last_every_impl(impl):
    k = 1 if impl == "bmm" else 3
    conv = DynamicConv2d(4, 6, k, num_experts=3, impl=impl, bias=True).to(memory_format=torch.channels_last)
    x = _x(3, 4)
    torch.testing.assert_close(conv(x.contiguous(memory_format=torch.channels_last)), conv(x))


def test_bank_is_2d_and_weight_is_its_read_only_view():
    conv = DynamicConv2d(4, 6, (3, 5), groups=2, num_experts=3)
    assert conv.bank.shape == (3, 6 * 2 * 3 * 5)
    assert conv.weight.shape == (3, 6, 2, 3, 5)
    assert conv.weight.data_ptr() == conv.bank.data_ptr()
    assert "bank" in conv.state_dict() and "weight" not in conv.state_dict()
    with pytest.raises((AttributeError, KeyError)):
        conv.weight = torch.nn.Parameter(torch.zeros(3, 6, 2, 3, 5))
    conv(_x(2, 4)).sum().backward()
    assert conv.bank.grad is not None and conv.bank.grad.shape == conv.bank.shape


def test_old_checkpoint_with_5d_weight_loads():
    conv = DynamicConv2d(4, 6, num_experts=3, bias=True)
    old = {("weight" if k == "bank" else k): (v.reshape(conv.weight.shape) if k == "bank" else v)
           for k, v in conv.state_dict().items()}
    fresh = DynamicConv2d(4, 6, num_experts=3, bias=True)
    fresh.load_state_dict(old)
    x = _x(2, 4)
    torch.testing.assert_close(fresh(x), conv(x), rtol=0, atol=0)
    # Bloklar ve ağlar da (önekli anahtarlar).
    net = DynamicCNN(in_channels=2, widths=(4, 8, 8))
    old_net = {}
    for k, v in net.state_dict().items():
        if k.endswith(".bank"):
            stage = net.get_submodule(k[: -len(".bank")])
            k, v = k[: -len("bank")] + "weight", v.reshape(stage.weight.shape)
        old_net[k] = v
    fresh_net = DynamicCNN(in_channels=2, widths=(4, 8, 8))
    fresh_net.load_state_dict(old_net)
    x = _x(2, 2)
    torch.testing.assert_close(fresh_net.eval()(x), net.eval()(x), rtol=0, atol=0)


def test_old_checkpoint_with_wrong_shape_says_how_to_convert():
    conv = DynamicConv2d(4, 6, num_experts=3)
    with pytest.raises(ValueError, match=r"'weight'.*\(3, 6, 4, 3, 3\).*reshape\(K, -1\)"):
        conv.load_state_dict({"weight": torch.zeros(2, 6, 4, 3, 3), **{k: v for k, v in conv.state_dict().items()
                                                                      if k != "bank"}})


# ----------------------------------------------------------------------------------------------
# torch.jit.trace: izlenen modül başka minigrup boyutlarında da eager sonucu verir
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(MODULES))
def test_jit_trace_every_module_other_batch_sizes(name):
    module, c = _module(name)
    traced = _quiet_trace(module, _x(2, c))
    for b in (1, 5):
        x = _x(b, c)
        torch.testing.assert_close(traced(x), module(x))


def test_jit_trace_functional():
    bank, bias = torch.randn(3, 6, 4, 3, 3), torch.randn(3, 6)

    def f(x, a):
        return dynamic_conv2d(x, bank, a, bias, padding=1)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        traced = torch.jit.trace(f, (_x(2, 4), torch.softmax(torch.randn(2, 3), 1)))
    x, a = _x(5, 4), torch.softmax(torch.randn(5, 3), 1)
    torch.testing.assert_close(traced(x, a), f(x, a))


# ----------------------------------------------------------------------------------------------
# torch.export ve ONNX, dinamik minigrup boyutuyla
# ----------------------------------------------------------------------------------------------
def _export(module, x):
    from torch.export import Dim

    return torch.export.export(module, (x,), dynamic_shapes=({0: Dim("b", min=1, max=1024)},))


@pytest.mark.parametrize("name", list(MODULES))
def test_export_dynamic_batch_every_module(name):
    module, c = _module(name)
    exported = _export(module, _x(2, c)).module()
    for b in (1, 3, 6):
        x = _x(b, c)
        torch.testing.assert_close(exported(x), module(x))


@pytest.mark.parametrize("how", ["jit.trace", "export"])
@pytest.mark.parametrize("impl", IMPLS)
def test_trace_and_export_every_impl_other_batch_sizes(impl, how):
    k = 1 if impl == "bmm" else 3
    conv = DynamicConv2d(4, 6, k, num_experts=3, impl=impl, bias=True).eval()
    example = _x(2, 4, 5)
    converted = _quiet_trace(conv, example) if how == "jit.trace" else _export(conv, example).module()
    for b in (1, 7):
        x = _x(b, 4, 5)
        torch.testing.assert_close(converted(x), conv(x))


def _onnx_round_trip(module, c: int, batches=(1, 5)):
    ort = pytest.importorskip("onnxruntime")
    pytest.importorskip("onnxscript")
    from torch.export import Dim

    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        program = torch.onnx.export(module, (_x(2, c),), dynamo=True, verbose=False,
                                    dynamic_shapes=({0: Dim("b", min=1, max=1024)},))
    program.save(buf)
    session = ort.InferenceSession(buf.getvalue(), providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    for b in batches:
        x = _x(b, c)
        (got,) = session.run(None, {name: x.numpy()})
        torch.testing.assert_close(torch.from_numpy(got), module(x), rtol=1e-4, atol=1e-5)


# DynamicCNN (evrişim, blok, yönlendirici) ve CBAMBlock (iki dikkat modülü) her modülü içerir: bu iki
# test her zaman çalışır. Modüllerin tek tek denendiği sürüm yavaştır (dışa aktarma başına birkaç saniye):
# yalnızca ``-m export`` ile seçilince ya da DYNLAYERS_EXPORT=1 ile çalışır.
@pytest.mark.parametrize("name", ["DynamicCNN", "CBAMBlock"])
def test_onnx_dynamo_dynamic_batch_runs_in_onnxruntime(name):
    module, c = _module(name)
    _onnx_round_trip(module, c)


@pytest.mark.export
@pytest.mark.skipif(os.environ.get("DYNLAYERS_EXPORT") != "1", reason="yavaş: DYNLAYERS_EXPORT=1 ile çalışır")
@pytest.mark.parametrize("name", [n for n in MODULES if n not in ("DynamicCNN", "CBAMBlock")])
def test_onnx_dynamo_other_modules(name):
    module, c = _module(name)
    _onnx_round_trip(module, c)


# ----------------------------------------------------------------------------------------------
# Düşük duyarlık: sıcaklıklar float32 kalır
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("convert", [
    lambda m: m.half(), lambda m: m.bfloat16(), lambda m: m.to(torch.float16), lambda m: m.double(),
    lambda m: m.to(dtype=torch.bfloat16),
])
def test_fixed_temperatures_stay_float32(convert):
    model = convert(CBAMBlock(8, channel_kwargs={"temperature": 27.1}, spatial_kwargs={"temperature": 6e-8}))
    assert model.channel.temp.value.dtype == torch.float32
    assert model.channel.temperature == torch.tensor(27.1, dtype=torch.float32).item()
    assert model.spatial.temperature == torch.tensor(6e-8, dtype=torch.float32).item() > 0
    net = convert(DynamicCNN(widths=(4, 8), temperature=27.1))
    assert all(t.dtype == torch.float32 for n, t in net.named_buffers() if n.endswith("temp.value"))
    sched = TemperatureScheduler(net, start=30.0, end=1.0, total_steps=7)
    for _ in range(3):
        value = sched.step()
    assert net.temperature == torch.tensor(value, dtype=torch.float32).item()


def test_half_module_output_is_finite_with_small_temperature():
    sa = DynamicSpatialAttention(temperature=1e-7).half()
    x = torch.randn(2, 4, 8, 8).half()
    assert torch.isfinite(sa(x)).all()


def test_learnable_temperature_keeps_softplus_eps_floor():
    t = Temperature(1.0, learnable=True, eps=1e-6).half()
    with torch.no_grad():
        t.raw.fill_(-100.0)
    assert t().dtype == torch.float32 and float(t().detach()) == pytest.approx(1e-6, rel=1e-3)


# ----------------------------------------------------------------------------------------------
# Çok küçük (ve çok büyük) sıcaklıklar reddedilir
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [1e-39, 1e-9, 5e-324, 1e9, 1e39])
@pytest.mark.parametrize("make", [
    lambda T: RoutingMLP(1, 2, temperature=T),
    lambda T: DynamicConv2d(2, 2, temperature=T),
    lambda T: DynamicCNN(temperature=T),
    lambda T: DynamicSpatialAttention(temperature=T),
    lambda T: ChannelAttentionFusionT(4, temperature=T),
    lambda T: Temperature(1.0, learnable=True, eps=T),
    lambda T: TemperatureScheduler(DynamicConv2d(2, 2), start=T),
    lambda T: TemperatureScheduler(DynamicConv2d(2, 2), end=T),
    lambda T: DynamicConv2d(2, 2).set_temperature(T),
])
def test_tiny_and_huge_temperatures_are_refused(make, value):
    with pytest.raises(ValueError, match=r"1e-8 ile 1e8 arasında olmalı; verilen: "):
        make(value)


@pytest.mark.parametrize("value", [1e-8, 1e8])
def test_temperature_range_limits_are_allowed_and_finite(value):
    router = RoutingMLP(4, 3, temperature=value)
    a = router(torch.randn(5, 4, 3, 3) * 1e3)
    assert torch.isfinite(a).all()
    torch.testing.assert_close(a.sum(1), torch.ones(5))


# ----------------------------------------------------------------------------------------------
# Kopyalar: ileri yaymadan sonra deepcopy, pickle ve state_dict gidiş-dönüş
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(MODULES))
def test_copies_after_forward(name):
    module, c = _module(name)
    x = _x(3, c)
    module.train()(x)  # BN istatistikleri ve önbellekler değişsin
    module.eval()
    want = module(x)
    for clone in (copy.deepcopy(module), pickle.loads(pickle.dumps(module))):
        torch.testing.assert_close(clone(x), want, rtol=0, atol=0)
    fresh, _ = _module(name)
    buf = io.BytesIO()
    torch.save(module.state_dict(), buf)
    buf.seek(0)
    fresh.load_state_dict(torch.load(buf))
    torch.testing.assert_close(fresh.eval()(x), want, rtol=0, atol=0)


def test_auto_choices_on_the_books_digit_networks():
    """16×16 rakam ağlarında küçük haritalı aşamalar "mix"'i seçer (bkz. resolve_impl, kural 3)."""
    from dynlayers.bench import NETWORKS, network_auto_choices

    assert network_auto_choices(NETWORKS[0]) == ["grouped", "mix", "mix"]
    assert network_auto_choices(NETWORKS[1]) == ["mix", "mix", "mix"]


def test_onnx_torchscript_exporter_dynamic_batch():
    """Eski (TorchScript tabanlı) ONNX dışa aktarıcısı da jit izlemesi kullanır; dinamik eksenle çalışır."""
    ort = pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    module, c = _module("DynamicCNN")
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(module, (_x(2, c),), buf, dynamo=False, input_names=["x"], dynamic_axes={"x": {0: "b"}})
    session = ort.InferenceSession(buf.getvalue(), providers=["CPUExecutionProvider"])
    for b in (1, 5):
        x = _x(b, c)
        (got,) = session.run(None, {"x": x.numpy()})
        torch.testing.assert_close(torch.from_numpy(got), module(x), rtol=1e-4, atol=1e-5)
