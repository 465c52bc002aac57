"""Kitap yardımcıları: ortak matplotlib biçemi, her yerde çalışan kaydırıcılar, kaynak kod gösterimi.

Bu alt paket isteğe bağlıdır: ``dynlayers/__init__.py`` onu içe aktarmaz ve çekirdek paket yalnızca
torch'a bağlıdır. matplotlib, ipywidgets ve IPython ``book`` ekinin parçasıdır ve yalnızca ilgili
fonksiyon çağrıldığında içe aktarılır (Colab'da hepsi zaten kurulu).

Bölümlerin kullandığı API
-------------------------
``use_book_style()``
    Kitabın ortak matplotlib biçemini uygular: beyaz şekil ve eksen arka planı (koyu temada da
    okunur), Türkçe harfleri içeren DejaVu Sans yazı tipi, dizüstü ekranda okunan boyutlar.

``slider_plot(draw, params, *, labels=None, initial=None, figsize=(7, 4), caption=None, alt=None)``
    Bir ya da iki parametreli kaydırıcılı grafik. ``params`` ``ad -> değer dizisi`` sözlüğüdür
    (ör. ``{"T": [0.1, 0.5, 1, 2, 5], "K": [2, 4, 8]}``); ``draw(fig, **değerler)`` verilen
    (temizlenmiş) matplotlib ``Figure`` nesnesine çizer; ``labels`` adları Türkçe etiketlere eşler.
    Canlı çekirdekte (Jupyter, Colab) ipywidgets kaydırıcıları gösterir; kitabın HTML'inde aynı
    hücre, derleme sırasında önceden hesaplanmış karelerle çalışan HTML kaydırıcılar üretir
    (çekirdek yok; davranışı sitenin ``book/_static/kaydirici.js`` dosyasındadır). Fonksiyon
    çıktıyı kendisi gösterir ve ``None`` döndürür. Sıcaklık kaydırıcıları için aşağıdaki
    ``routing_slider`` ve ``mask_slider`` kullanılır.

``routing_slider(logits, *, series=None, panels=None, initial=1.0, initial_k=None, ...)``
    Sıcaklıklı softmaks ağırlıklarının ``softmax(z / T)`` kaydırıcılı çubuk grafiği; ``logits``
    ``(K,)``, ``(S, K)``, ``(P, S, K)`` ya da ``{K: logitler}`` (o zaman bir K kaydırıcısı da olur).

``mask_slider(logits, *, gate="sigmoid", near=0.05, bins=40, ...)``
    Kapılı maskenin ``gate(z / T)`` kaydırıcısı: ``(H, W)`` logitlerde maske görüntüsü ve
    histogram, ``(N,)`` logitlerde histogram; üstte ortalama, std, en küçük, en büyük ve 0'a / 1'e
    yakın değerlerin payı.

    İki sıcaklık kaydırıcısında da sıcaklık logaritmik ölçekte sürekli değişir (varsayılan 0,01–100,
    201 konum). Kitabın HTML'ine yalnızca logitler gömülür; grafik ve sayılar okurun tarayıcısında
    (``book/_static/kaydirici.js``, Vega-Lite) Python'la aynı formüllerle hesaplanır, bu yüzden
    sayfanın ağırlığı konum sayısına bağlı değildir. Jupyter ve Colab'da ipywidgets kaydırıcısı aynı
    hesabı Python'da yapar: ``routing_values``, ``mask_values``, ``mask_stats``, ``temperature_grid``.
    Sıcaklık yalnızca zaten hesaplanmış logitleri ölçeklediği için bu kesindir; sıcaklığın başka bir
    şeyi de değiştirdiği bir deney (ör. ağın tamamını başka bir T'de çalıştırmak) ``slider_plot``
    ile önceden çizilmelidir.

``show_source(obj, *, start=None, end=None)``
    Paketteki bir fonksiyonun, sınıfın ya da yöntemin gerçek kaynağını Python vurgulamasıyla
    gösterir (``text/markdown`` çıktısı: Jupyter, Colab ve HTML'de aynı görünür). ``start``/``end``
    ya nesnenin kaynağındaki 1'den başlayan satır numaraları ya da o satırda geçen bir metindir
    (ikisi de dahil).

``show(fig)``
    Bir ``Figure`` nesnesini pyplot'a ya da ``savefig``'e gerek kalmadan hücre çıktısı olarak
    gösterir (PNG); ``plt.show()`` ile aynı sonucu verir.

``format_number(value, digits=None, *, percent=False, sign=False)``
    Kitabın tek sayı biçimleyicisi: Türkçe yazım (``0,9978``, ``98,6``, ``98.682``, ``%12,5``).
    Düzyazının, tabloların, yapıştırılan değerlerin ve grafik etiketlerinin gösterdiği her sayı
    bundan geçer. ``parse_number`` tersidir; ``number_formatter(digits)`` grafik eksenleri için
    aynı biçimi verir.

``glue_number(name, value, digits=None, *, percent=False)``
    Sayıyı ``myst_nb.glue`` ile yapıştırır: düzyazı ``{glue:text}`ad``` ile Türkçe biçimini
    alıntılar, defter kesin değeri de saklar (testler okur).

``show_table(rows, header, *, align=None, caption=None)``
    Bir sonuç tablosunu HTML tablo olarak gösterir (Jupyter, Colab ve kitabın HTML'inde aynı);
    sayılar Türkçe yazılır. Hücreden Markdown tablo metni basmanın yerine kullanılır.

``static_mode()``
    Kaydırıcıların o an statik (önceden hesaplanmış) kipte mi çalışacağını söyler.

Statik ve canlı kip nasıl seçilir
---------------------------------
``DYNLAYERS_SLIDERS`` ortam değişkeni:

* ``static``: sayfaya gömülen HTML kaydırıcı (kareler ya da logitler). Kitabın derlemesi (``book/_ext``
  içindeki Sphinx eklentisi, derlemeyi yapan süreçte bu değişkeni ayarlar; çekirdekler onu miras
  alır) ve nbmake testleri (``tests/conftest.py``) bu kipi kullanır.
* ``live``: ipywidgets kaydırıcıları.
* ayarlanmamış / ``auto``: bir IPython çekirdeği çalışıyor ve ipywidgets kuruluysa canlı, yoksa
  statik kip.

Statik kipte kare sayısı iki parametrenin değer sayılarının çarpımıdır; her kare düşük renkli
(palet) PNG olarak sayfaya gömülür, aynı kareler bir kez saklanır. Sayfa ağırlığını makul tutmak için
kare sayısı 200 ile sınırlıdır.
"""

from ._format import (
    GLUE_NUMBER_MIME,
    GluedNumber,
    format_number,
    glue_number,
    number_formatter,
    parse_number,
)
from ._sliders import MAX_FRAMES, SLIDERS_ENV, slider_plot, static_mode
from ._source import show_source
from ._temperature import (
    DEFAULT_STEPS,
    DEFAULT_TEMPERATURES,
    mask_slider,
    mask_stats,
    mask_values,
    routing_slider,
    routing_values,
    temperature_grid,
)
from ._style import BOOK_RC, show, use_book_style
from ._table import show_table, table_html

__all__ = [
    "BOOK_RC",
    "DEFAULT_STEPS",
    "DEFAULT_TEMPERATURES",
    "GLUE_NUMBER_MIME",
    "GluedNumber",
    "MAX_FRAMES",
    "SLIDERS_ENV",
    "format_number",
    "glue_number",
    "mask_slider",
    "mask_stats",
    "mask_values",
    "number_formatter",
    "parse_number",
    "routing_slider",
    "routing_values",
    "show",
    "show_source",
    "show_table",
    "slider_plot",
    "static_mode",
    "table_html",
    "temperature_grid",
    "use_book_style",
]
