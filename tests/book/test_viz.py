"""dynlayers.viz: biçem, kaydırıcılar (statik ve canlı kip), kaynak gösterimi."""

from __future__ import annotations

import base64
import json
import re

import pytest

mpl = pytest.importorskip("matplotlib")

from dynlayers import viz  # noqa: E402
from dynlayers.viz import _sliders  # noqa: E402


def draw(fig, T, K=3):
    ax = fig.add_subplot()
    ax.bar(range(K), [T * (k + 1) for k in range(K)])
    ax.set_title(f"Sıcaklık T = {T}, ağırlık İı")


class Capture:
    def __init__(self, monkeypatch):
        self.items = []
        import IPython.display

        monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: self.items.extend(objs))


def test_use_book_style_sets_white_background_and_turkish_font():
    viz.use_book_style()
    rc = mpl.rcParams
    assert rc["figure.facecolor"] in ("white", "#ffffff", (1.0, 1.0, 1.0, 1.0))
    assert rc["axes.facecolor"] in ("white", "#ffffff", (1.0, 1.0, 1.0, 1.0))
    assert rc["font.sans-serif"][0] == "DejaVu Sans"
    from matplotlib import font_manager

    path = font_manager.findfont("DejaVu Sans", fallback_to_default=False)
    from matplotlib.ft2font import FT2Font

    font = FT2Font(path)
    charmap = font.get_charmap()
    for ch in "çğıİöşüÇĞÖŞÜ":
        assert ord(ch) in charmap, f"yazı tipinde {ch!r} yok"


def test_static_slider_html(monkeypatch):
    monkeypatch.setenv(viz.SLIDERS_ENV, "static")
    assert viz.static_mode()
    cap = Capture(monkeypatch)
    out = viz.slider_plot(draw, {"T": [0.5, 1, 2], "K": [2, 4]}, labels={"T": "Sıcaklık T"},
                          initial={"T": 2, "K": 4})
    assert out is None
    (obj,) = cap.items
    html = obj.data
    assert html.count('type="range"') == 2
    assert "Sıcaklık T" in html
    data = json.loads(re.search(r'class="dl-slider-data">(.*?)</script>', html, re.S).group(1))
    assert data["sizes"] == [3, 2]
    assert len(data["frames"]) == 6
    assert len(set(data["frames"])) == 6, "her değer birleşimi farklı bir kare olmalı"
    for b64 in data["images"]:
        assert base64.b64decode(b64)[:8] == b"\x89PNG\r\n\x1a\n"
    # başlangıç karesi: T=2 (indeks 2), K=4 (indeks 1) -> 2*2+1
    assert 'data-frame="5"' in html
    # dış kaynak yok: yalnızca gömülü data: URL'leri
    assert not re.search(r'(src|href)="(?!data:)', html)
    assert "<script src" not in html


def test_live_slider_uses_ipywidgets(monkeypatch):
    widgets = pytest.importorskip("ipywidgets")
    monkeypatch.setenv(viz.SLIDERS_ENV, "live")
    assert not viz.static_mode()
    cap = Capture(monkeypatch)
    viz.slider_plot(draw, {"T": [0.5, 1, 2]}, labels={"T": "Sıcaklık T"})
    (box,) = cap.items
    assert isinstance(box, widgets.VBox)
    slider, image = box.children[0], box.children[1]
    assert isinstance(slider, widgets.SelectionSlider)
    assert slider.description == "Sıcaklık T"
    first = image.value
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    slider.value = 0
    assert image.value != first, "kaydırıcı değişince grafik değişmeli"


def test_auto_mode_outside_kernel_is_static(monkeypatch):
    monkeypatch.delenv(viz.SLIDERS_ENV, raising=False)
    assert viz.static_mode()
    monkeypatch.setenv(viz.SLIDERS_ENV, "bogus")
    with pytest.raises(ValueError, match="DYNLAYERS_SLIDERS"):
        viz.static_mode()


@pytest.mark.parametrize(
    "params,kwargs,match",
    [
        ({}, {}, "1 ya da 2"),
        ({"a": [1], "b": [1], "c": [1]}, {}, "1 ya da 2"),
        ({"T": []}, {}, "boş"),
        ({"T": 3}, {}, "değer dizisi"),
        ({"T": [1, 2]}, {"labels": {"K": "x"}}, "labels"),
        ({"T": [1, 2]}, {"initial": {"T": 5}}, "initial"),
        ({"T": list(range(30)), "K": list(range(30))}, {}, "kare"),
    ],
)
def test_slider_errors_are_turkish(params, kwargs, match):
    with pytest.raises(ValueError, match=match):
        viz.slider_plot(draw, params, **kwargs)


def test_show_source_markdown(monkeypatch):
    from dynlayers.viz._source import source_markdown

    text = source_markdown(viz.use_book_style, start="import matplotlib", end="rcParams.update")
    assert text.startswith("`dynlayers/viz/_style.py`, satır ")
    assert "```python\nimport matplotlib\n" in text
    assert text.rstrip().endswith("matplotlib.rcParams.update(BOOK_RC)\n```".rstrip())
    whole = source_markdown(viz.use_book_style)
    assert "def use_book_style" in whole
    one = source_markdown(viz.use_book_style, start=1, end=1)
    assert "```python\ndef use_book_style() -> None:\n```" in one
    with pytest.raises(ValueError, match="bulunamadı"):
        source_markdown(viz.use_book_style, start="yok böyle bir satır")
    with pytest.raises(ValueError, match="kaynak kod bulunamadı"):
        source_markdown(3)


def test_show_source_displays_markdown(monkeypatch):
    import IPython

    cap = Capture(monkeypatch)
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    viz.show_source(viz.static_mode)
    (obj,) = cap.items
    assert obj._repr_markdown_().count("```python") == 1


def test_viz_not_imported_by_package():
    import subprocess
    import sys

    code = "import sys, dynlayers; print('dynlayers.viz' in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
