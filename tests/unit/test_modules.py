"""Modüller: çıktı şekilleri, return_weights, gradcheck, state_dict, eğitim/çıkarım, nn.Sequential."""

from __future__ import annotations

import pytest
import torch
import torch.nn as nn

from dynlayers import (
    CBAMBlock,
    ChannelAttentionFusionT,
    DynamicCNN,
    StaticCNN,
    DynamicConv2d,
    DynamicConvBlock,
    DynamicSpatialAttention,
    RoutingMLP,
)
from dynlayers.functional import IMPLS

from ._helpers import assert_close_all, gradcheck_module


def _x(b=2, c=8, h=6, w=5):
    return torch.randn(b, c, h, w)


# --------------------------------------------------------------------------------------------
# Şekiller ve return_weights
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("routing", ["softmax", "sigmoid"])
def test_routing_mlp(routing):
    router = RoutingMLP(8, num_experts=5, reduction=4, routing=routing)
    a = router(_x())
    assert a.shape == (2, 5)
    assert router.hidden == 2
    if routing == "softmax":
        torch.testing.assert_close(a.sum(1), torch.ones(2))
    else:
        assert ((a > 0) & (a < 1)).all()
        assert not torch.allclose(a.sum(1), torch.ones(2))
    assert RoutingMLP(3, reduction=4).hidden == 1  # max(min_hidden, 3 // 4)
    assert RoutingMLP(3, min_hidden=6).hidden == 6


@pytest.mark.parametrize(
    "kwargs, out_hw",
    [
        (dict(), (6, 5)),
        (dict(stride=2), (3, 3)),
        (dict(kernel_size=5, dilation=2), (6, 5)),
        (dict(kernel_size=(1, 3)), (6, 5)),
        (dict(kernel_size=1, padding=0), (6, 5)),
        (dict(groups=4, bias=True), (6, 5)),
        (dict(padding=0), (4, 3)),
    ],
)
def test_dynamic_conv_shapes(kwargs, out_hw):
    conv = DynamicConv2d(8, 12, num_experts=3, **kwargs)
    x = _x()
    y, a = conv(x, return_weights=True)
    assert y.shape == (2, 12, *out_hw) and a.shape == (2, 3)
    assert conv.weight.shape[:3] == (3, 12, 8 // conv.groups)
    assert (conv.bias is None) == (not kwargs.get("bias", False))
    assert torch.equal(conv(x), y)


def test_padding_none_means_same_size():
    conv = DynamicConv2d(4, 4, kernel_size=(3, 7), dilation=(2, 1))
    assert conv.padding == (2, 3)
    assert conv(_x(c=4)).shape[-2:] == (6, 5)


def test_block_and_cnn_shapes():
    block = DynamicConvBlock(8, 16, stride=2, num_experts=2)
    y, a = block(_x(), return_weights=True)
    assert y.shape == (2, 16, 3, 3) and a.shape == (2, 2) and (y >= 0).all()
    model = DynamicCNN(in_channels=1, num_classes=7, num_experts=3, widths=(4, 8, 8, 16))
    logits, weights = model(torch.randn(3, 1, 16, 16), return_weights=True)
    assert logits.shape == (3, 7)
    assert [tuple(w.shape) for w in weights] == [(3, 3)] * 3


def test_static_cnn_is_the_dynamic_cnns_twin():
    static = StaticCNN(in_channels=1, num_classes=7, widths=(4, 8, 8, 16))
    dynamic = DynamicCNN(in_channels=1, num_classes=7, num_experts=3, widths=(4, 8, 8, 16))
    assert static(torch.randn(3, 1, 16, 16)).shape == (3, 7)
    # Aynı gövde ve baş, aynı sayıda aşama; aşamalar statik evrişim.
    assert len(static.stages) == len(dynamic.stages) == 3
    assert [p.shape for p in static.stem.parameters()] == [p.shape for p in dynamic.stem.parameters()]
    assert static.head.weight.shape == dynamic.head.weight.shape
    assert all(isinstance(stage[0], nn.Conv2d) and stage[0].stride == (2, 2) for stage in static.stages)


def test_attention_shapes():
    x = _x(c=32, h=9, w=7)
    sa = DynamicSpatialAttention()
    y, mask, rw = sa(x, return_weights=True)
    assert sa.num_branches == 3 and y.shape == x.shape and mask.shape == (2, 1, 9, 7) and rw.shape == (2, 3)
    torch.testing.assert_close(y, x * mask)
    assert DynamicSpatialAttention(kernels=(7,), use_dilated=False).num_branches == 1
    assert DynamicSpatialAttention(kernels=(), use_dilated=True).num_branches == 1
    ca = ChannelAttentionFusionT(32)
    y, mask, w = ca(x, return_weights=True)
    assert y.shape == x.shape and mask.shape == (2, 32, 1, 1) and w.shape == (2, 2)
    torch.testing.assert_close(w.sum(1), torch.ones(2))
    assert isinstance(ca.fc1, nn.Conv2d) and isinstance(ca.fc2, nn.Conv2d) and ca.fc1.out_channels == 4
    y, mask, w = ChannelAttentionFusionT(32, fusion="sum")(x, return_weights=True)
    assert w is None and mask.shape == (2, 32, 1, 1)
    cbam = CBAMBlock(32)
    y, info = cbam(x, return_weights=True)
    assert y.shape == x.shape
    assert info["channel_mask"].shape == (2, 32, 1, 1) and info["fusion_weights"].shape == (2, 2)
    assert info["spatial_mask"].shape == (2, 1, 9, 7) and info["branch_weights"].shape == (2, 3)
    assert torch.equal(cbam(x), y)


def test_spatial_input_order_is_mean_then_max():
    sa = DynamicSpatialAttention(kernels=(1,), use_dilated=False)
    with torch.no_grad():
        sa.branches[0].weight.copy_(torch.tensor([1.0, 0.0]).view(1, 2, 1, 1))  # yalnızca ortalama kanalı
    x = _x(c=5)
    _, mask, _ = sa(x, return_weights=True)
    torch.testing.assert_close(mask, torch.sigmoid(x.mean(1, keepdim=True)))


def test_channel_attention_sum_is_cbam():
    ca = ChannelAttentionFusionT(16, reduction=4, fusion="sum")
    x = _x(c=16)
    mlp = lambda s: ca.fc2(torch.relu(ca.fc1(s)))  # noqa: E731
    want = torch.sigmoid(mlp(x.mean((2, 3), keepdim=True)) + mlp(x.amax((2, 3), keepdim=True)))
    torch.testing.assert_close(ca(x, return_weights=True)[1], want)


def test_modules_drop_into_sequential():
    seq = nn.Sequential(
        DynamicConvBlock(3, 8), DynamicConv2d(8, 8), ChannelAttentionFusionT(8, reduction=2),
        DynamicSpatialAttention(), CBAMBlock(8, reduction=2),
    )
    assert seq(torch.randn(2, 3, 8, 8)).shape == (2, 8, 8, 8)


# --------------------------------------------------------------------------------------------
# Uygulamalar modül düzeyinde de aynı sonucu verir (softmaks ve sigmoid yönlendirme)
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("routing", ["softmax", "sigmoid"])
def test_module_impls_agree(routing):
    conv = DynamicConv2d(4, 6, stride=2, groups=2, bias=True, num_experts=3, routing=routing).double()
    x = torch.randn(3, 4, 7, 7, dtype=torch.float64).to(memory_format=torch.channels_last).requires_grad_()
    results = {}
    for impl in [i for i in IMPLS if i != "bmm"]:
        conv.impl = impl
        y = conv(x)
        results[impl] = [y, *torch.autograd.grad(y.square().sum(), [x, *conv.parameters()])]
    for impl, got in results.items():
        assert_close_all(got, results["loop"], rtol=1e-10, atol=1e-10)


# --------------------------------------------------------------------------------------------
# gradcheck (float64): girdi ve bütün parametreler
# --------------------------------------------------------------------------------------------
GRADCHECK = {
    "RoutingMLP-softmax": lambda: RoutingMLP(4, num_experts=3, reduction=2),
    "RoutingMLP-sigmoid": lambda: RoutingMLP(4, num_experts=3, routing="sigmoid", temperature=2.0),
    "DynamicConv2d": lambda: DynamicConv2d(4, 6, bias=True, num_experts=3, groups=2),
    "DynamicConv2d-mix": lambda: DynamicConv2d(4, 6, stride=2, num_experts=2, impl="mix"),
    "DynamicConv2d-bmm": lambda: DynamicConv2d(4, 6, kernel_size=1, padding=0, impl="bmm", bias=True),
    "DynamicConv2d-chunked": lambda: DynamicConv2d(4, 6, num_experts=3, impl="chunked"),
    "DynamicConvBlock": lambda: DynamicConvBlock(4, 6, num_experts=2),
    "DynamicCNN": lambda: DynamicCNN(in_channels=4, num_classes=3, num_experts=2, widths=(2, 3, 3, 4)).eval(),
    "Spatial": lambda: DynamicSpatialAttention(kernels=(3, 5), dilated_kernel=3),
    "Spatial-learnable-hard": lambda: DynamicSpatialAttention(gate="hardsigmoid", learnable_temperature=True,
                                                               temperature=3.0),
    "Channel-softmax": lambda: ChannelAttentionFusionT(4, reduction=2, min_hidden=2, fusion_router_hidden=3),
    "Channel-sum-silu-learnable": lambda: ChannelAttentionFusionT(4, fusion="sum", act="silu",
                                                                   learnable_temperature=True),
    "CBAMBlock": lambda: CBAMBlock(4, reduction=2, spatial_kwargs={"kernels": (3,), "dilated_kernel": 3}),
}


@pytest.mark.parametrize("name", list(GRADCHECK))
def test_gradcheck(name):
    torch.manual_seed(1)
    module = GRADCHECK[name]()
    x = torch.randn(2, 4, 6, 6)
    assert gradcheck_module(module, x, output=lambda out: out if torch.is_tensor(out) else out[0])


def test_gradcheck_routing_weights_output():
    conv = DynamicConv2d(4, 6, num_experts=3)
    x = torch.randn(2, 4, 5, 5)
    assert gradcheck_module(conv, x, output=lambda out: out)
    # karışım ağırlıklarının kendisi de türevlenebilir
    assert gradcheck_module(conv.router, x)


# --------------------------------------------------------------------------------------------
# state_dict, eğitim/çıkarım
# --------------------------------------------------------------------------------------------
STATE = {
    "RoutingMLP": (lambda: RoutingMLP(8), 8),
    "DynamicConv2d": (lambda: DynamicConv2d(8, 6, bias=True), 8),
    "DynamicConvBlock": (lambda: DynamicConvBlock(8, 6), 8),
    "DynamicCNN": (lambda: DynamicCNN(in_channels=8, widths=(4, 6, 8, 8)), 8),
    "Spatial": (lambda: DynamicSpatialAttention(learnable_temperature=True), 8),
    "Channel": (lambda: ChannelAttentionFusionT(8, reduction=2), 8),
    "CBAMBlock": (lambda: CBAMBlock(8, reduction=2), 8),
}


@pytest.mark.parametrize("name", list(STATE))
def test_state_dict_round_trip(name):
    make, c = STATE[name]
    torch.manual_seed(1)
    src = make()
    src.set_temperature(3.5)
    torch.manual_seed(2)
    dst = make()
    x = torch.randn(2, c, 16, 16)
    src.train()
    src(x)  # BatchNorm koşu istatistikleri değişsin
    src.eval(), dst.eval()
    assert not torch.equal(src(x), dst(x))
    dst.load_state_dict(src.state_dict())
    assert torch.equal(src(x), dst(x))
    assert dst.temperature == pytest.approx(3.5)


def test_eval_outputs_are_per_sample():
    """Çıkarımda her örneğin çıktısı minigruptaki diğer örneklerden bağımsızdır."""
    model = DynamicCNN(in_channels=3, widths=(4, 8, 8, 8)).eval()
    x = torch.randn(4, 3, 16, 16)
    full = model(x)
    single = torch.cat([model(xi) for xi in x.split(1)])
    torch.testing.assert_close(full, single)


def test_train_mode_updates_batchnorm_only_in_training():
    block = DynamicConvBlock(3, 4)
    x = torch.randn(4, 3, 8, 8)
    before = block.bn.running_mean.clone()
    block.eval()
    block(x)
    assert torch.equal(before, block.bn.running_mean)
    block.train()
    block(x)
    assert not torch.equal(before, block.bn.running_mean)


def test_batch_size_one_trains():
    """Yönlendiricilerde toplu normalleştirme yok: minigrup boyutu 1 ile eğitim çalışır."""
    x = torch.randn(1, 8, 4, 4)
    for module in (RoutingMLP(8), DynamicSpatialAttention(), ChannelAttentionFusionT(8), CBAMBlock(8),
                   DynamicConv2d(8, 8)):
        module.train()
        out = module(x)
        out.sum().backward()
    model = DynamicCNN(widths=(4, 8, 8, 8)).train()
    model(torch.randn(1, 3, 16, 16)).sum().backward()


def test_extra_repr_everywhere():
    for module in (RoutingMLP(8), DynamicConv2d(8, 8), DynamicConvBlock(8, 8), DynamicCNN(),
                   DynamicSpatialAttention(), ChannelAttentionFusionT(8), CBAMBlock(8)):
        for sub in module.modules():
            if type(sub).__module__.startswith("dynlayers"):
                assert sub.extra_repr(), type(sub).__name__
