"""Her yerde çalışan kaydırıcılı grafikler.

Canlı çekirdekte ipywidgets; kitabın HTML'inde önceden hesaplanmış karelerle saf HTML/JS.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import itertools
import json
import math
import numbers
import os
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from ._format import format_number

#: Kipi seçen ortam değişkeni: ``static``, ``live`` ya da ``auto`` (varsayılan).
SLIDERS_ENV = "DYNLAYERS_SLIDERS"
#: Statik kipte bir kaydırıcının en fazla kare sayısı (sayfa ağırlığı için).
MAX_FRAMES = 200
#: Statik karelerin çözünürlüğü (7×4 inçlik şekil için 630×360 piksel).
STATIC_DPI = 90
#: Canlı kipte karelerin çözünürlüğü.
LIVE_DPI = 100
#: Statik karelerin WebP kalitesi (0–100); palet PNG daha küçükse PNG kullanılır.
WEBP_QUALITY = 85

_MODES = ("static", "live", "auto")


def static_mode() -> bool:
    """Kaydırıcılar statik (önceden hesaplanmış) kipte mi çalışacak?

    ``DYNLAYERS_SLIDERS`` ortam değişkeni ``static`` ise ``True``, ``live`` ise ``False`` döner.
    Ayarlanmamışsa ya da ``auto`` ise: bir IPython çekirdeği çalışıyor ve ipywidgets kuruluysa
    ``False`` (canlı), değilse ``True``.
    """
    mode = os.environ.get(SLIDERS_ENV, "auto").strip().lower() or "auto"
    if mode not in _MODES:
        raise ValueError(
            f"{SLIDERS_ENV} ortam değişkeni {mode!r} olamaz; izin verilenler: {', '.join(_MODES)}."
        )
    if mode != "auto":
        return mode == "static"
    try:
        from IPython import get_ipython

        ip = get_ipython()
    except ImportError:
        return True
    if ip is None or getattr(ip, "kernel", None) is None:
        return True
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        return True
    return False


def _fmt(value: Any) -> str:
    """Kaydırıcı değerinin kısa metni: en çok 4 anlamlı basamak, Türkçe yazım (``0,25``)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Integral):
        return format_number(int(value))
    if isinstance(value, numbers.Real):
        short = f"{float(value):.4g}"
        if "e" in short or "n" in short:  # çok büyük/küçük, inf, nan: Python yazımı
            return short
        digits = len(short.split(".")[1]) if "." in short else 0
        return format_number(float(short), digits)
    return str(value)


def _check_params(
    params: Mapping[str, Sequence[Any]],
    labels: Optional[Mapping[str, str]],
    initial: Optional[Mapping[str, Any]],
) -> Tuple[List[str], List[List[Any]], Dict[str, str], List[int]]:
    if not isinstance(params, Mapping) or not 1 <= len(params) <= 2:
        raise ValueError(
            "slider_plot: params 1 ya da 2 girdili bir sözlük olmalı (ad -> değer dizisi); "
            f"{params!r} verildi."
        )
    names = list(params)
    values: List[List[Any]] = []
    for name in names:
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(
                f"slider_plot: parametre adı geçerli bir Python adı olmalı; {name!r} verildi."
            )
        seq = params[name]
        if isinstance(seq, (str, bytes)) or not hasattr(seq, "__iter__"):
            raise ValueError(
                f"slider_plot: params[{name!r}] bir değer dizisi olmalı; {seq!r} verildi."
            )
        seq = list(seq)
        if not seq:
            raise ValueError(f"slider_plot: params[{name!r}] boş olamaz.")
        values.append(seq)
    labels, initial = dict(labels or {}), dict(initial or {})
    for arg, given in (("labels", labels), ("initial", initial)):
        unknown = set(given) - set(names)
        if unknown:
            raise ValueError(
                f"slider_plot: {arg} içinde params'ta olmayan adlar var: {sorted(unknown)}; "
                f"izin verilenler: {names}."
            )
    start: List[int] = []
    for name, seq in zip(names, values):
        if name in initial:
            idx = _index_of(seq, initial[name])
            if idx is None:
                raise ValueError(
                    f"slider_plot: initial[{name!r}] = {initial[name]!r} değeri params[{name!r}] "
                    f"içinde yok; izin verilenler: {list(seq)!r}."
                )
            start.append(idx)
        else:
            start.append(len(seq) // 2)
    nframes = math.prod(len(v) for v in values)
    if nframes > MAX_FRAMES:
        raise ValueError(
            f"slider_plot: {nframes} kare çok fazla (en fazla {MAX_FRAMES}); "
            "parametrelere daha az değer verin."
        )
    return names, values, {n: labels.get(n, n) for n in names}, start


def _index_of(seq: Sequence[Any], value: Any) -> Optional[int]:
    for i, v in enumerate(seq):
        try:
            if v == value or (
                isinstance(v, numbers.Real)
                and isinstance(value, numbers.Real)
                and math.isclose(float(v), float(value), rel_tol=1e-9, abs_tol=1e-12)
            ):
                return i
        except Exception:  # karşılaştırılamayan değerler
            continue
    return None


def _figure_png(fig, *, dpi: float, quantize: bool) -> bytes:
    """Şekli PNG baytlarına çevirir; ``quantize`` ise 256 renkli palet PNG (çok daha küçük)."""
    return _encode(_rgb_png(fig, dpi=dpi), webp=False) if quantize else _rgb_png(fig, dpi=dpi)


def _rgb_png(fig, *, dpi: float) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if fig.canvas is None or not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white", edgecolor="white",
                metadata={"Software": None})
    return buf.getvalue()


def _encode(data: bytes, *, webp: bool) -> bytes:
    """Sayfaya gömülecek en küçük kodlama: 256 renkli palet PNG ya da (``webp``) kayıplı WebP.

    Çizgi ve çubuk grafiklerinde palet PNG küçüktür; renk geçişli görüntülerde (maskeler, ısı
    haritaları) WebP dört kata kadar küçüktür ve gözle ayırt edilmez (kalite ``WEBP_QUALITY``).
    """
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow matplotlib ile gelir
        return data
    img = Image.open(io.BytesIO(data)).convert("RGB")
    pal = img.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    pal.save(out, format="PNG", optimize=True)
    best = min(data, out.getvalue(), key=len)
    if webp:
        out = io.BytesIO()
        try:
            img.save(out, format="WEBP", quality=WEBP_QUALITY, method=6)
        except (OSError, KeyError, ValueError):  # pragma: no cover - WebP'siz Pillow
            return best
        best = min(best, out.getvalue(), key=len)
    return best


def _image_mime(data: bytes) -> str:
    return "image/webp" if data[:4] == b"RIFF" and data[8:12] == b"WEBP" else "image/png"


def _data_uri(data: bytes) -> str:
    return f"data:{_image_mime(data)};base64," + base64.b64encode(data).decode("ascii")


def _new_figure(figsize: Tuple[float, float]):
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, facecolor="white")
    try:
        fig.set_layout_engine("constrained")
    except Exception:  # pragma: no cover
        pass
    return fig


def _render(draw: Callable[..., Any], fig, kwargs: Dict[str, Any], *, dpi: float,
            quantize: bool) -> bytes:
    fig.clear()
    draw(fig, **kwargs)
    if quantize:
        return _encode(_rgb_png(fig, dpi=dpi), webp=True)
    return _rgb_png(fig, dpi=dpi)


def slider_plot(
    draw: Callable[..., Any],
    params: Mapping[str, Sequence[Any]],
    *,
    labels: Optional[Mapping[str, str]] = None,
    initial: Optional[Mapping[str, Any]] = None,
    figsize: Tuple[float, float] = (7, 4),
    caption: Optional[str] = None,
    alt: Optional[str] = None,
) -> None:
    """Bir ya da iki kaydırıcıyla yeniden çizilen grafik; Jupyter, Colab ve HTML'de çalışır.

    Canlı çekirdekte ipywidgets kaydırıcıları gösterir. Kitabın derlemesinde (``static_mode()``)
    her değer birleşimi için bir kare önceden çizilir ve çekirdeksiz çalışan saf HTML/JS
    kaydırıcılar sayfaya gömülür. Çıktıyı kendisi gösterir, ``None`` döndürür.

    Args:
        draw: ``draw(fig, **değerler)``; verilen (temizlenmiş) ``matplotlib.figure.Figure``
            nesnesine çizer (``fig.add_subplot()`` ile eksen ekleyin; pyplot kullanmayın).
        params: 1 ya da 2 girdili sözlük, ``ad -> değer dizisi``; ör. ``{"T": [0.1, 1, 10]}``.
            Adlar ``draw`` fonksiyonunun anahtar sözcük argümanlarıdır.
        labels: Adları Türkçe kaydırıcı etiketlerine eşler; ör. ``{"T": "Sıcaklık T"}``.
        initial: Başlangıç değerleri (her biri ilgili dizide bulunmalı); verilmeyen parametre
            dizinin ortasındaki değerle başlar.
        figsize: Şeklin inç cinsinden boyutu.
        caption: İsteğe bağlı alt yazı (grafiğin altında gösterilir).
        alt: Görselin alternatif metni; verilmezse etiketlerden ve değerlerden üretilir.

    Shape:
        Kare sayısı: değer sayılarının çarpımı, en fazla ``MAX_FRAMES``.

    Example:
        >>> import torch
        >>> from dynlayers.viz import slider_plot
        >>> logits = torch.tensor([2.0, 1.0, 0.5, -1.0])
        >>> def draw(fig, T):
        ...     ax = fig.add_subplot()
        ...     ax.bar(range(4), torch.softmax(logits / T, 0))
        >>> slider_plot(draw, {"T": [0.25, 0.5, 1, 2, 4]}, labels={"T": "Sıcaklık T"})
        ... # IPython dışında (ör. doctest) yalnızca nesnenin adı yazılır  # doctest: +ELLIPSIS
        <IPython.core.display.HTML object>
    """
    if not callable(draw):
        raise ValueError(f"slider_plot: draw çağrılabilir olmalı; {draw!r} verildi.")
    names, values, labels_, start = _check_params(params, labels, initial)
    try:
        figsize = (float(figsize[0]), float(figsize[1]))
    except Exception:
        raise ValueError(f"slider_plot: figsize (genişlik, yükseklik) olmalı; {figsize!r} verildi.")
    if static_mode():
        from IPython.display import HTML, display

        display(HTML(_static_html(draw, names, values, labels_, start, figsize, caption, alt)))
    else:
        _live(draw, names, values, labels_, start, figsize, caption)


# --------------------------------------------------------------------------- canlı kip

def _live(draw, names, values, labels, start, figsize, caption) -> None:
    import ipywidgets as widgets
    from IPython.display import display

    fig = _new_figure(figsize)
    cache: Dict[Tuple[int, ...], bytes] = {}
    sliders = []
    for name, seq, idx in zip(names, values, start):
        sliders.append(
            widgets.SelectionSlider(
                options=[(_fmt(v), i) for i, v in enumerate(seq)],
                value=idx,
                description=labels[name],
                continuous_update=True,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="min(100%, 32rem)"),
            )
        )
    image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
    error = widgets.Output()

    def update(_change=None) -> None:
        key = tuple(s.value for s in sliders)
        if key not in cache:
            kwargs = {n: seq[i] for n, seq, i in zip(names, values, key)}
            try:
                cache[key] = _render(draw, fig, kwargs, dpi=LIVE_DPI, quantize=False)
            except Exception:
                with error:
                    error.clear_output()
                    raise
        image.value = cache[key]

    for s in sliders:
        s.observe(update, names="value")
    update()
    children = [*sliders, image, error]
    if caption:
        children.append(widgets.HTML(f"<em>{html.escape(caption)}</em>"))
    display(widgets.VBox(children))


# --------------------------------------------------------------------------- statik kip

# Kaydırıcının davranışı (kare değiştirme, aria-valuetext) ve görünümü sitenin kendi dosyalarındadır:
# book/_static/kaydirici.js ve book/_static/kaydirici.css (tools/dk_sphinx.py her sayfaya ekler).


def _static_html(draw, names, values, labels, start, figsize, caption, alt) -> str:
    fig = _new_figure(figsize)
    images: List[str] = []
    seen: Dict[str, int] = {}
    frames: List[int] = []
    for combo in itertools.product(*[range(len(v)) for v in values]):
        kwargs = {n: seq[i] for n, seq, i in zip(names, values, combo)}
        b64 = _data_uri(_render(draw, fig, kwargs, dpi=STATIC_DPI, quantize=True))
        if b64 not in seen:
            seen[b64] = len(images)
            images.append(b64)
        frames.append(seen[b64])
    sizes = [len(v) for v in values]
    idx0 = 0
    for size, i in zip(sizes, start):
        idx0 = idx0 * size + i
    shown = [_fmt(seq[i]) for seq, i in zip(values, start)]
    alt0 = ", ".join(f"{labels[n]} = {s}" for n, s in zip(names, shown))
    if alt:
        alt0 = f"{alt} ({alt0})"
    data = {
        "sizes": sizes,
        "values": [[_fmt(v) for v in seq] for seq in values],
        "labels": [labels[n] for n in names],
        "alt": alt or "",
        "frames": frames,
        "images": images,
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    uid = "dl-slider-" + hashlib.sha1(payload.encode("utf-8")).hexdigest()[:10]
    rows = []
    for k, (name, seq, i) in enumerate(zip(names, values, start)):
        iid = f"{uid}-{k}"
        rows.append(
            f'<div class="dl-slider-row"><label for="{iid}">{html.escape(labels[name])}</label>'
            f'<input class="dl-slider-input" id="{iid}" type="range" min="0" '
            f'max="{len(seq) - 1}" step="1" value="{i}" data-param="{html.escape(name)}" '
            f'aria-valuetext="{html.escape(_fmt(seq[i]))}">'
            f'<output class="dl-slider-value" for="{iid}">{html.escape(_fmt(seq[i]))}</output></div>'
        )
    cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return (
        f'<figure class="dl-slider" id="{uid}" data-frame="{idx0}" '
        f'data-nframes="{len(frames)}">'
        + "".join(rows)
        + f'<img class="dl-slider-img" alt="{html.escape(alt0)}" '
        f'src="{images[frames[idx0]]}">'
        + cap
        + f'<script type="application/json" class="dl-slider-data">{payload}</script></figure>'
    )
