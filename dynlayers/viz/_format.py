"""Kitabın tek sayı biçimleyicisi: Türkçe yazım (ondalık virgül, noktayla gruplanmış binler).

Türkçede ondalık ayırıcı virgül, binlik ayırıcı noktadır: ``0,9978``, ``98,6``, ``98.682``
parametre, ``%12,5``. Kitapta düzyazının, tabloların, yapıştırılan (glue) değerlerin ve grafik
etiketlerinin gösterdiği her sayı buradan geçer; Python'un ``f"{x:.3f}"`` biçimi (ondalık nokta)
Türk okura ``98.682``'yi "doksan sekiz virgül altı sekiz iki" diye okutur.
"""

from __future__ import annotations

import math
import numbers
import re
from typing import Any, Dict, Optional, Tuple

__all__ = [
    "GLUE_NUMBER_MIME",
    "GluedNumber",
    "format_number",
    "glue_number",
    "number_formatter",
    "parse_number",
]

#: Yapıştırılan sayıların kesin değerini taşıyan MIME türü (testler bunu okur).
GLUE_NUMBER_MIME = "application/vnd.dynlayers.number+json"

_MINUS = "\u2212"  # tipografik eksi: matplotlib etiketleriyle aynı


def _check_digits(digits: Any) -> Optional[int]:
    if digits is None:
        return None
    if isinstance(digits, bool) or not isinstance(digits, numbers.Integral) or not 0 <= digits <= 15:
        raise ValueError(f"digits 0 ile 15 arasında bir tamsayı ya da None olmalı; verilen: {digits!r}.")
    return int(digits)


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def format_number(value: Any, digits: Optional[int] = None, *, percent: bool = False,
                  sign: bool = False, scientific: bool = False) -> str:
    """Bir sayıyı Türkçe yazar: ondalık virgül, noktayla gruplanmış binler, başta yüzde işareti.

    Args:
        value: Sayı (``int``, ``float``, NumPy sayısı ya da tek elemanlı bir tensör).
        digits: Virgülden sonraki basamak sayısı (0–15). ``None`` ise tamsayılar basamaksız,
            tamsayı olmayan değerler 2 basamakla yazılır. ``percent=True`` ise basamaklar
            yüzdeye çevrilmiş değere uygulanır.
        percent: ``True`` ise değer 100 ile çarpılıp ``%12,5`` biçiminde yazılır (Türkçede
            yüzde işareti sayıdan önce gelir).
        sign: ``True`` ise pozitif sayıların önüne ``+`` konur (farklar için).
        scientific: ``True`` ise bilimsel gösterim: ``5,96 × 10⁻⁷`` (``digits`` virgülden sonraki
            basamaklardır; ``None`` ise 2). Çok küçük farkları (ör. yuvarlama hataları) yazmak için.

    Returns:
        Biçimlenmiş metin. Negatif sayılar tipografik eksiyle (``−``) başlar; sonsuz ve NaN
        değerler ``∞``, ``−∞`` ve ``NaN`` olarak yazılır.

    Raises:
        ValueError: ``value`` sayı değilse ya da ``digits`` izin verilen aralıkta değilse.

    Example:
        >>> format_number(0.99781, 4), format_number(98.6, 1), format_number(98682)
        ('0,9978', '98,6', '98.682')
        >>> format_number(0.125, 1, percent=True), format_number(-0.5, 1, sign=True)
        ('%12,5', '−0,5')
        >>> format_number(5.96e-7, scientific=True), format_number(0.0, 1, scientific=True)
        ('5,96 × 10⁻⁷', '0,0')
    """
    digits = _check_digits(digits)
    if hasattr(value, "item") and callable(value.item) and not isinstance(value, numbers.Number):
        try:
            value = value.item()  # tensör / NumPy dizisi
        except (ValueError, RuntimeError) as exc:
            raise ValueError(f"value tek bir sayı olmalı; verilen: {value!r}.") from exc
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"value gerçel bir sayı olmalı; verilen: {value!r} ({type(value).__name__}).")
    is_int = isinstance(value, numbers.Integral)
    x = float(value)
    if percent:
        x *= 100.0
        is_int = False
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return ("∞" if x > 0 else _MINUS + "∞")
    if scientific:
        digits = 2 if digits is None else digits
        if x == 0:
            return format_number(0.0, digits)
        mantissa, exponent = f"{x:.{digits}e}".split("e")
        return f"{format_number(float(mantissa), digits)} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"
    if digits is None:
        digits = 0 if is_int else (1 if percent else 2)
    magnitude = f"{abs(int(value)) if is_int and not percent else abs(x):,.{digits}f}"
    nonzero = any(ch in "123456789" for ch in magnitude)  # yuvarlanınca sıfır kalan: işaretsiz
    prefix = _MINUS if x < 0 and nonzero else ("+" if sign and x > 0 and nonzero else "")
    text = magnitude.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return ("%" if percent else "") + prefix + text


_NUMBER_RE = re.compile(r"^(%)?([+\-\u2212])?([0-9]{1,3}(?:\.[0-9]{3})*|[0-9]+)(?:,([0-9]+))?$")


def parse_number(text: str) -> float:
    """:func:`format_number`'ın tersi: ``"98.682"`` → 98682.0, ``"%12,5"`` → 0.125.

    Raises:
        ValueError: Metin ``format_number``'ın üretebileceği biçimde değilse.

    Example:
        >>> parse_number("0,9978"), parse_number("−1.234,5"), parse_number("%12,5")
        (0.9978, -1234.5, 0.125)
    """
    if not isinstance(text, str):
        raise ValueError(f"text bir metin olmalı; verilen: {text!r}.")
    s = text.strip()
    special = {"NaN": math.nan, "∞": math.inf, _MINUS + "∞": -math.inf}
    if s in special:
        return special[s]
    m = _NUMBER_RE.match(s)
    if m is None:
        raise ValueError(f"{text!r} Türkçe yazılmış bir sayı değil (ör. '98.682', '0,9978', '%12,5').")
    pct, sgn, whole, frac = m.groups()
    x = float(whole.replace(".", "") + ("." + frac if frac else ""))
    if sgn in ("-", _MINUS):
        x = -x
    return x / 100.0 if pct else x


class GluedNumber(float):
    """Türkçe biçimlenmiş metniyle birlikte yapıştırılan (glue) bir sayı.

    ``float``'tır (hesapta sayı gibi kullanılır); IPython'da ``text/plain`` gösterimi
    :func:`format_number` çıktısıdır, ayrıca kesin değeri ``GLUE_NUMBER_MIME`` türünde taşır.
    """

    def __new__(cls, value: Any, digits: Optional[int] = None, *, percent: bool = False,
                sign: bool = False) -> "GluedNumber":
        text = format_number(value, digits, percent=percent, sign=sign)
        obj = super().__new__(cls, float(value))
        obj.text = text
        return obj

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__

    def _repr_mimebundle_(self, include=None, exclude=None) -> Tuple[Dict[str, Any], Dict[str, Any]]:
        return {"text/plain": self.text, GLUE_NUMBER_MIME: {"value": float(self), "text": self.text}}, {}


class _GlueView:
    """``myst_nb.glue``'ya verilen görünüm: yapıştırılan sayının deftere yazılan MIME demeti.

    myst-nb ``{glue:text}`` rolünde ``text/plain`` değerini ``ast.literal_eval`` ile çözer (tırnakları
    atmak için). Çıplak ``0,976`` böylece ``(0, 976)`` demetine dönüşür ve sayfada öyle görünürdü;
    bu yüzden ``text/plain`` bir Python metin değişmezi olarak (``'0,976'``) yazılır.
    """

    def __init__(self, number: GluedNumber) -> None:
        self.number = number

    def _repr_mimebundle_(self, include=None, exclude=None) -> Tuple[Dict[str, Any], Dict[str, Any]]:
        data, meta = self.number._repr_mimebundle_()
        return dict(data, **{"text/plain": repr(self.number.text)}), meta


def glue_number(name: str, value: Any, digits: Optional[int] = None, *, percent: bool = False,
                sign: bool = False) -> None:
    """Bir sayıyı düzyazıda alıntılanmak üzere ``myst_nb.glue`` ile yapıştırır.

    Düzyazı değeri ``{glue:text}`ad``` ile Türkçe biçimiyle alıntılar; kesin değer defterin
    çıktısında kalır (testler ``GLUE_NUMBER_MIME`` türünden okur). Yapıştırılan ``text/plain``,
    myst-nb'nin ``{glue:text}`` için yaptığı ``literal_eval`` çözümlemesi virgüllü sayıyı demete
    çevirmesin diye tırnaklı bir metin değişmezidir. Çıplak ``{glue}`ad``` rolü kullanılmaz:
    myst-nb kesin değerin MIME türünü tanımadığı için uyarır (``-W`` derlemesi düşer).

    Kitabın derlemesinde (``DYNLAYERS_SLIDERS=static``) hücrede hiçbir şey görünmez. Canlı bir
    çekirdekte (Colab, Jupyter) hücrenin çıktısına ``ad = değer`` satırı da yazılır: Colab
    defterlerinin düzyazısı değeri **`ad`** diye anar (``tools/colab_notebooks.py``), okur sayıyı bu
    satırda görür. Colab'da ``myst_nb`` kurulu değildir; o zaman yalnızca bu satır yazılır.

    Args:
        name: Yapıştırma adı (düzyazının andığı ad).
        value: Sayı.
        digits, percent, sign: :func:`format_number` ile aynı.

    Hiçbir şey döndürmez (hücrenin son satırı olduğunda değer bir kez daha gösterilmesin diye);
    yapıştırılan nesne bir :class:`GluedNumber`'dır.

    Raises:
        ValueError: ``name`` boşsa ya da sayı biçimlenemiyorsa.
    """
    if not isinstance(name, str) or not name:
        raise ValueError(f"name boş olmayan bir metin olmalı; verilen: {name!r}.")
    number = GluedNumber(value, digits, percent=percent, sign=sign)
    try:
        from myst_nb import glue
    except ImportError:  # Colab, sade Jupyter: yapıştırılacak bir kitap yok
        glue = None
    if glue is not None:
        glue(name, _GlueView(number), display=False)
    from ._sliders import static_mode

    if not static_mode():
        print(f"{name} = {number.text}")


def number_formatter(digits: Optional[int] = None, *, percent: bool = False):
    """Grafik eksenleri için Türkçe sayı biçimleyici (``matplotlib.ticker.FuncFormatter``).

    Example:
        >>> import matplotlib.pyplot as plt
        >>> fig, ax = plt.subplots()
        >>> ax.yaxis.set_major_formatter(number_formatter(1))
    """
    _check_digits(digits)
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _pos: format_number(x, digits, percent=percent))
