"""dynlayers.viz'in tek sayı biçimleyicisi: Türkçe yazım ve yapıştırma (glue)."""

from __future__ import annotations

import math

import pytest

from dynlayers.viz import (
    GLUE_NUMBER_MIME,
    GluedNumber,
    format_number,
    glue_number,
    number_formatter,
    parse_number,
)


@pytest.mark.parametrize(
    "args, kwargs, expected",
    [
        ((0.99781, 4), {}, "0,9978"),
        ((98.6, 1), {}, "98,6"),
        ((98682,), {}, "98.682"),
        ((1797,), {}, "1.797"),
        ((1234567.891, 2), {}, "1.234.567,89"),
        ((0.125, 1), {"percent": True}, "%12,5"),
        ((-0.5, 1), {}, "\u22120,5"),
        ((-0.0001, 2), {}, "0,00"),
        ((0.02, 2), {"sign": True}, "+0,02"),
        ((-0.02, 2), {"sign": True}, "\u22120,02"),
        ((0.0, 2), {"sign": True}, "0,00"),
        ((2.0,), {}, "2,00"),
        ((7, 1), {}, "7,0"),
        ((float("nan"),), {}, "NaN"),
        ((float("inf"),), {}, "∞"),
    ],
)
def test_format_number_turkish(args, kwargs, expected):
    assert format_number(*args, **kwargs) == expected


def test_format_number_accepts_numpy_and_tensors():
    np = pytest.importorskip("numpy")
    torch = pytest.importorskip("torch")
    assert format_number(np.int64(12345)) == "12.345"
    assert format_number(np.float32(2.5), 1) == "2,5"
    assert format_number(torch.tensor(3.14159), 3) == "3,142"


@pytest.mark.parametrize("bad", ["1.5", None, True, [1.0], object()])
def test_format_number_rejects_non_numbers(bad):
    with pytest.raises(ValueError, match="value"):
        format_number(bad)


@pytest.mark.parametrize("digits", [-1, 16, 1.5, True])
def test_format_number_rejects_bad_digits(digits):
    with pytest.raises(ValueError, match="digits"):
        format_number(1.0, digits)


@pytest.mark.parametrize("value", [0.0, 0.9978, -1234.5, 98682.0, 1e9 + 0.25, -3.0])
@pytest.mark.parametrize("digits", [0, 2, 4])
def test_parse_number_inverts_format_number(value, digits):
    text = format_number(value, digits)
    assert parse_number(text) == pytest.approx(round(value, digits), abs=10 ** -digits)
    pct = format_number(value / 1000, digits, percent=True)
    assert parse_number(pct) == pytest.approx(round(value / 10, digits) / 100, abs=10 ** -digits)


@pytest.mark.parametrize("bad", ["1.5", "0.9978", "1,234.5", "abc", "12.34"])
def test_parse_number_rejects_english_style(bad):
    with pytest.raises(ValueError):
        parse_number(bad)


def test_glued_number_is_a_float_with_turkish_text():
    g = GluedNumber(0.91234, 3)
    assert isinstance(g, float) and g == 0.91234 and g + 1 == pytest.approx(1.91234)
    assert repr(g) == str(g) == "0,912"
    bundle, _ = g._repr_mimebundle_()
    assert bundle["text/plain"] == "0,912"
    assert bundle[GLUE_NUMBER_MIME] == {"value": 0.91234, "text": "0,912"}
    assert not math.isnan(GluedNumber(0.5, percent=True))


def test_glue_number_outputs_text_and_exact_value(monkeypatch):
    pytest.importorskip("myst_nb")
    import myst_nb.ext.glue as glue_module

    shown = []
    monkeypatch.setattr(glue_module, "ipy_display",
                        lambda data, raw=False, metadata=None: shown.append((data, metadata)),
                        raising=False)
    number = glue_number("deneme", 0.8765, 2)
    assert number == 0.8765
    (data, metadata), = shown
    assert metadata["scrapbook"]["name"] == "deneme"
    plain = [v for k, v in data.items() if k.endswith("text/plain")]
    exact = [v for k, v in data.items() if k.endswith(GLUE_NUMBER_MIME)]
    assert plain == ["0,88"] and exact == [{"value": 0.8765, "text": "0,88"}]


def test_glue_number_shows_named_value_in_live_kernels(monkeypatch, capsys):
    """Colab'da (myst_nb yok, canlı çekirdek) hata vermez; değer hücrenin çıktısında ``ad = değer``
    olarak görünür (Colab defterinin düzyazısı onu **`ad`** diye anar). Kitabın derlemesinde
    (statik kip) hiçbir şey yazmaz."""
    import sys

    monkeypatch.setitem(sys.modules, "myst_nb", None)  # içe aktarma ImportError verir
    monkeypatch.setenv("DYNLAYERS_SLIDERS", "live")
    number = glue_number("dogruluk", 0.98612, 1, percent=True)
    assert number == 0.98612 and str(number) == "%98,6"
    assert capsys.readouterr().out == "dogruluk = %98,6\n"
    monkeypatch.setenv("DYNLAYERS_SLIDERS", "static")
    glue_number("dogruluk", 0.5, 1)
    assert capsys.readouterr().out == ""


def test_number_formatter_for_axes():
    pytest.importorskip("matplotlib")
    fmt = number_formatter(1)
    assert fmt(0.25, 0) == "0,2" or fmt(0.25, 0) == "0,3"
    assert fmt(1500.0, 0) == "1.500,0"
    assert number_formatter(0, percent=True)(0.5, 0) == "%50"
