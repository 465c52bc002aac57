"""Geçersiz argümanlar kurulurken Türkçe ValueError; hatalı girdiler evrişimden önce ValueError."""

from __future__ import annotations

from unittest import mock

import pytest
import torch

from dynlayers import (
    CBAMBlock,
    ChannelAttentionFusionT,
    DynamicCNN,
    StaticCNN,
    DynamicConv2d,
    DynamicConvBlock,
    DynamicSpatialAttention,
    RoutingMLP,
    Temperature,
)

# (kurucu, argümanlar, iletide geçmesi gereken parametre adı, iletide geçmesi gereken değer)
BAD_ARGS = [
    (RoutingMLP, dict(in_channels=0), "in_channels", "0"),
    (RoutingMLP, dict(in_channels=8, num_experts=0), "num_experts", "0"),
    (RoutingMLP, dict(in_channels=8, reduction=0), "reduction", "0"),
    (RoutingMLP, dict(in_channels=8, temperature=0.0), "temperature", "0.0"),
    (RoutingMLP, dict(in_channels=8, temperature=-1), "temperature", "-1"),
    (RoutingMLP, dict(in_channels=8, temperature=float("nan")), "temperature", "nan"),
    (RoutingMLP, dict(in_channels=8, routing="topk"), "routing", "'topk'"),
    (RoutingMLP, dict(in_channels=8, min_hidden=0), "min_hidden", "0"),
    (RoutingMLP, dict(in_channels=2.5), "in_channels", "2.5"),
    (DynamicConv2d, dict(in_channels=-1, out_channels=8), "in_channels", "-1"),
    (DynamicConv2d, dict(in_channels=8, out_channels=0), "out_channels", "0"),
    (DynamicConv2d, dict(in_channels=8, out_channels=8, kernel_size=4), "kernel_size", "4"),
    (DynamicConv2d, dict(in_channels=8, out_channels=8, kernel_size=0), "kernel_size", "0"),
    (DynamicConv2d, dict(in_channels=8, out_channels=8, kernel_size=(3, 2)), "kernel_size", "(3, 2)"),
    (DynamicConv2d, dict(in_channels=8, out_channels=8, stride=0), "stride", "0"),
    (DynamicConv2d, dict(in_channels=8, out_channels=8, padding=-1), "padding", "-1"),
    (DynamicConv2d, dict(in_channels=8, out_channels=8, dilation=0), "dilation", "0"),
    (DynamicConv2d, dict(in_channels=8, out_channels=8, groups=3), "groups", "3"),
    (DynamicConv2d, dict(in_channels=8, out_channels=6, groups=4), "out_channels", "6"),
    (DynamicConv2d, dict(in_channels=8, out_channels=8, groups=0), "groups", "0"),
    (DynamicConv2d, dict(in_channels=8, out_channels=8, num_experts=0), "num_experts", "0"),
    (DynamicConv2d, dict(in_channels=8, out_channels=8, temperature=0), "temperature", "0"),
    (DynamicConv2d, dict(in_channels=8, out_channels=8, routing="max"), "routing", "'max'"),
    (DynamicConv2d, dict(in_channels=8, out_channels=8, impl="cuda"), "impl", "'cuda'"),
    (DynamicConv2d, dict(in_channels=8, out_channels=8, impl="bmm"), "bmm", "kernel_size=3"),
    (DynamicConv2d, dict(in_channels=8, out_channels=8, bias="yes"), "bias", "'yes'"),
    (DynamicConvBlock, dict(in_channels=8, out_channels=8, kernel_size=2), "kernel_size", "2"),
    (DynamicCNN, dict(widths=(32,)), "widths", "(32,)"),
    (DynamicCNN, dict(num_classes=0), "num_classes", "0"),
    (DynamicCNN, dict(temperature=-2.0), "temperature", "-2.0"),
    (StaticCNN, dict(widths=(32,)), "widths", "(32,)"),
    (StaticCNN, dict(in_channels=0), "in_channels", "0"),
    (DynamicSpatialAttention, dict(kernels=(3, 4)), "kernels", "4"),
    (DynamicSpatialAttention, dict(kernels=(0,)), "kernels", "0"),
    (DynamicSpatialAttention, dict(kernels=7), "kernels", "7"),
    (DynamicSpatialAttention, dict(kernels=(), use_dilated=False), "dal", "use_dilated=False"),
    (DynamicSpatialAttention, dict(dilated_kernel=6), "dilated_kernel", "6"),
    (DynamicSpatialAttention, dict(dilated_d=0), "dilated_d", "0"),
    (DynamicSpatialAttention, dict(gate="relu"), "gate", "'relu'"),
    (DynamicSpatialAttention, dict(temperature=0.0), "temperature", "0.0"),
    (DynamicSpatialAttention, dict(eps=0.0), "eps", "0.0"),
    (DynamicSpatialAttention, dict(router_hidden=0), "router_hidden", "0"),
    (DynamicSpatialAttention, dict(learnable_temperature="yes"), "learnable_temperature", "'yes'"),
    (ChannelAttentionFusionT, dict(channels=0), "channels", "0"),
    (ChannelAttentionFusionT, dict(channels=8, reduction=0), "reduction", "0"),
    (ChannelAttentionFusionT, dict(channels=8, min_hidden=0), "min_hidden", "0"),
    (ChannelAttentionFusionT, dict(channels=8, fusion="mean"), "fusion", "'mean'"),
    (ChannelAttentionFusionT, dict(channels=8, gate="tanh"), "gate", "'tanh'"),
    (ChannelAttentionFusionT, dict(channels=8, act="gelu"), "act", "'gelu'"),
    (ChannelAttentionFusionT, dict(channels=8, temperature=-0.5), "temperature", "-0.5"),
    (ChannelAttentionFusionT, dict(channels=8, eps=-1e-6), "eps", "-1e-06"),
    (ChannelAttentionFusionT, dict(channels=8, fusion_router_hidden=0), "fusion_router_hidden", "0"),
    (CBAMBlock, dict(channels=0), "channels", "0"),
    (CBAMBlock, dict(channels=8, channel_kwargs={"channels": 4}), "channel_kwargs", "channels"),
    (CBAMBlock, dict(channels=8, spatial_kwargs={"gate": "x"}), "gate", "'x'"),
    (Temperature, dict(temperature=1e-7, learnable=True, eps=1e-6), "temperature", "1e-07"),
]


@pytest.mark.parametrize("cls, kwargs, name, value", BAD_ARGS, ids=[f"{c.__name__}-{n}-{i}" for i, (c, _, n, _)
                                                                     in enumerate(BAD_ARGS)])
def test_invalid_arguments_raise_turkish_value_error(cls, kwargs, name, value):
    with pytest.raises(ValueError) as info:
        cls(**kwargs)
    message = str(info.value)
    assert name in message and value in message, message
    assert any(word in message for word in ("olmalı", "verilemez", "gerekir", "bölünmeli", "geçerlidir")), message


def test_even_kernel_is_refused_not_rounded():
    with pytest.raises(ValueError, match="Çift çekirdek"):
        DynamicConv2d(4, 4, kernel_size=2)


BAD_INPUTS = {
    "DynamicConv2d": (lambda: DynamicConv2d(8, 8), [torch.randn(8, 6, 6), torch.randn(2, 4, 6, 6), [1.0]]),
    "DynamicConvBlock": (lambda: DynamicConvBlock(8, 8), [torch.randn(2, 8, 6, 6, 1), torch.randn(2, 3, 6, 6)]),
    "DynamicCNN": (lambda: DynamicCNN(), [torch.randn(3, 32, 32), torch.randn(2, 1, 32, 32)]),
    "StaticCNN": (lambda: StaticCNN(), [torch.randn(3, 32, 32), torch.randn(2, 1, 32, 32)]),
    "RoutingMLP": (lambda: RoutingMLP(8), [torch.randn(2, 8), torch.randn(2, 7, 4, 4)]),
    "Spatial": (lambda: DynamicSpatialAttention(), [torch.randn(2, 8, 6), torch.randn(8, 6)]),
    "Channel": (lambda: ChannelAttentionFusionT(8), [torch.randn(2, 8, 6), torch.randn(2, 4, 6, 6)]),
    "CBAMBlock": (lambda: CBAMBlock(8), [torch.randn(2, 8), torch.randn(2, 16, 6, 6)]),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_inputs_raise_before_any_convolution(name):
    make, inputs = BAD_INPUTS[name]
    module = make()
    for x in inputs:
        with mock.patch("torch.nn.functional.conv2d", side_effect=AssertionError("evrişim çalıştı")) as conv:
            with pytest.raises(ValueError, match="x"):
                module(x)
            conv.assert_not_called()
