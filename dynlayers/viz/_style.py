"""Kitabın ortak matplotlib biçemi."""

from __future__ import annotations

from typing import Any, Dict

#: ``use_book_style`` fonksiyonunun uyguladığı rcParams değerleri.
BOOK_RC: Dict[str, Any] = {
    # Beyaz arka plan: koyu temada da grafik okunur kalır.
    "figure.facecolor": "white",
    "figure.edgecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.edgecolor": "white",
    "savefig.transparent": False,
    # Türkçe harfler (ç ğ ı İ ö ş ü) için DejaVu Sans; matplotlib ile birlikte gelir.
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "axes.unicode_minus": True,
    # Dizüstü ekranda okunan boyutlar.
    "figure.figsize": (7.0, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.constrained_layout.use": True,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "figure.titlesize": 13,
    "lines.linewidth": 2.0,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "image.cmap": "viridis",
}


def use_book_style() -> None:
    """Kitabın ortak matplotlib biçemini uygular.

    Beyaz şekil/eksen arka planı, Türkçe karakterleri içeren DejaVu Sans yazı tipi ve dizüstü
    ekranda okunan boyutlar ayarlanır. Bir IPython çekirdeğinde, satır içi grafikler de aynı
    arka planla (PNG) gösterilecek biçimde ayarlanır. Tekrar çağrılması zararsızdır.

    Example:
        >>> from dynlayers.viz import use_book_style
        >>> use_book_style()
    """
    import matplotlib

    matplotlib.rcParams.update(BOOK_RC)
    _use_turkish_ticks()
    try:  # Satır içi arka uç: kenarları kırpılmış, beyaz arka planlı PNG.
        from IPython import get_ipython

        ip = get_ipython()
    except ImportError:  # pragma: no cover - IPython olmadan da çalışır
        ip = None
    if ip is not None and getattr(ip, "kernel", None) is not None:
        try:
            from matplotlib_inline.backend_inline import set_matplotlib_formats

            set_matplotlib_formats("png", facecolor="white")
        except Exception:  # pragma: no cover - eski/farklı ön uçlar
            pass


def _use_turkish_ticks() -> None:
    """Doğrusal eksenlerin varsayılan etiketlerini Türkçe yazar (``0,25``, ``−1,5``).

    matplotlib'in ondalık ayırıcıyı seçen bir rcParams ayarı yoktur (``axes.formatter.use_locale``
    işletim sisteminde ``tr_TR`` yerel ayarının kurulu olmasını ister; Colab'da yoktur). Bu yüzden
    doğrusal ölçeğin varsayılan biçimleyicisi, ``ScalarFormatter``'ın çıktısındaki noktayı virgüle
    çeviren bir alt sınıfla değiştirilir; renk çubukları da doğrusal ölçek kullandığından aynı
    etiketi alır. ``set_major_formatter`` ya da ``set_xticks(..., labels)`` ile verilen etiketlere
    dokunulmaz. Tekrar çağrılması zararsızdır.
    """
    import matplotlib.scale as mscale

    if getattr(mscale.LinearScale, "_dk_turkish_ticks", False):
        return
    formatter_class = turkish_scalar_formatter_class()
    original = mscale.LinearScale.set_default_locators_and_formatters

    def set_default_locators_and_formatters(self, axis):
        original(self, axis)
        axis.set_major_formatter(formatter_class())

    mscale.LinearScale.set_default_locators_and_formatters = set_default_locators_and_formatters
    mscale.LinearScale._dk_turkish_ticks = True


def turkish_scalar_formatter_class():
    """Ondalık ayırıcısı virgül olan bir ``matplotlib.ticker.ScalarFormatter`` alt sınıfı döndürür.

    ``ScalarFormatter`` gibi konum, ölçek ve uzaklık (offset) metnini seçer; yalnızca yazdığı
    metindeki ondalık noktayı virgüle çevirir (binlik gruplama eklemez: eksen etiketleri kısadır).

    Returns:
        ``ScalarFormatter``'dan türeyen bir sınıf (matplotlib içe aktarılmadan önce tanımlanamadığı
        için fonksiyonla kurulur).

    Example:
        >>> import matplotlib.pyplot as plt
        >>> fig, ax = plt.subplots()
        >>> ax.yaxis.set_major_formatter(turkish_scalar_formatter_class()())
    """
    from matplotlib.ticker import ScalarFormatter

    class TurkishScalarFormatter(ScalarFormatter):
        def __call__(self, x, pos=None):
            return super().__call__(x, pos).replace(".", ",")

        def get_offset(self):
            return super().get_offset().replace(".", ",")

        def format_data_short(self, value):
            return super().format_data_short(value).replace(".", ",")

    return TurkishScalarFormatter


def show(fig) -> None:
    """Bir matplotlib ``Figure`` nesnesini hücre çıktısı (PNG) olarak gösterir.

    pyplot'a ya da ``savefig``'e gerek yoktur; ``matplotlib.figure.Figure(...)`` ile kurulmuş
    şekiller için kullanışlıdır. IPython dışında hiçbir şey yapmaz.

    Args:
        fig: Gösterilecek ``matplotlib.figure.Figure``.
    """
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise ValueError(
            f"show: fig bir matplotlib Figure olmalı; {type(fig).__name__} verildi."
        )
    from IPython.display import Image, display

    from ._sliders import _figure_png

    display(Image(data=_figure_png(fig, dpi=fig.dpi, quantize=False)))
