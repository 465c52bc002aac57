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


def test_use_book_style_writes_turkish_tick_labels():
    """Varsayılan eksen ve renk çubuğu etiketleri ondalık virgülle yazılır; elle verilen
    etiketlere dokunulmaz."""
    import matplotlib.pyplot as plt

    viz.use_book_style()
    fig, ax = plt.subplots()
    image = ax.imshow([[0.0, 0.25], [0.5, 0.75]])
    colorbar = fig.colorbar(image, ax=ax)
    ax.set_xticks([0, 1], ["a.b", "c"])
    fig.canvas.draw()
    y_labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    bar_labels = [t.get_text() for t in colorbar.ax.get_yticklabels() if t.get_text()]
    plt.close(fig)
    assert any("," in label for label in y_labels), y_labels
    assert not any("." in label for label in y_labels + bar_labels), (y_labels, bar_labels)
    assert any("," in label for label in bar_labels), bar_labels
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a.b", "c"]


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
    for uri in data["images"]:  # PNG ya da (daha küçükse) WebP, data: adresi olarak
        mime, b64 = re.fullmatch(r"data:(image/png|image/webp);base64,([A-Za-z0-9+/=]+)", uri).groups()
        raw = base64.b64decode(b64)
        assert raw[:8] == b"\x89PNG\r\n\x1a\n" if mime == "image/png" else raw[8:12] == b"WEBP"
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


# --------------------------------------------------------------------------- sıcaklık kaydırıcıları

torch = pytest.importorskip("torch")


def _payload(html):
    return json.loads(re.search(r'class="dl-slider-data">(.*?)</script>', html, re.S).group(1))


def _decode(entry):
    import numpy as np

    arr = np.frombuffer(base64.b64decode(entry["b64"]), dtype="<f4")
    return torch.from_numpy(arr.copy()).reshape(entry["shape"])


def _stat_values(html):
    return {k: float(v) for k, v in re.findall(
        r'class="dl-stat" data-stat="(\w+)" data-value="([^"]+)"', html)}


def _static(monkeypatch, fn, *args, **kwargs):
    monkeypatch.setenv(viz.SLIDERS_ENV, "static")
    cap = Capture(monkeypatch)
    assert fn(*args, **kwargs) is None
    (obj,) = cap.items
    return obj.data


def test_temperature_grid_is_log_spaced_and_hits_round_values():
    grid = viz.temperature_grid((0.01, 100.0), 201)
    assert len(grid) == 201 and grid[0] == 0.01 and grid[100] == 1.0 and grid[-1] == 100.0
    assert grid[50] == pytest.approx(0.1) and grid[150] == pytest.approx(10.0)
    ratios = [b / a for a, b in zip(grid, grid[1:])]
    assert max(ratios) == pytest.approx(min(ratios)) == pytest.approx(10 ** 0.02)
    for bad in [(0, 1), (2, 1), (1, float("inf")), "x"]:
        with pytest.raises(ValueError, match="temperatures"):
            viz.temperature_grid(bad, 11)
    with pytest.raises(ValueError, match="steps"):
        viz.temperature_grid((0.1, 10), 1)


def test_routing_slider_static_html_saves_logits_not_frames(monkeypatch):
    g = torch.Generator().manual_seed(0)
    logits = {k: torch.randn(3, k, generator=g) * 2 for k in (2, 4, 8)}
    html = _static(monkeypatch, viz.routing_slider, logits, series=["a", "b", "c"], initial=1.0,
                   initial_k=4, caption="alt yazı", alt="açıklama")
    data = _payload(html)
    assert data["kind"] == "routing" and data["ks"] == [2, 4, 8] and data["k_index"] == 1
    assert data["grid"]["steps"] == viz.DEFAULT_STEPS >= 100 and data["grid"]["index"] == 100
    for k in (2, 4, 8):  # kaydedilen logitler tam olarak verilenler (float32)
        assert torch.equal(_decode(data["data"][str(k)])[0], logits[k])
    # başlangıçtaki sayılar (JavaScript kapalıyken görünen) paketin hesabıyla aynı
    w, h = viz.routing_values(logits[4], 1.0)
    stats = _stat_values(html)
    assert stats["T"] == 1.0 and stats["K"] == 4.0
    assert stats["entropy"] == pytest.approx(h.mean().item(), abs=1e-7)
    cells = {(int(s), int(k)): float(v) for s, k, v in re.findall(
        r'data-p="0" data-s="(\d)" data-k="(\d)" data-value="([^"]+)"', html)}
    assert len(cells) == 12
    for (s, k), v in cells.items():
        assert v == pytest.approx(w[s, k].item(), abs=1e-7)
    # kaydırıcılar: klavye için <input type=range>, ekran okuyucu için etiket ve aria-valuetext
    assert re.search(r'<label for="(dl-t-\w+-T)">Sıcaklık T</label><input[^>]+id="\1"[^>]+'
                     r'aria-valuetext="1,00"', html)
    assert re.search(r'<label for="(dl-t-\w+-K)">Uzman sayısı K</label><input[^>]+id="\1"[^>]+'
                     r'value="1"[^>]+aria-valuetext="4"', html)
    assert 'class="dl-slider-controls" hidden' in html  # JavaScript'siz okur çalışmayan sürgü görmez
    assert "<noscript>" in html and 'alt="açıklama (T = 1,00)"' in html
    assert html.count('src="data:image/') == 1  # yalnızca başlangıç şekli
    assert "<script src" not in html and not re.search(r'(src|href)="(?!data:)', html)


def test_temperature_slider_weight_does_not_depend_on_steps(monkeypatch):
    z = torch.randn(48, 64, generator=torch.Generator().manual_seed(1))
    small = _static(monkeypatch, viz.mask_slider, z, steps=101)
    large = _static(monkeypatch, viz.mask_slider, z, steps=10001)
    assert abs(len(large) - len(small)) < 16, (len(small), len(large))


@pytest.mark.parametrize("gate", ["sigmoid", "hardsigmoid"])
def test_mask_slider_static_html_matches_package(monkeypatch, gate):
    z = torch.randn(40, 60, generator=torch.Generator().manual_seed(2)) * 4
    html = _static(monkeypatch, viz.mask_slider, z, gate=gate, initial=0.1, near=0.05, bins=40)
    data = _payload(html)
    assert data["kind"] == "mask" and data["gate"] == gate and data["grid"]["index"] == 50
    assert torch.equal(_decode(data["data"]["0"]), z)
    m = viz.mask_values(z, 0.1, gate)
    from dynlayers._ops import gated, get_gate

    assert torch.equal(m, gated(z, torch.tensor(0.1), get_gate(gate)))  # katmanların hesabı
    expected = viz.mask_stats(m, 0.05, 40)
    stats = _stat_values(html)
    for key in ("mean", "std", "min", "max", "near0", "near1"):
        assert stats[key] == pytest.approx(expected[key], abs=1e-7), key
    counts = [int(c) for c in re.findall(r'data-bin="\d+" data-value="(\d+)"', html)]
    assert counts == expected["counts"] and sum(counts) == z.numel()
    assert "1&#x27;e yakın (&gt; 0,95): <b>" in html or "1'e yakın (> 0,95)" in html


def test_mask_stats_counts_like_numpy_and_torch():
    import numpy as np

    m = torch.tensor([0.0, 0.04, 0.05, 0.5, 0.95, 0.951, 1.0])
    s = viz.mask_stats(m, near=0.05, bins=10)
    assert s["near0"] == pytest.approx(2 / 7) and s["near1"] == pytest.approx(2 / 7)
    assert s["counts"] == np.histogram(m.numpy().astype(float), 10, (0, 1))[0].tolist()
    assert s["std"] == pytest.approx(m.std().item())


@pytest.mark.parametrize(
    "fn,args,kwargs,match",
    [
        ("routing_slider", ([1.0, 2.0],), {"initial": 0.7}, "ızgarasında yok"),
        ("routing_slider", ([1.0, 2.0],), {"initial": 1000}, "aralığının dışında"),
        ("routing_slider", ([[1.0, 2.0], [0.0, 1.0]],), {}, "series"),
        ("routing_slider", ([[1.0, 2.0], [0.0, 1.0]],), {"series": ["a"]}, "series 2 ad"),
        ("routing_slider", ({2: [1.0, 2.0, 3.0]},), {}, r"logits\[2\] son ekseni"),
        ("routing_slider", ({2: [1.0, 2.0]},), {"initial_k": 4}, "initial_k"),
        ("routing_slider", ([1.0, float("nan")],), {}, "sonlu"),
        ("routing_slider", ([1.0, 2.0],), {"labels": {"X": "x"}}, "labels"),
        ("mask_slider", ([0.0, 1.0],), {"gate": "relu"}, "gate"),
        ("mask_slider", ([0.0, 1.0],), {"near": 0.5}, "near"),
        ("mask_slider", ([0.0, 1.0],), {"bins": 1}, "bins"),
        ("mask_slider", (torch.zeros(2, 2, 2),), {}, r"\(H, W\) ya da \(N,\)"),
        ("mask_slider", ([0.0, 1.0],), {"steps": 50000}, "steps"),
    ],
)
def test_temperature_slider_errors_are_turkish(monkeypatch, fn, args, kwargs, match):
    monkeypatch.setenv(viz.SLIDERS_ENV, "static")
    with pytest.raises(ValueError, match=match):
        getattr(viz, fn)(*args, **kwargs)


def test_live_temperature_sliders_use_ipywidgets(monkeypatch):
    widgets = pytest.importorskip("ipywidgets")
    monkeypatch.setenv(viz.SLIDERS_ENV, "live")
    cap = Capture(monkeypatch)
    g = torch.Generator().manual_seed(0)
    viz.routing_slider({k: torch.randn(2, k, generator=g) for k in (2, 4)}, series=["a", "b"],
                       labels={"T": "Sıcaklık T"})
    viz.mask_slider(torch.randn(8, 8, generator=g), gate="hardsigmoid")
    routing, mask = cap.items
    (t_row, k_slider, stats, image, table, _err) = routing.children
    t_slider, t_label = t_row.children
    assert isinstance(t_slider, widgets.IntSlider) and t_slider.description == "Sıcaklık T"
    assert t_slider.max == viz.DEFAULT_STEPS - 1 and t_label.value == "1,00"
    assert isinstance(k_slider, widgets.SelectionSlider) and k_slider.label == "4"
    first, first_stats = image.value, stats.value
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    t_slider.value = 0
    assert t_label.value == "0,0100" and image.value != first and stats.value != first_stats
    k_slider.value = 0
    assert 'data-stat="K" data-value="2.0"' in stats.value
    m_row = mask.children[0]
    before = mask.children[2].value
    m_row.children[0].value = 150
    assert m_row.children[1].value == "10,0" and mask.children[2].value != before


def test_frames_use_the_smaller_of_palette_png_and_webp(monkeypatch):
    import io

    from PIL import Image

    def photo(fig, s):  # renk geçişli görüntü: WebP çok daha küçük
        ax = fig.add_subplot()
        g = torch.Generator().manual_seed(int(s))
        ax.imshow(torch.nn.functional.interpolate(torch.rand(1, 1, 12, 18, generator=g),
                                                  size=(96, 144), mode="bicubic")[0, 0].numpy())

    def bars(fig, s):  # düz renkli çubuklar: palet PNG küçük
        fig.add_subplot().bar([0, 1], [s, 1])

    for fn, mime in ((photo, "image/webp"), (bars, "image/png")):
        html = _static(monkeypatch, viz.slider_plot, fn, {"s": [1, 2]})
        uris = _payload(html)["images"]
        assert all(u.startswith(f"data:{mime};base64,") for u in uris), (fn.__name__, uris[0][:30])
        raw = base64.b64decode(uris[0].split(",", 1)[1])
        assert Image.open(io.BytesIO(raw)).size[0] > 300


def test_frame_slider_values_are_turkish_and_labelled(monkeypatch):
    html = _static(monkeypatch, viz.slider_plot, draw, {"T": [0.25, 1.5, 2]},
                   labels={"T": "Sıcaklık T"}, initial={"T": 1.5})
    assert 'aria-valuetext="1,5"' in html and ">1,5</output>" in html
    assert _payload(html)["values"] == [["0,25", "1,5", "2"]]
    assert "<style>" not in html and "<script>" not in html  # davranış ve görünüm sitenin dosyalarında
