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
    assert glue_number("deneme", 0.8765, 2) is None
    (data, metadata), = shown
    assert metadata["scrapbook"]["name"] == "deneme"
    plain = [v for k, v in data.items() if k.endswith("text/plain")]
    markdown = [v for k, v in data.items() if k.endswith("text/markdown")]
    exact = [v for k, v in data.items() if k.endswith(GLUE_NUMBER_MIME)]
    # text/plain bir metin değişmezi: myst-nb {glue:text} onu literal_eval ile çözer
    assert plain == ["'0,88'"] and markdown == []
    assert exact == [{"value": 0.8765, "text": "0,88"}]


@pytest.mark.parametrize("value, digits, percent, expected", [
    (0.97556, 3, False, "0,976"), (8.41, 1, False, "8,4"), (0.72, 1, True, "%72,0"),
    (-0.5, 1, False, "−0,5"), (98682, None, False, "98.682"), (12, None, False, "12"),
])
def test_glue_text_role_shows_turkish_text(monkeypatch, value, digits, percent, expected):
    """{glue:text} myst-nb'nin format_plain_text'iyle çözer: '0,976' demete dönüşmemeli."""
    pytest.importorskip("myst_nb")
    import myst_nb.ext.glue as glue_module
    from myst_nb.core.variables import format_plain_text

    shown = []
    monkeypatch.setattr(glue_module, "ipy_display",
                        lambda data, raw=False, metadata=None: shown.append(data),
                        raising=False)
    glue_number("deneme", value, digits, percent=percent)
    (data,) = shown
    plain = next(v for k, v in data.items() if k.endswith("text/plain"))
    assert format_plain_text(plain, "") == expected


def test_glue_number_shows_named_value_in_live_kernels(monkeypatch, capsys):
    """Colab'da (myst_nb yok, canlı çekirdek) hata vermez; değer hücrenin çıktısında ``ad = değer``
    olarak görünür (Colab defterinin düzyazısı onu **`ad`** diye anar). Kitabın derlemesinde
    (statik kip) hiçbir şey yazmaz."""
    import sys

    monkeypatch.setitem(sys.modules, "myst_nb", None)  # içe aktarma ImportError verir
    monkeypatch.setenv("DYNLAYERS_SLIDERS", "live")
    assert glue_number("dogruluk", 0.98612, 1, percent=True) is None
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


@pytest.mark.parametrize(
    "value, digits, expected",
    [(5.96e-7, None, "5,96 × 10⁻⁷"), (-123450.0, 1, "\u22121,2 × 10⁵"), (0.0, None, "0,00"),
     (3e-12, 0, "3 × 10⁻¹²"), (1.0, 2, "1,00 × 10⁰")],
)
def test_format_number_scientific(value, digits, expected):
    assert format_number(value, digits, scientific=True) == expected


def test_show_table_html_and_text(monkeypatch):
    from dynlayers.viz import show_table, table_html

    html_text = table_html([["statik", 25154, 0.9622], ["dinamik", 98148, "0,9733"]],
                           ["model", "parametre", "doğruluk"], caption="Sonuçlar")
    assert html_text.startswith('<table class="dk-table table"><caption>Sonuçlar</caption>')
    assert "<td style=\"text-align: right\">25.154</td>" in html_text
    assert "0,96" in html_text and "0,9733" in html_text and "|" not in html_text
    shown = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    show_table([["a", 1]], ["x", "y"], align="cr")
    (obj,) = shown
    assert "<table" in obj._repr_html_() and "text-align: center" in obj._repr_html_()
    assert repr(obj).splitlines()[0].split() == ["x", "y"]


@pytest.mark.parametrize(
    "rows, header, align, match",
    [([["a"]], ["x", "y"], None, "rows\\[0\\]"), ([["a", None]], ["x", "y"], None, "hücre"),
     ([["a", 1]], ["x", "y"], "lx", "align"), ([["a", 1]], [], None, "header")],
)
def test_show_table_rejects_bad_input(rows, header, align, match):
    from dynlayers.viz import table_html

    with pytest.raises(ValueError, match=match):
        table_html(rows, header, align=align)
