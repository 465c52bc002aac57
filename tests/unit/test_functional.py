"""dynamic_conv2d: her uygulama float64'te döngü başvurusuna eşit olmalı (ileri ve gradyanlar)."""

from __future__ import annotations

from unittest import mock

import pytest
import torch
import torch.nn.functional as F

from dynlayers.functional import (
    IMPLS,
    MAX_KERNEL_MEMORY_RATIO,
    _conv_chunked,
    conv_output_size,
    dynamic_conv2d,
    output_activation_bytes,
    per_sample_kernel_bytes,
    resolve_impl,
)

from ._helpers import assert_close_all

# (B, C_in, C_out, H, W, kernel, stride, padding, dilation, groups, bias, layout)
CASES = {
    "temel": (3, 4, 6, 9, 9, 3, 1, 1, 1, 1, True, "contiguous"),
    "biassiz": (3, 4, 6, 9, 9, 3, 1, 1, 1, 1, False, "contiguous"),
    "uzun-adim-2": (2, 4, 6, 9, 8, 3, 2, 1, 1, 1, True, "contiguous"),
    "dolgusuz": (2, 3, 5, 8, 8, 3, 1, 0, 1, 1, False, "contiguous"),
    "genisleme": (2, 4, 4, 11, 10, 3, 1, 2, 2, 1, True, "contiguous"),
    "gruplu": (3, 6, 4, 8, 8, 3, 1, 1, 1, 2, True, "contiguous"),
    "derinlemesine": (2, 5, 5, 8, 8, 3, 1, 1, 1, 5, False, "contiguous"),
    "kare-olmayan": (2, 3, 4, 9, 7, (3, 5), (1, 2), (1, 2), (2, 1), 1, True, "contiguous"),
    "B1": (1, 4, 6, 7, 7, 5, 1, 2, 1, 1, True, "contiguous"),
    "channels_last": (3, 4, 6, 8, 8, 3, 1, 1, 1, 1, True, "channels_last"),
    "bitisik-olmayan": (3, 4, 6, 8, 8, 3, 2, 1, 1, 2, True, "noncontiguous"),
    "1x1": (3, 4, 6, 5, 6, 1, 1, 0, 1, 1, True, "contiguous"),
    "1x1-channels_last": (2, 4, 3, 5, 5, 1, 1, 0, 1, 1, False, "channels_last"),
    "1x1-uzun-adim": (2, 4, 3, 6, 6, 1, 2, 0, 1, 1, False, "contiguous"),
}
K = 3


def _make(case, dtype=torch.float64):
    b, c, o, h, w, k, s, p, d, g, bias, layout = case
    kh, kw = (k, k) if isinstance(k, int) else k
    x = torch.randn(b, c, h, w, dtype=dtype)
    if layout == "channels_last":
        x = x.to(memory_format=torch.channels_last)
    elif layout == "noncontiguous":
        x = torch.randn(b, c, w, h, dtype=dtype).transpose(2, 3)
        assert not x.is_contiguous()
    weight = torch.randn(K, o, c // g, kh, kw, dtype=dtype)
    a = torch.randn(b, K, dtype=dtype)  # herhangi bir gerçel değer: sonuç a'da doğrusal
    bias_t = torch.randn(K, o, dtype=dtype) if bias else None
    leaves = [t.requires_grad_(True) for t in (x, weight, a, bias_t) if t is not None]
    return (x, weight, a, bias_t, s, p, d, g), leaves


def _run(args, leaves, impl):
    x, weight, a, bias, s, p, d, g = args
    y = dynamic_conv2d(x, weight, a, bias, stride=s, padding=p, dilation=d, groups=g, impl=impl)
    grad_y = torch.linspace(-1, 1, y.numel(), dtype=y.dtype).reshape(y.shape)
    return [y, *torch.autograd.grad(y, leaves, grad_y)]


def _applicable(case, impl):
    b, c, o, h, w, k, s, p, d, g, *_ = case
    return impl != "bmm" or (k == 1 and s == 1 and p == 0 and g == 1)


@pytest.mark.parametrize(
    "name, impl",
    [(n, i) for n in CASES for i in IMPLS if i != "loop" and _applicable(CASES[n], i)],
)
def test_impl_matches_loop_forward_and_grads(name, impl):
    case = CASES[name]
    args, leaves = _make(case)
    want = _run(args, leaves, "loop")
    got = _run(args, leaves, impl)
    assert_close_all(got, want, rtol=1e-10, atol=1e-10)


def test_loop_matches_per_sample_conv_definition():
    args, _ = _make(CASES["gruplu"])
    x, weight, a, bias, s, p, d, g = args
    y = dynamic_conv2d(x, weight, a, bias, s, p, d, g, impl="loop")
    for i in range(x.shape[0]):
        w_i = sum(a[i, k] * weight[k] for k in range(K))
        b_i = sum(a[i, k] * bias[k] for k in range(K))
        torch.testing.assert_close(y[i : i + 1], F.conv2d(x[i : i + 1], w_i, b_i, s, p, d, g))


@pytest.mark.parametrize("chunk", [1, 2, 5])
def test_chunked_with_small_chunks(chunk):
    args, leaves = _make((5, 4, 6, 7, 7, 3, 1, 1, 1, 2, True, "contiguous"))
    x, weight, a, bias, s, p, d, g = args
    want = _run(args, leaves, "loop")
    y = _conv_chunked(x, a, weight, bias, (s, s), (p, p), (d, d), g, chunk=chunk)
    got = [y, *torch.autograd.grad(y, leaves, torch.linspace(-1, 1, y.numel(), dtype=y.dtype).reshape(y.shape))]
    assert_close_all(got, want, rtol=1e-10, atol=1e-10)


def test_chunked_gradcheck():
    x = torch.randn(3, 2, 5, 5, dtype=torch.float64, requires_grad=True)
    w = torch.randn(2, 3, 2, 3, 3, dtype=torch.float64, requires_grad=True)
    a = torch.randn(3, 2, dtype=torch.float64, requires_grad=True)
    b = torch.randn(2, 3, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(
        lambda *t: _conv_chunked(t[0], t[2], t[1], t[3], (1, 1), (1, 1), (1, 1), 1, chunk=2), (x, w, a, b)
    )


def test_resolve_impl_rules():
    big_bank = torch.empty(4, 256, 128, 3, 3)
    assert resolve_impl(torch.empty(64, 128, 8, 8), big_bank, padding=1) == "chunked"
    assert resolve_impl(torch.empty(32, 128, 28, 28), torch.empty(4, 128, 128, 1, 1)) == "bmm"
    assert resolve_impl(torch.empty(8, 16, 32, 32), torch.empty(1, 32, 16, 3, 3), padding=1) == "mix"
    assert resolve_impl(torch.empty(8, 16, 32, 32), torch.empty(4, 32, 16, 3, 3), padding=1) in IMPLS


@pytest.mark.parametrize("batch", [1, 16, 256])
def test_auto_never_materialises_big_kernels(batch):
    """B=256, 512→512, 3×3 @ 7×7: örnek başına çekirdekler çıktının 94 katı olurdu."""
    x = torch.empty(batch, 512, 7, 7)
    bank = torch.empty(4, 512, 512, 3, 3)
    kernels = per_sample_kernel_bytes(batch, bank)
    out = output_activation_bytes(x, bank, padding=1)
    assert kernels > MAX_KERNEL_MEMORY_RATIO * out
    assert resolve_impl(x, bank, padding=1) in ("chunked", "mix")


def test_memory_helpers():
    bank = torch.empty(4, 512, 512, 3, 3)
    assert per_sample_kernel_bytes(256, bank) == 256 * 512 * 512 * 9 * 4
    assert conv_output_size(32, 3, 2, 1) == (16, 16)
    assert conv_output_size((9, 7), (3, 5), (1, 2), (1, 2), (2, 1)) == (7, 4)
    x = torch.empty(2, 512, 16, 16)
    assert output_activation_bytes(x, bank, padding=1) == 2 * 512 * 16 * 16 * 4


def test_chunked_auto_matches_loop_on_capped_shape():
    x = torch.randn(6, 16, 2, 2, dtype=torch.float64, requires_grad=True)
    w = torch.randn(4, 8, 16, 3, 3, dtype=torch.float64, requires_grad=True)
    a = torch.randn(6, 4, dtype=torch.float64, requires_grad=True)
    assert resolve_impl(x, w, padding=1) == "chunked"
    want = _run((x, w, a, None, 1, 1, 1, 1), [x, w, a], "loop")
    got = _run((x, w, a, None, 1, 1, 1, 1), [x, w, a], "auto")
    assert_close_all(got, want, rtol=1e-10, atol=1e-10)


# ---------------------------------------------------------------------------------------------
# Hatalı girdi: her biri evrişim çalışmadan ValueError
# ---------------------------------------------------------------------------------------------
def _ok():
    return dict(x=torch.randn(2, 4, 8, 8), weight=torch.randn(3, 6, 4, 3, 3), routing_weights=torch.randn(2, 3))


BAD_CALLS = {
    "x-3B": (dict(x=torch.randn(4, 8, 8)), "x"),
    "x-5B": (dict(x=torch.randn(2, 4, 8, 8, 1)), "x"),
    "kanal": (dict(x=torch.randn(2, 5, 8, 8)), "kanal"),
    "weight-4B": (dict(weight=torch.randn(6, 4, 3, 3)), "weight"),
    "routing-B": (dict(routing_weights=torch.randn(3, 3)), "routing_weights"),
    "routing-K": (dict(routing_weights=torch.randn(2, 4)), "routing_weights"),
    "routing-1B": (dict(routing_weights=torch.randn(3)), "routing_weights"),
    "bias": (dict(bias=torch.randn(3, 5)), "bias"),
    "impl": (dict(impl="fast"), "impl"),
    "bmm-3x3": (dict(impl="bmm"), "bmm"),
    "groups": (dict(groups=0), "groups"),
    "groups-bolunmez": (dict(groups=3), "kanal"),
    "stride": (dict(stride=0), "stride"),
    "padding": (dict(padding=-1), "padding"),
    "dilation": (dict(dilation=(1, 0)), "dilation"),
    "kucuk-girdi": (dict(x=torch.randn(2, 4, 2, 2), padding=0), "küçük"),
}


@pytest.mark.parametrize("name", list(BAD_CALLS))
def test_bad_calls_raise_before_any_convolution(name):
    override, needle = BAD_CALLS[name]
    kwargs = {**_ok(), **override}
    with mock.patch("torch.nn.functional.conv2d", side_effect=AssertionError("evrişim çalıştı")) as conv:
        with pytest.raises(ValueError, match=needle):
            dynamic_conv2d(**kwargs)
        conv.assert_not_called()
