"""Dinamik evrişimin (dynamic convolution) fonksiyonel çekirdeği ve uygulamaları.

Her örnek ``b`` kendi çekirdeğiyle evriştirilir:

.. math:: y_b = \\Big(\\sum_k a_{bk} W_k\\Big) * x_b + \\sum_k a_{bk}\\, \\beta_k

``W`` çekirdek bankası ``(K, C_out, C_in / groups, kh, kw)``, ``β`` ek girdi (bias) bankası
``(K, C_out)``, ``a`` karışım ağırlıkları ``(B, K)``. Sonuç ``a``'da doğrusaldır; ``a`` herhangi bir
gerçel değer alabilir (softmaks, sigmoid ya da başka bir şey).

Uygulamalar (``impl``) aynı sonucu verir, maliyetleri farklıdır:

``"loop"``
    Okunur başvuru: her örnek için ayrı bir ``F.conv2d``. Örnekler ``x.split(1)`` ve
    ``unbind(0)`` ile ayrılır; ``x[i:i+1]`` gibi dilimleme geri yaymada her örnek için tam boy bir
    gradyan ayırıp sıfırlar ve maliyeti B'de karesel yapar.
``"grouped"``
    Örnek başına çekirdekleri ``(B·C_out, C_in/g, kh, kw)`` olarak üretir ve tek bir gruplu evrişim
    çalıştırır (``groups = B·g``). ``reshape`` kullanır, bu yüzden channels_last ve bitişik olmayan
    girdilerle de çalışır.
``"chunked"``
    ``"grouped"`` ile aynı hesap, ama minigrup parçalar hâlinde işlenir ve örnek başına çekirdekler
    geri yaymada yeniden üretilir (kendi ``autograd.Function``'ı). Bir parça, çekirdek yığını çıktı
    etkinleştirmesinin 4 katını ve ``CHUNK_BYTES``'ı aşmayacak kadar örnek içerir, ama en az bir
    örnektir: tek bir örneğin çekirdekleri bile sınırı aşıyorsa parça tek örnekliktir. İkinci türev
    de desteklenir (``gradgradcheck`` ile sınanır).
``"mix"``
    Bankayı ``K·C_out`` filtreli tek bir evrişim olarak çalıştırır, sonra ``Σ_k a_k y_k``
    (doğrusallık sayesinde kesin). K kat FLOP, ama örnek başına çekirdek yok: dinamik minigrup
    boyutuyla dışa aktarılabilen ve derlenebilen (``torch.compile``) yol.
``"bmm"``
    1×1 çekirdekler için toplu matris çarpımı (uzun adım 1, dolgu 0, groups 1). Başka bir yerde
    istenirse ``ValueError``.
``"auto"``
    Şekillerden her çağrıda birini seçer; kural :func:`resolve_impl` içinde, ölçümleriyle birlikte
    belgelenmiştir.

Herkese açık adlar: :func:`dynamic_conv2d`, :func:`resolve_impl`, :func:`per_sample_kernel_bytes`,
:func:`output_activation_bytes`, :func:`conv_output_size`, :data:`IMPLS`,
:data:`MAX_KERNEL_MEMORY_RATIO`.
"""

from __future__ import annotations

import warnings
from typing import List, Optional, Tuple

import torch
import torch.nn.functional as F

from ._validation import (
    IntOrPair,
    check_choice,
    check_input,
    check_nonnegative_pair,
    check_positive_int,
    check_positive_pair,
    is_tracing,
)

__all__ = [
    "IMPLS",
    "CHUNK_BYTES",
    "MAX_KERNEL_MEMORY_RATIO",
    "SMALL_MAP_MACS",
    "SMALL_MAP_PIXELS",
    "conv_output_size",
    "dynamic_conv2d",
    "output_activation_bytes",
    "per_sample_kernel_bytes",
    "resolve_impl",
]

#: Geçerli ``impl`` adları (bkz. :func:`resolve_impl`).
IMPLS: Tuple[str, ...] = ("loop", "grouped", "chunked", "mix", "bmm", "auto")
#: "auto", örnek başına çekirdeklerin toplam boyutu çıktı etkinleştirmesinin bu katını aşarsa
#: onları tek seferde üretmez (B=256, 512→512, 3×3, float32: 2,25 GiB olurdu).
MAX_KERNEL_MEMORY_RATIO: int = 4
#: ``"chunked"`` bir parçanın örnek başına çekirdeklerini bu bayt sınırında tutar (8 MiB): parça
#: işlemci önbelleğinde kalır ve her çağrıda büyük bellek ayırmanın sayfa hatası (page fault) bedeli
#: ödenmez (bkz. :func:`resolve_impl`).
CHUNK_BYTES: int = 8 << 20
#: Küçük harita sınırları. Örnek başına çekirdekler çıktının :data:`MAX_KERNEL_MEMORY_RATIO` katını
#: aşıyorsa, ``(K − 1)·H'·W' ≤ SMALL_MAP_PIXELS`` ve ``(K − 1)·H'·W'·(C_in/g)·kh·kw ≤ SMALL_MAP_MACS``
#: ise ``"auto"`` ``"mix"``'i seçer. İkisi de ``"mix"``'in fazladan işidir (K − 1 evrişim): birincisi
#: çıktı pikseli, ikincisi örnek ve çıktı kanalı başına çarp-topla sayısı (bkz. :func:`resolve_impl`).
SMALL_MAP_PIXELS: int = 192
#: Küçük harita kuralının ikinci sınırı. ``"mix"``'in örnek ve çıktı kanalı başına fazladan
#: çarp-topla sayısı ``(K − 1)·H'·W'·(C_in/g)·kh·kw`` (bkz. :data:`SMALL_MAP_PIXELS`).
SMALL_MAP_MACS: int = 1 << 17

Pair = Tuple[int, int]


# ----------------------------------------------------------------------------------------------
# Boyut ve bellek yardımcıları
# ----------------------------------------------------------------------------------------------
def conv_output_size(size: IntOrPair, kernel_size: IntOrPair, stride: IntOrPair = 1,
                     padding: IntOrPair = 0, dilation: IntOrPair = 1) -> Pair:
    """Evrişim çıktısının ``(H', W')`` boyutu.

    Args:
        size: Girdinin ``(H, W)`` boyutu (ya da kare için tek sayı).
        kernel_size, stride, padding, dilation: Evrişim ayarları (``F.conv2d`` ile aynı anlam).

    Example:
        >>> conv_output_size(32, 3, stride=2, padding=1)
        (16, 16)
    """
    s = check_nonnegative_pair("size", size)
    k = check_positive_pair("kernel_size", kernel_size)
    st = check_positive_pair("stride", stride)
    p = check_nonnegative_pair("padding", padding)
    d = check_positive_pair("dilation", dilation)
    return tuple((s[i] + 2 * p[i] - d[i] * (k[i] - 1) - 1) // st[i] + 1 for i in range(2))  # type: ignore[return-value]


def per_sample_kernel_bytes(batch_size: int, weight: torch.Tensor) -> int:
    """``batch_size`` örnek için örnek başına çekirdeklerin ``(B, C_out, C_in/g, kh, kw)`` bayt boyutu.

    ``"grouped"``, ``"bmm"`` ve ``"loop"`` bu kadar belleği bir anda ayırır. ``"auto"`` ``"grouped"``'ı
    yalnızca bu boyut çıktının :data:`MAX_KERNEL_MEMORY_RATIO` katını ve ``CHUNK_BYTES``'ı aşmıyorsa
    seçer; aşıyorsa çekirdekleri ya hiç üretmeyen ``"mix"``'i ya da parça parça üreten ``"chunked"``'ı
    seçer (tek bir örneğin çekirdekleri sınırdan büyükse ``"chunked"``'ın parçası yine de bir örnektir).

    Args:
        batch_size: Minigrup boyutu B.
        weight: Çekirdek bankası ``(K, C_out, C_in/g, kh, kw)`` (yalnızca şekli ve dtype'ı kullanılır).

    Example:
        >>> bank = torch.empty(4, 512, 512, 3, 3)
        >>> per_sample_kernel_bytes(256, bank) / 2**30  # GiB
        2.25
    """
    return int(batch_size) * weight[0].numel() * weight.element_size()


def output_activation_bytes(x: torch.Tensor, weight: torch.Tensor, stride: IntOrPair = 1,
                            padding: IntOrPair = 0, dilation: IntOrPair = 1) -> int:
    """Dinamik evrişim çıktısının ``(B, C_out, H', W')`` bayt boyutu.

    Args:
        x: Girdi ``(B, C_in, H, W)`` (yalnızca şekli kullanılır).
        weight: Çekirdek bankası ``(K, C_out, C_in/g, kh, kw)``.
        stride, padding, dilation: Evrişim ayarları.

    Example:
        >>> output_activation_bytes(torch.empty(64, 128, 8, 8), torch.empty(4, 256, 128, 3, 3), padding=1)
        4194304
    """
    ho, wo = conv_output_size(tuple(x.shape[-2:]), tuple(weight.shape[-2:]), stride, padding, dilation)
    return x.shape[0] * weight.shape[1] * ho * wo * weight.element_size()


def _kernel_fits(x: torch.Tensor, weight: torch.Tensor, out_hw: Pair) -> bool:
    """Örnek başına çekirdekler çıktının ``MAX_KERNEL_MEMORY_RATIO`` katına sığıyor mu?

    ``B·C_out·(C_in/g)·kh·kw ≤ 4·B·C_out·H'·W'`` eşitsizliğinde B ve C_out sadeleşir:
    ``(C_in/g)·kh·kw ≤ 4·H'·W'``. Kural minigrup boyutundan bağımsızdır.
    """
    per_filter = weight.shape[2] * weight.shape[3] * weight.shape[4]
    return per_filter <= MAX_KERNEL_MEMORY_RATIO * out_hw[0] * out_hw[1]


def _chunk_size(x: torch.Tensor, weight: torch.Tensor, out_hw: Pair) -> int:
    """Parçalı yolda bir parçadaki örnek sayısı.

    Bir parçanın çekirdekleri hem :data:`CHUNK_BYTES`'ı hem de bütün çıktının
    :data:`MAX_KERNEL_MEMORY_RATIO` katını aşmasın; en az 1 örnek.
    """
    batch = x.shape[0]
    per_sample = weight[0].numel() * weight.element_size()
    output = batch * weight.shape[1] * out_hw[0] * out_hw[1] * weight.element_size()
    budget = min(CHUNK_BYTES, MAX_KERNEL_MEMORY_RATIO * output)
    return max(1, min(batch, budget // per_sample))


def _is_pointwise(weight: torch.Tensor, stride: Pair, padding: Pair, groups: int) -> bool:
    return weight.shape[-2:] == (1, 1) and stride == (1, 1) and padding == (0, 0) and groups == 1


# ----------------------------------------------------------------------------------------------
# "auto" kuralı
# ----------------------------------------------------------------------------------------------
def resolve_impl(x: torch.Tensor, weight: torch.Tensor, stride: IntOrPair = 1, padding: IntOrPair = 0,
                 dilation: IntOrPair = 1, groups: int = 1) -> str:
    """``impl="auto"`` bu şekiller için hangi uygulamayı seçer?

    Kural, ``python -m dynlayers.bench`` ile bu projenin 2 çekirdekli CPU'sunda (torch 2.13, float32,
    2 iş parçacığı) yapılan ölçümlerden çıkarıldı. Sayılar, ileri + geri yayma süresinin aynı şekilli
    statik ``nn.Conv2d``'ye oranıdır (aksi söylenmedikçe K = 4; turlar üzerinden eşleştirilmiş ortanca,
    ölçüm sırası her turda kaydırılarak). Kural 3'ün ölçümleri başka işlerle paylaşılan bir makinede
    yapıldı (yük ortalaması 2–6): oranlar ±%30 oynayabilir, aynı uygulamanın iki ölçümü arasında bile;
    kural yalnızca bundan büyük farklara ya da tekrarlanan ölçümlere dayanır.

    1. 1×1 çekirdek, uzun adım 1, dolgu 0, groups 1 ve çekirdekler bellek sınırına sığıyorsa
       ``"bmm"``: toplu matris çarpımı statik NCHW evrişimden bile hızlı (B32 128→128 28²: ≈0.85×;
       ``"grouped"`` ≈1.5×).
    2. K = 1 ise ``"mix"``: tek uzmanlı karışım, ölçeklenmiş tek bir statik evrişimdir (≈1.1–1.3×).
    3. **Küçük haritalar**: örnek başına çekirdekler çıktının 4 katını aşıyor,
       ``(K − 1)·H'·W' ≤`` :data:`SMALL_MAP_PIXELS` (192) ve
       ``(K − 1)·H'·W'·(C_in/g)·kh·kw ≤`` :data:`SMALL_MAP_MACS` (2¹⁷) ise ``"mix"``. İkisi de ``"mix"``'in
       fazladan işidir (K − 1 evrişim). Küçük bir haritada çekirdekleri üretmek, türevlerini almak ve
       gruplu evrişimi çalıştırmak bundan pahalıdır; ``"chunked"`` orada felakete varır. Ölçümler
       (``--grid small``, ağların aşamaları, K = 4; ``"mix"`` / ``"grouped"`` / ``"chunked"``):
       B64 64→128 4² s2 (çıktı 2²) 3,5 / 8,2 / 16,8; B64 128→256 4² s2 4,2 / 20 / 18; B128 128→256 8² s2
       (çıktı 4²) 2,6 / 7,0 / 17,5; B64 32→64 16² s2 (çıktı 8², 3·64·288 ≈ 55 bin) 1,5 / 1,8 / 3,0;
       B128 64→128 16² s2 (3·64·576 ≈ 110 bin) 2,4 / 2,5 / 3,4. İkinci sınırın nedeni konudaki
       B64 128→256 8²'dir (3·64·1152 ≈ 221 bin): üç ölçümün ikisinde ``"chunked"`` önde (CPU saatiyle
       3,2'ye karşı ``"mix"`` 4,1; önceki ölçüm 2,9'a karşı 3,6), bu yüzden orada ``"chunked"`` kalır.
       Birinci sınır K'ya bağlıdır: K = 8'de B64 32→64 16² s2 (7·64 = 448) ``"mix"`` 4,9, ``"chunked"``
       2,9; 4² çıktıda (7·16 = 112) ``"mix"`` önde (B64 128→256 4² s2: 6,6 / 8,0 / 63). K = 16'da 4²
       çıktı (15·16 = 240) sınırın dışında kalır (B64 64→128 8² s2: ``"mix"`` 7,0, ``"chunked"`` 6,3).
       Ağ düzeyinde (``python -m dynlayers.bench --network --clock cpu``; eğitim adımı) bu kural
       ``"auto"``'yu üç ağda da en iyi tek uygulamanın 1,10 katı içine getirdi. CPU ms, statik / loop /
       grouped / chunked / mix / auto: B64 1×16² (16, 32, 64, 128) 15,6 / 480 / 53,1 / 75,3 / 30,8 /
       31,3 (auto ÷ en iyi 1,02); B64 1×16² (32, 64, 128, 256) 33,0 / 302 / 397 / 234 / 96,1 / 90,6
       (0,94); B128 3×32² (32, 64, 128, 256) 234 / 969 / 1040 / 542 / 716 / 532 (0,98). Konuyu
       açan ölçümde eski kural 16×16 rakam ağlarında ``"mix"``'ten 2,3–2,8 kat yavaştı (50'ye karşı
       18 ms, 154'e karşı 67 ms). Kitabın 16×16 rakam ağlarında aşamaların hepsi ya da çoğu bu kurala
       girer.
    4. Bütün minigrubun örnek başına çekirdekleri hem çıktının 4 katına hem :data:`CHUNK_BYTES`'a
       (8 MiB) sığıyorsa ``"grouped"``: tek gruplu evrişim (B2 16→32 32² ≈1.7×, B32 32→64 32² s2
       ≈1.7×, B1 64→64 56² ≈1.2×). Burada ``"chunked"`` aynı hesabı yapar ama kendi geri yayma
       fonksiyonunun ek yükünü taşır (≈1.8–1.9×).
    5. Çekirdekler çıktının 4 katını aşıyor ve K = 2 ise ``"mix"``: yalnızca iki kat işlem, hiç
       çekirdek yok (B64 128→256 8², K = 2: ``"mix"`` ≈2.1×, ``"chunked"`` ≈3.0×).
    6. Diğer her durumda ``"chunked"``: çekirdekler 8 MiB'lık parçalar hâlinde üretilir (önceki
       ölçümler: B64 64→128 16² ≈1.5×, ``"grouped"`` ≈1.4–2.1×; K = 8'de B64 128→256 8² ``"chunked"``
       7,1, ``"mix"`` 6,9, ``"grouped"`` 4,3).

    ``"grouped"`` büyük çekirdek yığınlarında neden yavaş olabilir? B64 128→256 8²'de yığın 72 MiB'tır.
    glibc bu boydaki blokları her çağrıda işletim sisteminden yeni sayfalarla alır ve her sayfa bir
    sayfa hatası (page fault) öder: ileri yaymada çekirdekler için, geri yaymada onların gradyanı için.
    Yavaşlık aritmetiğin değil, bellek ayırıcının: ``GLIBC_TUNABLES=glibc.malloc.mmap_threshold=…:
    glibc.malloc.trim_threshold=…`` ile eşikler yükseltilip sayfa hataları kaldırıldığında 8²'de
    ``"grouped"`` ≈2.7×, ``"chunked"`` ≈3.4× ölçüldü. Paket sürecin bellek ayırıcı ayarlarını
    değiştirmez. Ayırıcıyı kendisi ayarlayan (ya da jemalloc/tcmalloc kullanan) biri
    ``impl="grouped"``'ı ölçüp seçebilir.

    İzleme ve dışa aktarma (``torch.jit.trace``, ``torch.export``, ONNX) sırasında minigrup boyutu
    Python sayısı olarak okunamaz: ``"auto"`` o zaman 1×1'de kural 1'e göre ``"bmm"``, diğer her
    yerde ``"mix"`` seçer (bkz. :func:`dynamic_conv2d`).

    GPU'da ölçülmedi (bu projede GPU yoktu); kural orada da aynıdır. CUDA kuralı için tek komut:
    ``python -m dynlayers.bench --device cuda --experts 1 2 4 8 16 --repeats 5 && python -m
    dynlayers.bench --grid small --device cuda --experts 4 8 16 && python -m dynlayers.bench --network
    --device cuda --repeats 5``.

    Args:
        x: Girdi ``(B, C, H, W)`` (yalnızca şekli kullanılır; ``device="meta"`` olabilir).
        weight: Çekirdek bankası ``(K, C_out, C_in/g, kh, kw)``.
        stride, padding, dilation, groups: Evrişim ayarları.

    Returns:
        ``"bmm"``, ``"mix"``, ``"grouped"`` ya da ``"chunked"``.

    Raises:
        ValueError: ``stride``, ``padding`` ya da ``groups`` geçersizse.

    Example:
        >>> resolve_impl(torch.empty(32, 128, 28, 28), torch.empty(4, 128, 128, 1, 1))
        'bmm'
    """
    st = check_positive_pair("stride", stride)
    p = check_nonnegative_pair("padding", padding)
    out_hw = conv_output_size(tuple(x.shape[-2:]), tuple(weight.shape[-2:]), st, p, dilation)
    return _choose_impl(x, weight, st, p, check_positive_int("groups", groups), out_hw)


def _choose_impl(x: torch.Tensor, weight: torch.Tensor, st: Pair, p: Pair, groups: int, out_hw: Pair) -> str:
    """:func:`resolve_impl`'in kuralı; argümanlar denetlenmiş ve çiftlere çevrilmiş olarak gelir."""
    fits = _kernel_fits(x, weight, out_hw)
    num_experts = weight.shape[0]
    if fits and _is_pointwise(weight, st, p, groups):
        return "bmm"
    if num_experts == 1:
        return "mix"
    extra_pixels = (num_experts - 1) * out_hw[0] * out_hw[1]  # "mix"'in fazladan işi
    per_filter = weight.shape[2] * weight.shape[3] * weight.shape[4]
    if not fits and extra_pixels <= SMALL_MAP_PIXELS and extra_pixels * per_filter <= SMALL_MAP_MACS:
        return "mix"
    if fits and per_sample_kernel_bytes(x.shape[0], weight) <= CHUNK_BYTES:
        return "grouped"
    if not fits and num_experts == 2:
        return "mix"
    return "chunked"


# ----------------------------------------------------------------------------------------------
# Uygulamalar (argümanlar denetlenmiş ve çiftlere çevrilmiş olarak gelir)
# ----------------------------------------------------------------------------------------------
def _mix_weights(a: torch.Tensor, bank: torch.Tensor) -> torch.Tensor:
    """``Σ_k a[b,k] bank[k]``: ``(B, K) × (K, ...) → (B, ...)`` tek bir matris çarpımıyla."""
    return (a.to(bank.dtype) @ bank.reshape(bank.shape[0], -1)).reshape(a.shape[0], *bank.shape[1:])


def _conv_loop(x, a, weight, bias, stride, padding, dilation, groups):
    kernels = _mix_weights(a, weight).unbind(0)
    biases = _mix_weights(a, bias).unbind(0) if bias is not None else [None] * len(kernels)
    outs = [
        F.conv2d(xb, wb, bb, stride, padding, dilation, groups)
        for xb, wb, bb in zip(x.split(1), kernels, biases)
    ]
    return torch.cat(outs, dim=0)


def _conv_grouped(x, a, weight, bias, stride, padding, dilation, groups):
    b, c, h, w = x.shape
    kernels = _mix_weights(a, weight).reshape(-1, *weight.shape[2:])  # (B·C_out, C_in/g, kh, kw)
    biases = _mix_weights(a, bias).reshape(-1) if bias is not None else None
    y = F.conv2d(x.reshape(1, b * c, h, w), kernels, biases, stride, padding, dilation, b * groups)
    return y.reshape(b, weight.shape[1], y.shape[-2], y.shape[-1])


def _conv_mix(x, a, weight, bias, stride, padding, dilation, groups):
    k, c_out = weight.shape[:2]
    # Filtreleri grup-önce sırala: gruplu evrişimde çıktı kanalları gruplara bitişik bloklar hâlinde düşer.
    filters = weight.reshape(k, groups, c_out // groups, *weight.shape[2:]).transpose(0, 1)
    y = F.conv2d(x, filters.reshape(k * c_out, *weight.shape[2:]), None, stride, padding, dilation, groups)
    ho, wo = y.shape[-2:]
    y = y.reshape(-1, groups, k, (c_out // groups) * ho * wo)  # (B, g, K, M)
    out = torch.matmul(a.to(y.dtype)[:, None, None, :], y).reshape(-1, c_out, ho, wo)
    if bias is not None:
        out = out + _mix_weights(a, bias).to(out.dtype)[:, :, None, None]
    return out


def _conv_bmm(x, a, weight, bias, stride, padding, dilation, groups):
    b, c, h, w = x.shape
    kernels = _mix_weights(a, weight).reshape(b, weight.shape[1], c)  # (B, C_out, C_in)
    cols = x.reshape(b, c, h * w)
    if bias is None:
        y = torch.bmm(kernels, cols.to(kernels.dtype))
    else:
        y = torch.baddbmm(_mix_weights(a, bias).unsqueeze(-1), kernels, cols.to(kernels.dtype))
    return y.reshape(b, weight.shape[1], h, w)


def _grouped_conv(x: torch.Tensor, kernels: torch.Tensor, biases: Optional[torch.Tensor], stride, padding,
                  dilation, groups: int) -> torch.Tensor:
    """Örnek başına hazır çekirdeklerle ``(B·C_out, C_in/g, kh, kw)`` tek bir gruplu evrişim."""
    b, c, h, w = x.shape
    y = F.conv2d(x.reshape(1, b * c, h, w), kernels, biases, stride, padding, dilation, b * groups)
    return y.reshape(b, -1, y.shape[-2], y.shape[-1])


class _ChunkedDynamicConv(torch.autograd.Function):
    """Parçalı gruplu evrişim. Minigrup ``parts`` parçaya bölünür; her parçanın örnek başına
    çekirdekleri üretilir, hemen kullanılır ve atılır. Geri yaymada çekirdekler yeniden üretilir
    (tek parça varsa ileri yaymadakiler saklanır). Bir parçanın çekirdekleri işlemci önbelleğinde
    kalabildiği için bu yol, bütün çekirdekleri bir kerede üreten ``"grouped"``'dan çoğu şekilde
    hızlıdır (bkz. :func:`resolve_impl`).

    Geri yayma türevlenebilir işlemlerle yazılmıştır: ``create_graph=True`` ile ikinci türev de alınır.
    """

    @staticmethod
    def forward(ctx, x, a, weight, bias, conf):  # type: ignore[override]
        stride, padding, dilation, groups, parts = conf
        outs, kernels = [], None
        for xc, ac in zip(x.tensor_split(parts), a.tensor_split(parts)):
            kernels = _mix_weights(ac, weight).reshape(-1, *weight.shape[2:])
            biases = _mix_weights(ac, bias).reshape(-1) if bias is not None else None
            outs.append(_grouped_conv(xc, kernels, biases, stride, padding, dilation, groups))
        single = len(outs) == 1
        ctx.save_for_backward(x, a, weight, bias, kernels if single else None)
        ctx.conf = conf
        return outs[0] if single else torch.cat(outs, dim=0)

    @staticmethod
    def backward(ctx, grad_out):  # type: ignore[override]
        x, a, weight, bias, saved_kernels = ctx.saved_tensors
        stride, padding, dilation, groups, parts = ctx.conf
        need_x, need_a, need_w, need_b = ctx.needs_input_grad[:4]
        need_k = need_a or need_w
        # İkinci türev isteniyorsa (create_graph) çekirdekler a ve weight'ten yeniden üretilmeli.
        reuse = saved_kernels is not None and not torch.is_grad_enabled()
        bank = weight.reshape(weight.shape[0], -1)
        grad_x, grad_a = [], []
        grad_w = grad_b = None
        for xc, ac, gc in zip(x.tensor_split(parts), a.tensor_split(parts), grad_out.tensor_split(parts)):
            b, c, h, w = xc.shape
            kernels = saved_kernels if reuse else _mix_weights(ac, weight).reshape(-1, *weight.shape[2:])
            gx, gk, _ = torch.ops.aten.convolution_backward(
                gc.reshape(1, -1, gc.shape[-2], gc.shape[-1]), xc.reshape(1, b * c, h, w), kernels, None,
                list(stride), list(padding), list(dilation), False, [0, 0], b * groups, [need_x, need_k, False],
            )
            if need_x:
                grad_x.append(gx.reshape(xc.shape))
            if need_k:
                gk = gk.reshape(b, -1)  # ∂L/∂(örnek başına çekirdek), (b, C_out·C_in/g·kh·kw)
                ga = gk @ bank.t()  # ∂L/∂a[b,k] = <∂L/∂W_b, W_k>
                if need_w:  # ∂L/∂W_k = Σ_b a[b,k] ∂L/∂W_b
                    grad_w = ac.t() @ gk if grad_w is None else grad_w.addmm_(ac.t(), gk)
            if bias is not None and (need_a or need_b):
                gb = gc.sum(dim=(2, 3))  # (b, C_out)
                if need_a:
                    ga = ga + gb @ bias.t()
                if need_b:
                    grad_b = ac.t() @ gb if grad_b is None else grad_b.addmm_(ac.t(), gb)
            if need_a:
                grad_a.append(ga)
        cat = lambda pieces: pieces[0] if len(pieces) == 1 else torch.cat(pieces, dim=0)  # noqa: E731
        return (
            cat(grad_x) if need_x else None,
            cat(grad_a) if need_a else None,
            grad_w.reshape(weight.shape) if need_w else None,
            grad_b,
            None,
        )


def _autocast_dtype(device_type: str) -> Optional[torch.dtype]:
    """Bu aygıtta autocast açıksa onun dtype'ı, değilse ``None`` (torch < 2.4 ile de çalışır)."""
    try:
        return torch.get_autocast_dtype(device_type) if torch.is_autocast_enabled(device_type) else None
    except (AttributeError, TypeError):  # torch < 2.4: aygıta özel eski işlevler
        if device_type == "cpu":
            return torch.get_autocast_cpu_dtype() if torch.is_autocast_cpu_enabled() else None
        return torch.get_autocast_gpu_dtype() if torch.is_autocast_enabled() else None


def _conv_chunked(x, a, weight, bias, stride, padding, dilation, groups, chunk: Optional[int] = None):
    if chunk is None:
        out_hw = conv_output_size(tuple(x.shape[-2:]), tuple(weight.shape[-2:]), stride, padding, dilation)
        chunk = _chunk_size(x, weight, out_hw)
    # En çok ``chunk`` örneklik, boyları en fazla 1 farklı parçalar (64 = 9·7 + 1 değil 4·7 + 6·6).
    parts = -(-x.shape[0] // chunk)
    device_type = x.device.type
    dtype = _autocast_dtype(device_type)
    if dtype is not None:
        # autograd.Function autocast'i kendiliğinden uygulamaz: girdileri evrişimin dtype'ına çevir.
        x, weight = x.to(dtype), weight.to(dtype)
        bias = bias.to(dtype) if bias is not None else None
        with torch.autocast(device_type, enabled=False):
            return _ChunkedDynamicConv.apply(x, a.to(dtype), weight, bias, (stride, padding, dilation, groups, parts))
    return _ChunkedDynamicConv.apply(x, a.to(weight.dtype), weight, bias, (stride, padding, dilation, groups, parts))


_IMPL_FUNCS = {
    "loop": _conv_loop,
    "grouped": _conv_grouped,
    "chunked": _conv_chunked,
    "mix": _conv_mix,
    "bmm": _conv_bmm,
}


# ----------------------------------------------------------------------------------------------
# Denetim ve giriş noktası
# ----------------------------------------------------------------------------------------------
def _check_call(x, weight, routing_weights, bias, stride, padding, dilation, groups, impl):
    if is_tracing():
        # jit.trace / torch.export: şekiller izlenen değerlerdir; yalnızca argümanlar denetlenir ve
        # minigrup boyutunu Python sayısı olarak okuyan yollar yerine "mix" (ya da "bmm") çalışır.
        stride = check_positive_pair("stride", stride)
        padding = check_nonnegative_pair("padding", padding)
        dilation = check_positive_pair("dilation", dilation)
        groups = check_positive_int("groups", groups)
        impl = check_choice("impl", impl, IMPLS)
        with warnings.catch_warnings():
            # Çekirdek ve harita boyutu izlenen grafikte zaten sabittir (yalnızca minigrup değişir);
            # seçim hangisi olursa olsun sonuç aynıdır ("mix" ve "bmm" kesin).
            warnings.simplefilter("ignore", torch.jit.TracerWarning)
            pointwise = _is_pointwise(weight, stride, padding, groups)
            fits = pointwise and _kernel_fits(x, weight, (x.shape[-2], x.shape[-1]))
        if impl == "bmm" and not pointwise:
            raise ValueError(
                "impl='bmm' yalnızca 1×1 çekirdek, stride=1, padding=0 ve groups=1 için geçerlidir; "
                f"verilen: stride={stride}, padding={padding}, groups={groups}."
            )
        if impl != "bmm":
            impl = "bmm" if impl == "auto" and fits else "mix"
        return stride, padding, dilation, groups, impl
    check_input(x, "x")
    if not isinstance(weight, torch.Tensor) or weight.dim() != 5:
        shape = tuple(weight.shape) if isinstance(weight, torch.Tensor) else type(weight).__name__
        raise ValueError(f"weight (K, C_out, C_in/groups, kh, kw) şeklinde 5 boyutlu olmalı; verilen: {shape}.")
    groups = check_positive_int("groups", groups)
    k, c_out, c_in_g = weight.shape[:3]
    if x.shape[1] != c_in_g * groups:
        raise ValueError(
            f"x'in kanal sayısı weight.shape[2]·groups = {c_in_g}·{groups} = {c_in_g * groups} olmalı; "
            f"verilen x şekli: {tuple(x.shape)}."
        )
    if c_out % groups != 0:
        raise ValueError(f"C_out ({c_out}) groups ({groups}) ile tam bölünmeli.")
    if not isinstance(routing_weights, torch.Tensor) or tuple(routing_weights.shape) != (x.shape[0], k):
        shape = tuple(routing_weights.shape) if isinstance(routing_weights, torch.Tensor) else type(routing_weights).__name__
        raise ValueError(f"routing_weights (B, K) = ({x.shape[0]}, {k}) şeklinde olmalı; verilen: {shape}.")
    if bias is not None and (not isinstance(bias, torch.Tensor) or tuple(bias.shape) != (k, c_out)):
        shape = tuple(bias.shape) if isinstance(bias, torch.Tensor) else type(bias).__name__
        raise ValueError(f"bias None ya da (K, C_out) = ({k}, {c_out}) şeklinde olmalı; verilen: {shape}.")
    stride = check_positive_pair("stride", stride)
    padding = check_nonnegative_pair("padding", padding)
    dilation = check_positive_pair("dilation", dilation)
    impl = check_choice("impl", impl, IMPLS)
    out_hw = conv_output_size(tuple(x.shape[-2:]), tuple(weight.shape[-2:]), stride, padding, dilation)
    if min(out_hw) < 1:
        raise ValueError(
            f"girdi (H, W) = {tuple(x.shape[-2:])} bu çekirdek, dolgu ve genişleme için çok küçük; çıktı boyutu "
            f"{out_hw} olurdu."
        )
    if impl == "auto":
        impl = _choose_impl(x, weight, stride, padding, groups, out_hw)
    elif impl == "bmm" and not _is_pointwise(weight, stride, padding, groups):
        raise ValueError(
            "impl='bmm' yalnızca 1×1 çekirdek, stride=1, padding=0 ve groups=1 için geçerlidir; verilen: "
            f"çekirdek {tuple(weight.shape[-2:])}, stride={stride}, padding={padding}, groups={groups}. "
            "Bu şekiller için 'grouped', 'mix' ya da 'auto' kullanın."
        )
    return stride, padding, dilation, groups, impl


def dynamic_conv2d(
    x: torch.Tensor,
    weight: torch.Tensor,
    routing_weights: torch.Tensor,
    bias: Optional[torch.Tensor] = None,
    stride: IntOrPair = 1,
    padding: IntOrPair = 0,
    dilation: IntOrPair = 1,
    groups: int = 1,
    impl: str = "auto",
) -> torch.Tensor:
    """Örnek başına karıştırılmış çekirdekle evrişim (dinamik evrişimin fonksiyonel çekirdeği).

    Args:
        x: Girdi.
        weight: Çekirdek bankası.
        routing_weights: Karışım ağırlıkları; herhangi bir gerçel değer (sonuç bunlarda doğrusaldır).
        bias: Ek girdi bankası ya da ``None``.
        stride: Uzun adım (int ya da ``(sh, sw)``).
        padding: Dolgu (int ya da ``(ph, pw)``).
        dilation: Genişleme oranı (int ya da ``(dh, dw)``).
        groups: Grup sayısı (``groups = C_in`` derinlemesine evrişimdir).
        impl: ``"loop"``, ``"grouped"``, ``"chunked"``, ``"mix"``, ``"bmm"`` ya da ``"auto"``
            (bkz. modül belgesi ve :func:`resolve_impl`).

    İzleme ve dışa aktarma: ``torch.jit.trace`` ve ``torch.export`` (``torch.onnx.export`` dahil)
    sırasında şekil denetimleri atlanır ve minigrup boyutunu Python sayısı olarak okuyan yollar
    (``"loop"``, ``"grouped"``, ``"chunked"``, ``"auto"``'nun seçimi) yerine aynı sonucu veren ``"mix"``
    (``"bmm"`` istendiyse ya da ``"auto"`` 1×1'de ``"bmm"`` seçtiyse ``"bmm"``) kaydedilir; böylece
    izlenen grafik her minigrup boyutunda doğru çalışır.

    Raises:
        ValueError: ``x``, ``weight``, ``routing_weights`` ya da ``bias``'ın şekli tutmuyorsa, argümanlar
            geçersizse, girdi çekirdek için çok küçükse ya da ``impl="bmm"`` 1×1 olmayan bir şekilde
            istendiyse (ileti parametrenin adını, değeri ve izin verileni söyler).

    Shape:
        - x: ``(B, C_in, H, W)``
        - weight: ``(K, C_out, C_in / groups, kh, kw)``
        - routing_weights: ``(B, K)``
        - bias: ``(K, C_out)``
        - Çıktı: ``(B, C_out, H', W')``; H', W' ``F.conv2d`` ile aynı.

    Example:
        >>> x, bank = torch.randn(2, 8, 16, 16), torch.randn(4, 16, 8, 3, 3)
        >>> a = torch.softmax(torch.randn(2, 4), dim=1)
        >>> dynamic_conv2d(x, bank, a, padding=1).shape
        torch.Size([2, 16, 16, 16])
    """
    stride, padding, dilation, groups, impl = _check_call(
        x, weight, routing_weights, bias, stride, padding, dilation, groups, impl
    )
    return _IMPL_FUNCS[impl](x, routing_weights, weight, bias, stride, padding, dilation, groups)

