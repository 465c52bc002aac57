"""dynamic_conv2d: her uygulama float64'te döngü başvurusuna eşit olmalı (ileri ve gradyanlar)."""

from __future__ import annotations

from unittest import mock

import pytest
import torch
import torch.nn.functional as F

import dynlayers.functional as DF
from dynlayers._ops import spatial_mean
from dynlayers import bench
from dynlayers.bench import _paired_ratios, measure_ratios
from dynlayers.functional import (
    CHUNK_BYTES,
    IMPLS,
    MAX_KERNEL_MEMORY_RATIO,
    _chunk_size,
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
    # Konudaki B64 128→256 8²: "mix"'in fazladan işi 3·64·1152 = 221184 > 2**17 çarp-topla, "chunked".
    assert resolve_impl(torch.empty(64, 128, 8, 8), big_bank, padding=1) == "chunked"
    assert resolve_impl(torch.empty(64, 128, 16, 16), big_bank, padding=1) == "chunked"
    # Küçük haritalar: 8×8 çıktı, C_in 32 ya da 64 (3·64·288, 3·64·576 ≤ 2**17) ve 4×4, 2×2 çıktı: "mix".
    assert resolve_impl(torch.empty(64, 32, 16, 16), torch.empty(4, 64, 32, 3, 3), 2, 1) == "mix"
    assert resolve_impl(torch.empty(128, 64, 16, 16), torch.empty(4, 128, 64, 3, 3), 2, 1) == "mix"
    assert resolve_impl(torch.empty(64, 128, 8, 8), torch.empty(4, 256, 128, 3, 3), 2, 1) == "mix"
    assert resolve_impl(torch.empty(64, 128, 4, 4), torch.empty(4, 256, 128, 3, 3), 2, 1) == "mix"
    # Sınır K'ya bağlı: (K − 1)·H'·W' ≤ 192. K = 8'de 8×8 çıktı sınırın dışında, 4×4 içinde.
    assert resolve_impl(torch.empty(64, 32, 16, 16), torch.empty(8, 64, 32, 3, 3), 2, 1) == "chunked"
    assert resolve_impl(torch.empty(64, 128, 8, 8), torch.empty(8, 256, 128, 3, 3), 2, 1) == "mix"
    assert resolve_impl(torch.empty(64, 64, 8, 8), torch.empty(16, 128, 64, 3, 3), 2, 1) == "chunked"
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
    x = torch.randn(6, 48, 9, 9, dtype=torch.float64, requires_grad=True)
    w = torch.randn(4, 8, 48, 3, 3, dtype=torch.float64, requires_grad=True)
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


@pytest.mark.parametrize("chunk", [2, 5])
def test_chunked_second_derivative(chunk):
    """chunked'ın geri yayması türevlenebilir: create_graph=True ile ikinci türev doğru."""
    torch.manual_seed(0)
    x = torch.randn(5, 4, 5, 5, dtype=torch.float64, requires_grad=True)
    w = torch.randn(3, 6, 2, 3, 3, dtype=torch.float64, requires_grad=True)
    a = torch.randn(5, 3, dtype=torch.float64, requires_grad=True)
    b = torch.randn(3, 6, dtype=torch.float64, requires_grad=True)
    fn = lambda x, w, a, b: _conv_chunked(x, a, w, b, (1, 1), (1, 1), (1, 1), 2, chunk=chunk)  # noqa: E731
    assert torch.autograd.gradgradcheck(fn, (x, w, a, b))


def test_chunked_parts_are_balanced(monkeypatch):
    """64 örnek, en çok 7'şerlik: 9·7 + 1 değil, boyları 6 ya da 7 olan 10 parça."""
    sizes = []
    real = DF._grouped_conv

    def spy(x, *args):
        sizes.append(x.shape[0])
        return real(x, *args)

    monkeypatch.setattr(DF, "_grouped_conv", spy)
    x, w, a = torch.randn(64, 2, 4, 4), torch.randn(2, 3, 2, 3, 3), torch.randn(64, 2)
    _conv_chunked(x, a, w, None, (1, 1), (1, 1), (1, 1), 1, chunk=7)
    assert sum(sizes) == 64 and len(sizes) == 10 and set(sizes) == {6, 7}


@pytest.mark.parametrize(
    "shape",
    [(64, 128, 256, 8), (64, 64, 128, 16), (2, 512, 512, 4), (256, 512, 512, 7), (3, 8, 8, 32)],
)
def test_chunk_size_respects_both_budgets(shape):
    """Bir parçanın çekirdekleri 8 MiB'ı da çıktının 4 katını da aşmaz (tek örnek aşsa bile en az 1)."""
    batch, c_in, c_out, size = shape
    x, bank = torch.empty(batch, c_in, size, size, device="meta"), torch.empty(4, c_out, c_in, 3, 3, device="meta")
    chunk = _chunk_size(x, bank, (size, size))
    per_sample = per_sample_kernel_bytes(1, bank)
    budget = min(CHUNK_BYTES, MAX_KERNEL_MEMORY_RATIO * output_activation_bytes(x, bank, padding=1))
    assert 1 <= chunk <= batch
    assert chunk == 1 or chunk * per_sample <= budget
    assert chunk == batch or (chunk + 1) * per_sample > budget  # bütçeyi boşa harcamaz


def test_auto_rule_uses_kernel_budget():
    """Çekirdek yığını 8 MiB'a sığıyorsa grouped, sığmıyorsa chunked; B = 1 grouped."""
    small = torch.empty(4, 64, 32, 3, 3, device="meta")  # örnek başına 73.7 kB
    assert resolve_impl(torch.empty(32, 32, 32, 32, device="meta"), small, 2, 1) == "grouped"
    assert resolve_impl(torch.empty(2, 32, 32, 32, device="meta"), small, 1, 1) == "grouped"
    mid = torch.empty(4, 128, 64, 3, 3, device="meta")  # örnek başına 295 kB; 64 örnek 18.9 MB
    assert per_sample_kernel_bytes(64, mid) > CHUNK_BYTES
    assert resolve_impl(torch.empty(64, 64, 16, 16, device="meta"), mid, 1, 1) == "chunked"
    assert resolve_impl(torch.empty(1, 64, 56, 56, device="meta"), torch.empty(4, 64, 64, 3, 3), 1, 1) == "grouped"
    deep = torch.empty(2, 256, 128, 3, 3, device="meta")  # 4× sınırını aşar, K = 2
    assert resolve_impl(torch.empty(64, 128, 8, 8, device="meta"), deep, 1, 1) == "mix"


def test_spatial_mean_matches_mean_and_has_cheap_backward():
    x = torch.randn(3, 5, 7, 6, dtype=torch.float64, requires_grad=True)
    torch.testing.assert_close(spatial_mean(x), x.mean((2, 3)))
    g = torch.randn(3, 5, dtype=torch.float64)
    (want,) = torch.autograd.grad(x.mean((2, 3)), x, g)
    (got,) = torch.autograd.grad(spatial_mean(x), x, g)
    torch.testing.assert_close(got, want)
    names, stack = set(), [spatial_mean(x).grad_fn]
    while stack:
        fn = stack.pop()
        if fn is not None:
            names.add(type(fn).__name__)
            stack.extend(f for f, _ in fn.next_functions)
    assert "SumBackward1" in names and not any(n.startswith("MeanBackward") for n in names)


def test_spatial_mean_half_precision_does_not_overflow():
    """float16'da 256×256 haritanın toplamı 65504'ü aşar; ortalama yine sonlu ve doğru olmalı."""
    x = torch.full((1, 2, 256, 256), 8.0, dtype=torch.float16)
    m = spatial_mean(x)
    assert m.dtype == torch.float16 and torch.isfinite(m).all()
    torch.testing.assert_close(m.float(), torch.full((1, 2), 8.0))


def test_paired_ratios_use_same_round_static():
    """Makine bir turda iki kat yavaşlasa da eşleştirilmiş oran değişmez."""
    rounds = {"static": [1.0, 2.0, 1.0], "auto": [1.5, 3.0, 1.5], "loop": [2.0, 4.0, 3.0]}
    assert _paired_ratios(rounds) == {"auto": 1.5, "loop": 2.0}


def test_measure_rotates_order_each_round(monkeypatch):
    """Hiçbir katman her turda aynı sırada ölçülmez: sıra her turda bir kaydırılır."""
    names = iter(["static", "grouped", "mix"])  # _measure runner'ları bu sırayla kurar
    real_runner = bench._runner
    calls = []

    def tagged_runner(module, x, backward):
        run = real_runner(module, x, backward)
        run.tag = next(names)
        return run

    def recording_median(fn, min_run_time, num_threads, clock="wall"):
        calls.append(fn.tag)
        return 1.0

    monkeypatch.setattr(bench, "_runner", tagged_runner)
    monkeypatch.setattr(bench, "_median", recording_median)
    rounds = bench._measure(2, 4, 4, 6, 3, 1, 2, ("grouped", "mix"), False, None, 0.01, 3, "wall")
    assert calls == ["static", "grouped", "mix", "grouped", "mix", "static", "mix", "static", "grouped"]
    assert {n: len(t) for n, t in rounds.items()} == {"static": 3, "grouped": 3, "mix": 3}


def test_measure_ratios_rejects_unknown_options():
    with pytest.raises(ValueError, match="bilinmeyen"):
        measure_ratios(2, 4, 4, 8, warmup=3)
