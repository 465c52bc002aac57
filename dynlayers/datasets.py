"""Kitabın eğitim bölümlerinin kullandığı küçük, çevrimdışı veri yardımcıları.

Kaynak, scikit-learn ile birlikte gelen el yazısı rakamlardır (``sklearn.datasets.load_digits``:
1.797 gerçek, 8×8 piksellik gri tonlu görüntü, 10 sınıf); internetten hiçbir şey indirilmez.

* :func:`load_digits_tensors`: rakamlar olduğu gibi.
* :func:`load_domain_digits`: aynı rakamlar birkaç **görünümde** (alan, domain): normal, renkleri
  ters çevrilmiş, düşük kontrastlı, aynadaki görüntüsü. Girdiye koşullu katmanların uzmanlaşmasını
  görmek için tasarlanmış bir görev: alanlar farklı çekirdekler ister ve bazıları küresel
  istatistiklerden ayırt edilebilir, bazıları edilemez.
* :func:`load_cluttered_digits`: her rakam daha büyük, karışık (başka rakamların parçalarıyla dolu)
  bir tuvalin rastgele bir yerinde; rakamın kutusu da döner. Uzamsal dikkatin "nereye bakmalı"
  sorusunu gerçekten sorduğu bir görev.

scikit-learn paketin zorunlu bağımlılığı değildir (``book`` ekinin parçasıdır); bu yüzden yalnızca
fonksiyon çağrıldığında içe aktarılır.
"""

from __future__ import annotations

import numbers
from typing import NamedTuple, Sequence, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor

__all__ = [
    "DOMAINS",
    "DOMAIN_LABELS",
    "ClutteredDigits",
    "DigitsSplit",
    "DomainDigitsSplit",
    "apply_domain",
    "load_cluttered_digits",
    "load_digits_tensors",
    "load_domain_digits",
]

#: :func:`load_domain_digits`'in bildiği alanlar (görünümler).
DOMAINS: Tuple[str, ...] = ("normal", "inverted", "low_contrast", "mirrored")
#: Alanların kitapta kullanılan Türkçe adları (grafik etiketleri için).
DOMAIN_LABELS = {
    "normal": "normal",
    "inverted": "ters",
    "low_contrast": "düşük kontrast",
    "mirrored": "ayna",
}


class DigitsSplit(NamedTuple):
    """``load_digits_tensors`` çıktısı: dört tensörlük bir demet (tuple).

    Sıradan bir demet gibi açılabilir (``x_tr, y_tr, x_te, y_te = ...``) ya da alan
    adlarıyla okunabilir (``veri.x_train``).
    """

    x_train: Tensor
    y_train: Tensor
    x_test: Tensor
    y_test: Tensor


def _import_load_digits():
    try:
        from sklearn.datasets import load_digits
    except ImportError as exc:  # pragma: no cover - ortamına bağlı
        raise ImportError(
            "dynlayers.datasets için scikit-learn gerekiyor ama bulunamadı. "
            "Kurmak için: pip install scikit-learn  (ya da kitabın tüm ekleriyle: "
            "pip install 'dynlayers[book]')."
        ) from exc
    return load_digits


def _check_common(size, test_fraction, seed) -> None:
    if isinstance(size, bool) or not isinstance(size, numbers.Integral) or not 8 <= size <= 128:
        raise ValueError(
            f"size 8 ile 128 arasında bir tamsayı olmalı (görüntü kenarı, piksel); verilen: {size!r}."
        )
    _check_split(test_fraction, seed)


def _check_split(test_fraction, seed) -> None:
    """Bölme argümanları: ``0 < test_fraction < 1`` ve negatif olmayan tamsayı ``seed``."""
    if isinstance(test_fraction, bool) or not isinstance(test_fraction, numbers.Real) or not (
        0.0 < float(test_fraction) < 1.0
    ):
        raise ValueError(
            "test_fraction 0 ile 1 arasında (uçlar hariç) bir sayı olmalı; "
            f"verilen: {test_fraction!r}."
        )
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed negatif olmayan bir tamsayı olmalı; verilen: {seed!r}.")


def _digit_images(size: int) -> tuple[Tensor, Tensor]:
    """Rakamları ``[0, 1]`` aralığında, ``size × size`` boyutunda döndürür: ``(N, 1, s, s)``, ``(N,)``."""
    bunch = _import_load_digits()()
    images = torch.as_tensor(bunch.images, dtype=torch.float32).unsqueeze(1) / 16.0  # (N, 1, 8, 8)
    labels = torch.as_tensor(bunch.target, dtype=torch.int64)  # (N,)
    if size != images.shape[-1]:
        images = F.interpolate(images, size=(size, size), mode="bilinear", align_corners=False)
    return images, labels


def _stratified_split(y: Tensor, test_fraction: float, seed: int) -> tuple[Tensor, Tensor]:
    """Her sınıfı ayrı ayrı karıştırıp aynı oranda test örneği ayırır (katmanlı bölme).

    Her sınıftan ``round(n_c * test_fraction)`` örnek (en az 1, en çok ``n_c - 1``) teste gider.
    Karıştırma yerel bir ``torch.Generator`` ile yapılır: aynı ``seed`` her zaman aynı bölmeyi verir
    ve küresel rastgele sayı durumu değişmez.
    """
    generator = torch.Generator().manual_seed(seed)
    train_parts, test_parts = [], []
    for label in torch.unique(y).tolist():
        idx = torch.nonzero(y == label, as_tuple=False).flatten()
        idx = idx[torch.randperm(idx.numel(), generator=generator)]
        n_test = int(round(idx.numel() * test_fraction))
        n_test = min(max(n_test, 1), idx.numel() - 1)
        test_parts.append(idx[:n_test])
        train_parts.append(idx[n_test:])
    train_idx = torch.cat(train_parts)
    test_idx = torch.cat(test_parts)
    # Sınıflar art arda gelmesin diye bölmeleri de karıştır (yine deterministik).
    train_idx = train_idx[torch.randperm(train_idx.numel(), generator=generator)]
    test_idx = test_idx[torch.randperm(test_idx.numel(), generator=generator)]
    return train_idx, test_idx


def load_digits_tensors(size: int = 16, test_fraction: float = 0.25, seed: int = 0) -> DigitsSplit:
    """scikit-learn'ün el yazısı rakamlarını eğitime hazır PyTorch tensörlerine çevirir.

    Adımlar:

    1. ``sklearn.datasets.load_digits`` ile 1.797 görüntü okunur (0–16 arası tamsayı pikseller),
       ``[0, 1]`` aralığına ölçeklenir.
    2. Görüntüler ``size × size`` boyutuna çift doğrusal (bilinear) aradeğerlemeyle büyütülür
       (``F.interpolate(..., mode="bilinear", align_corners=False)``); ``size == 8`` ise olduğu gibi kalır.
    3. Veri, her sınıftan aynı oranda örnek alan **katmanlı** (stratified) ve ``seed`` ile
       **deterministik** bir bölmeyle eğitim ve test kümelerine ayrılır.
    4. Pikseller yalnızca **eğitim** kümesinin ortalaması ve standart sapmasıyla standartlaştırılır
       (test kümesinin istatistikleri modele sızmaz).

    Args:
        size: Çıktı görüntülerinin kenar uzunluğu (piksel). 8 ile 128 arasında bir tamsayı olmalı.
        test_fraction: Teste ayrılan oran; 0 ile 1 arasında (uçlar hariç) bir sayı.
        seed: Bölmeyi belirleyen tohum (tamsayı).

    Returns:
        ``DigitsSplit(x_train, y_train, x_test, y_test)`` (dört elemanlı bir demet).

    Shape:
        - ``x_train``: ``(N_train, 1, size, size)``, ``float32``
        - ``y_train``: ``(N_train,)``, ``int64``, değerler 0–9
        - ``x_test``: ``(N_test, 1, size, size)``, ``float32``
        - ``y_test``: ``(N_test,)``, ``int64``

        Varsayılan ``test_fraction=0.25`` ile ``N_train = 1347``, ``N_test = 450``.

    Raises:
        ValueError: Argümanlardan biri izin verilen aralıkta değilse.
        ImportError: scikit-learn kurulu değilse.

    Example:
        >>> x_tr, y_tr, x_te, y_te = load_digits_tensors(size=16)
        >>> x_tr.shape, y_tr.dtype
        (torch.Size([1347, 1, 16, 16]), torch.int64)
    """
    _check_common(size, test_fraction, seed)
    size, seed = int(size), int(seed)
    images, labels = _digit_images(size)

    train_idx, test_idx = _stratified_split(labels, float(test_fraction), seed)
    x_train, y_train = images[train_idx], labels[train_idx]
    x_test, y_test = images[test_idx], labels[test_idx]

    # Standartlaştırma: istatistikler yalnızca eğitim kümesinden.
    mean = x_train.mean()
    std = x_train.std().clamp_min(1e-6)
    x_train = ((x_train - mean) / std).contiguous()
    x_test = ((x_test - mean) / std).contiguous()
    return DigitsSplit(x_train, y_train, x_test, y_test)


class DomainDigitsSplit(NamedTuple):
    """:func:`load_domain_digits` çıktısı: eğitim ve test kümeleri, her örneğin alanıyla birlikte.

    ``domain_train[i]``, ``domains`` demetindeki bir sıra numarasıdır: ``domains[domain_train[i]]``
    o örneğin alanının adıdır.
    """

    x_train: Tensor
    y_train: Tensor
    domain_train: Tensor
    x_test: Tensor
    y_test: Tensor
    domain_test: Tensor
    domains: Tuple[str, ...]


def _check_domains(domains: Sequence[str]) -> Tuple[str, ...]:
    if isinstance(domains, (str, bytes)) or not isinstance(domains, Sequence) or not domains:
        raise ValueError(
            f"domains alan adlarından oluşan boş olmayan bir dizi olmalı; verilen: {domains!r}. "
            f"İzin verilen adlar: {', '.join(DOMAINS)}."
        )
    out = tuple(domains)
    for name in out:
        if name not in DOMAINS:
            raise ValueError(
                f"domains içinde bilinmeyen alan {name!r}; izin verilenler: {', '.join(DOMAINS)}."
            )
    if len(set(out)) != len(out):
        raise ValueError(f"domains aynı alanı iki kez içeremez; verilen: {domains!r}.")
    return out


def _check_contrast(contrast) -> float:
    if isinstance(contrast, bool) or not isinstance(contrast, numbers.Real) or not 0.0 < float(contrast) < 1.0:
        raise ValueError(
            f"contrast 0 ile 1 arasında (uçlar hariç) bir sayı olmalı; verilen: {contrast!r}."
        )
    return float(contrast)


def apply_domain(images: Tensor, domain: str, contrast: float = 0.3) -> Tensor:
    """``[0, 1]`` aralığındaki görüntülere bir alanın (görünümün) dönüşümünü uygular.

    * ``"normal"``: değişmez;
    * ``"inverted"``: renkler ters çevrilir, ``1 − x`` (beyaz zemin, koyu rakam);
    * ``"low_contrast"``: değerler 0,5 çevresinde sıkıştırılır, ``0,5 + contrast · (x − 0,5)``;
    * ``"mirrored"``: soldan sağa ayna görüntüsü (``x.flip(-1)``). Piksel değerleri, dolayısıyla
      her kanalın ortalaması **aynı** kalır: yalnızca küresel ortalamaya bakan bir yönlendirici bu
      alanı normalden ayıramaz.

    Args:
        images: ``[0, 1]`` aralığında görüntüler.
        domain: :data:`DOMAINS` içindeki bir ad.
        contrast: ``"low_contrast"`` için sıkıştırma katsayısı, 0 ile 1 arasında.

    Returns:
        Dönüştürülmüş yeni bir tensör (girdi değişmez).

    Shape:
        - images ve çıktı: ``(N, C, H, W)`` (ya da son iki ekseni yükseklik ve genişlik olan
          herhangi bir şekil).

    Raises:
        ValueError: ``images`` bir tensör değilse, ``domain`` ya da ``contrast`` geçersizse.

    Example:
        >>> x = torch.tensor([[[[0.0, 1.0]]]])
        >>> apply_domain(x, "inverted").tolist(), apply_domain(x, "mirrored").tolist()
        ([[[[1.0, 0.0]]]], [[[[1.0, 0.0]]]])
    """
    if not isinstance(images, Tensor) or images.dim() < 2:
        raise ValueError(f"images en az iki boyutlu bir tensör olmalı; verilen: {type(images).__name__}.")
    (domain,) = _check_domains((domain,))
    contrast = _check_contrast(contrast)
    if domain == "inverted":
        return 1.0 - images
    if domain == "low_contrast":
        return 0.5 + contrast * (images - 0.5)
    if domain == "mirrored":
        return images.flip(-1)
    return images.clone()


def load_domain_digits(
    size: int = 16,
    domains: Sequence[str] = ("normal", "inverted", "low_contrast"),
    test_fraction: float = 0.25,
    seed: int = 0,
    contrast: float = 0.3,
) -> DomainDigitsSplit:
    """Rakamları birkaç görünümde (alan) karışık olarak verir: girdiye koşullu katmanlar için bir görev.

    Her görüntü tek bir alana atanır (alanlar her bölmede olabildiğince eşit sayıda, sınıflardan
    bağımsız, ``seed`` ile deterministik); görüntüye o alanın dönüşümü (:func:`apply_domain`)
    uygulanır. Sonra pikseller, :func:`load_digits_tensors`'taki gibi, yalnızca **eğitim**
    kümesinin ortalaması ve standart sapmasıyla standartlaştırılır. Standartlaştırma bütün alanlar
    için ortaktır; böylece alanların parlaklık farkları (ters çevrilmiş bir rakamın zemini açık,
    düşük kontrastlı birinin gri) veride kalır.

    Neden bu görev? Sıradan rakamlarda bütün girdiler aynı biçimdedir: küçük bir statik ağ tavana
    yakındır ve yönlendiricilerin örnekleri ayırması için bir neden yoktur. Burada aynı rakam, ters
    kenar yönleriyle ya da çok zayıf kenarlarla gelebilir; dar bir statik ağ az sayıdaki
    çekirdeğini bütün alanlara paylaştırmak zorundadır, dinamik bir ağ ise alana göre uzman
    değiştirebilir. ``"normal"``, ``"inverted"`` ve ``"low_contrast"`` kanal ortalamalarından
    ayırt edilebilir; ``"mirrored"`` edilemez (bkz. :func:`apply_domain`).

    Args:
        size: Görüntü kenarı (piksel), 8 ile 128 arasında; 8×8 rakamlar çift doğrusal
            aradeğerlemeyle büyütülür.
        domains: :data:`DOMAINS` içinden, birbirinden farklı alan adları.
        test_fraction: Teste ayrılan oran, 0 ile 1 arasında (uçlar hariç); bölme sınıflara göre
            katmanlıdır (stratified) ve :func:`load_digits_tensors` ile aynıdır.
        seed: Bölmeyi ve alan atamasını belirleyen tohum (negatif olmayan tamsayı).
        contrast: ``"low_contrast"`` alanının sıkıştırma katsayısı, 0 ile 1 arasında.

    Returns:
        :class:`DomainDigitsSplit` ``(x_train, y_train, domain_train, x_test, y_test,
        domain_test, domains)``.

    Shape:
        - ``x_train``: ``(N_train, 1, size, size)``, ``float32``; ``y_train``, ``domain_train``:
          ``(N_train,)``, ``int64``
        - ``x_test``: ``(N_test, 1, size, size)``; ``y_test``, ``domain_test``: ``(N_test,)``

        Varsayılan ``test_fraction=0.25`` ile ``N_train = 1347``, ``N_test = 450``.

    Raises:
        ValueError: Argümanlardan biri izin verilen aralıkta değilse (bilinmeyen ya da yinelenen
            alan adı dahil).
        ImportError: scikit-learn kurulu değilse.

    Example:
        >>> data = load_domain_digits(size=16, domains=("normal", "inverted"))
        >>> data.x_train.shape, data.domains, torch.bincount(data.domain_train).tolist()
        (torch.Size([1347, 1, 16, 16]), ('normal', 'inverted'), [674, 673])
    """
    _check_common(size, test_fraction, seed)
    domains = _check_domains(domains)
    contrast = _check_contrast(contrast)
    size, seed = int(size), int(seed)
    images, labels = _digit_images(size)
    train_idx, test_idx = _stratified_split(labels, float(test_fraction), seed)

    generator = torch.Generator().manual_seed(seed + 1)  # bölmeden bağımsız bir akış
    parts = []
    for idx in (train_idx, test_idx):
        # Eşit sayılar: 0, 1, ..., D-1, 0, 1, ... dizisini karıştırıp örneklere dağıt.
        domain = (torch.arange(idx.numel()) % len(domains))[torch.randperm(idx.numel(), generator=generator)]
        x = images[idx].clone()
        for d, name in enumerate(domains):
            mask = domain == d
            x[mask] = apply_domain(x[mask], name, contrast)
        parts.append((x, labels[idx], domain))
    (x_train, y_train, d_train), (x_test, y_test, d_test) = parts

    mean = x_train.mean()
    std = x_train.std().clamp_min(1e-6)
    x_train = ((x_train - mean) / std).contiguous()
    x_test = ((x_test - mean) / std).contiguous()
    return DomainDigitsSplit(x_train, y_train, d_train, x_test, y_test, d_test, domains)

# ---------------------------------------------------------------------------
# Karışık tuvalde rakam: konumu değişen nesne (uzamsal dikkat deneyleri için)
# ---------------------------------------------------------------------------

class ClutteredDigits(NamedTuple):
    """``load_cluttered_digits`` çıktısı: altı tensörlük bir demet (tuple).

    ``x_train, y_train, boxes_train, x_test, y_test, boxes_test = ...`` biçiminde açılabilir ya da
    alan adlarıyla okunabilir. Kutular ``(y0, x0, y1, x1)`` biçimindedir ve Python dilimleri gibi
    yarı açıktır: rakamın bütün mürekkebi ``x[i, 0, y0:y1, x0:x1]`` içindedir.
    """

    x_train: Tensor
    y_train: Tensor
    boxes_train: Tensor
    x_test: Tensor
    y_test: Tensor
    boxes_test: Tensor


def _check_int(name: str, value, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not low <= value <= high:
        raise ValueError(f"{name} {low} ile {high} arasında bir tamsayı olmalı; verilen: {value!r}.")
    return int(value)


def _ink_boxes(digits: Tensor) -> Tensor:
    """``(M, d, d)`` rakamların sıfırdan büyük piksellerini saran sıkı kutular, ``(M, 4)``.

    Kutular ``(y0, x0, y1, x1)`` biçiminde ve yarı açıktır; bütünüyle boş bir görüntü için
    bütün görüntünün kutusu döner.
    """
    d = digits.shape[-1]
    idx = torch.arange(d)
    rows = digits.amax(dim=2) > 0  # (M, d): satırda mürekkep var mı
    cols = digits.amax(dim=1) > 0
    big = torch.full_like(idx, d)

    def span(has: Tensor) -> tuple[Tensor, Tensor]:
        first = torch.where(has, idx, big).amin(dim=1)
        last = torch.where(has, idx, -1).amax(dim=1) + 1
        empty = ~has.any(dim=1)
        return first.masked_fill(empty, 0), last.masked_fill(empty, d)

    y0, y1 = span(rows)
    x0, x1 = span(cols)
    return torch.stack([y0, x0, y1, x1], dim=1)


def _place_on_canvas(
    digits: Tensor,
    canvas: int,
    num_distractors: int,
    fragment_size: int,
    noise: float,
    generator: torch.Generator,
    tries: int = 32,
) -> tuple[Tensor, Tensor]:
    """Her rakamı tuvalin rastgele bir yerine koyar, çevresine başka rakamların parçalarını serper.

    Args:
        digits: ``(M, d, d)`` rakamlar, ``[0, 1]`` aralığında.
        canvas, num_distractors, fragment_size, noise: ``load_cluttered_digits`` ile aynı.
        generator: Bütün rastgelelik bu yerel üreteçten gelir.
        tries: Her parça için denenen aday konum sayısı.

    Returns:
        ``(images, boxes)``: ``(M, 1, canvas, canvas)`` ve ``(M, 4)`` (``int64``).
    """
    m, d = digits.shape[0], digits.shape[-1]
    f = fragment_size
    images = torch.zeros(m, canvas, canvas)
    top = torch.randint(0, canvas - d + 1, (m,), generator=generator)
    left = torch.randint(0, canvas - d + 1, (m,), generator=generator)
    boxes = _ink_boxes(digits) + torch.stack([top, left, top, left], dim=1)

    if num_distractors > 0 and f <= canvas:
        # Parçalar başka rakamlardan kesilir; mürekkebi en az 'min_ink' olan kesitler seçilir.
        n_off = d - f + 1
        ink = F.avg_pool2d(digits[:, None], f, stride=1).reshape(m, n_off * n_off)  # (M, n_off²)
        min_ink = 0.15
        shape = (m, num_distractors, tries)
        src = torch.randint(0, m, shape, generator=generator)
        off = torch.randint(0, n_off * n_off, shape, generator=generator)
        ok_ink = (ink[src, off] >= min_ink) & (src != torch.arange(m)[:, None, None])
        pos_y = torch.randint(0, canvas - f + 1, shape, generator=generator)
        pos_x = torch.randint(0, canvas - f + 1, shape, generator=generator)
        # Rakamın kutusuyla (1 piksellik payla) çakışan adaylar elenir: etiket tek anlamlı kalır.
        by0, bx0, by1, bx1 = (boxes[:, i, None, None] for i in range(4))
        apart = (pos_y + f < by0) | (pos_y > by1) | (pos_x + f < bx0) | (pos_x > bx1)
        valid = ok_ink & apart  # (M, D, tries)
        first = valid.float().argmax(dim=2)  # ilk geçerli aday (yoksa 0, aşağıda atlanır)
        found = valid.gather(2, first[..., None])[..., 0]
        pick = lambda t: t.gather(2, first[..., None])[..., 0]  # noqa: E731
        src, off, pos_y, pos_x = pick(src), pick(off), pick(pos_y), pick(pos_x)
        # Yapıştırma düz Python döngüsüdür; indeksler önce listeye çevrilir (tensör indekslemek yavaş).
        img, dig = images.numpy(), digits.numpy()  # aynı belleğin görünümleri
        hits = torch.nonzero(found, as_tuple=False)
        rows = zip(hits.tolist(), src[found].tolist(), off[found].tolist(), pos_y[found].tolist(),
                   pos_x[found].tolist())
        for (i, _), s, o, py, px in rows:
            oy, ox = divmod(o, n_off)
            region = img[i, py:py + f, px:px + f]
            region[...] = region.clip(min=dig[s, oy:oy + f, ox:ox + f])  # üst üste binen yerde en büyüğü

    for i, (t, l) in enumerate(zip(top.tolist(), left.tolist())):
        images[i, t:t + d, l:l + d] = digits[i]
    if noise > 0:
        images = (images + noise * torch.rand(images.shape, generator=generator)).clamp_(0.0, 1.0)
    return images[:, None].contiguous(), boxes


def load_cluttered_digits(
    canvas: int = 32,
    digit_size: int = 12,
    num_distractors: int = 4,
    fragment_size: int = 6,
    noise: float = 0.1,
    test_fraction: float = 0.25,
    seed: int = 0,
) -> ClutteredDigits:
    """Karışık bir tuvalin rastgele bir yerinde duran el yazısı rakamlar ve rakamların kutuları.

    Konumu görüntüden görüntüye değişen bir nesne ve onu şaşırtmaya çalışan bir karışıklık
    (clutter): uzamsal dikkatin "nereye bakmalı" sorusunu gerçekten sorduğu, çevrimdışı ve
    deterministik küçük bir görev. Adımlar:

    1. ``sklearn.datasets.load_digits``'in 1.797 rakamı ``[0, 1]`` aralığına ölçeklenir,
       ``digit_size × digit_size`` boyutuna çift doğrusal aradeğerlemeyle büyütülür ve
       ``load_digits_tensors`` ile aynı katmanlı (stratified) bölmeyle eğitim ve test kümelerine
       ayrılır.
    2. Her rakam ``canvas × canvas`` boyutunda siyah bir tuvalin rastgele (düzgün dağılımlı) bir
       konumuna konur.
    3. Rakamın çevresine ``num_distractors`` tane **parça** serpilir: aynı kümedeki başka
       rakamlardan kesilmiş, mürekkep taşıyan ``fragment_size × fragment_size`` kesitler. Parçalar
       rakamın kutusuna (1 piksel payla) değmez; bir parça için uygun yer bulunamazsa atlanır.
       Parçalar rakamla aynı kalınlıkta ve parlaklıkta çizgilerdir; yalnızca küçüktürler ve
       bütün bir rakam oluşturmazlar.
    4. Her piksele ``[0, noise]`` aralığında düzgün dağılımlı gürültü eklenir ve değerler
       ``[0, 1]``'e kırpılır.

    Kutu, rakamın sıfırdan büyük piksellerini saran **sıkı** kutudur (rakamın kendi kenar
    boşlukları dâhil edilmez). Görüntüler standartlaştırılmaz (``[0, 1]`` aralığında kalır);
    ağın ilk katmanındaki toplu normalleştirme ölçeği zaten ayarlar. Test kümesindeki rakamlar da
    parçalar da yalnızca test bölmesinden gelir: eğitim görüntüleri test rakamlarını görmez.

    Bütün rastgelelik ``seed``'den türeyen yerel bir ``torch.Generator``'dan gelir: aynı
    argümanlar her zaman aynı tensörleri verir ve küresel rastgele sayı durumu değişmez.

    Args:
        canvas: Tuvalin kenar uzunluğu (piksel); ``digit_size`` ile 128 arasında bir tamsayı.
        digit_size: Rakamın kenar uzunluğu (piksel); 8 ile 64 arasında bir tamsayı.
        num_distractors: Görüntü başına parça sayısı; 0 ile 32 arasında bir tamsayı.
        fragment_size: Parçaların kenar uzunluğu (piksel); 2 ile ``digit_size`` arasında.
        noise: Gürültünün üst sınırı; 0 ile 1 arasında bir sayı (0: gürültü yok).
        test_fraction: Teste ayrılan oran; 0 ile 1 arasında (uçlar hariç).
        seed: Bölmeyi, konumları, parçaları ve gürültüyü belirleyen tohum (negatif olmayan tamsayı).

    Returns:
        ``ClutteredDigits(x_train, y_train, boxes_train, x_test, y_test, boxes_test)``.

    Shape:
        - ``x_train``: ``(N_train, 1, canvas, canvas)``, ``float32``, değerler ``[0, 1]``
        - ``y_train``: ``(N_train,)``, ``int64``, değerler 0–9
        - ``boxes_train``: ``(N_train, 4)``, ``int64``, ``(y0, x0, y1, x1)``, yarı açık
        - test kümesi aynı biçimde; varsayılan ``test_fraction=0.25`` ile ``N_train = 1347``,
          ``N_test = 450``.

    Raises:
        ValueError: Argümanlardan biri izin verilen aralıkta değilse (ileti argümanın adını,
            verilen değeri ve izin verilen aralığı söyler).
        ImportError: scikit-learn kurulu değilse.

    Example:
        >>> data = load_cluttered_digits(canvas=32, digit_size=12, seed=0)
        >>> data.x_train.shape, data.boxes_train.shape, data.boxes_train.dtype
        (torch.Size([1347, 1, 32, 32]), torch.Size([1347, 4]), torch.int64)
        >>> y0, x0, y1, x1 = data.boxes_test[0].tolist()
        >>> 0 <= y0 < y1 <= 32 and 0 <= x0 < x1 <= 32
        True
    """
    digit_size = _check_int("digit_size", digit_size, 8, 64)
    if isinstance(canvas, bool) or not isinstance(canvas, numbers.Integral) or not (
        digit_size <= canvas <= 128
    ):
        raise ValueError(
            f"canvas digit_size={digit_size} ile 128 arasında bir tamsayı olmalı (tuvalin kenarı, "
            f"piksel); verilen: {canvas!r}."
        )
    canvas = int(canvas)
    num_distractors = _check_int("num_distractors", num_distractors, 0, 32)
    if isinstance(fragment_size, bool) or not isinstance(fragment_size, numbers.Integral) or not (
        2 <= fragment_size <= digit_size
    ):
        raise ValueError(
            f"fragment_size 2 ile digit_size={digit_size} arasında bir tamsayı olmalı; "
            f"verilen: {fragment_size!r}."
        )
    fragment_size = int(fragment_size)
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real) or not 0.0 <= float(noise) <= 1.0:
        raise ValueError(f"noise 0 ile 1 arasında bir sayı olmalı; verilen: {noise!r}.")
    _check_split(test_fraction, seed)
    seed = int(seed)

    digits, labels = _digit_images(digit_size)
    digits = digits[:, 0].clamp(0.0, 1.0)  # (N, d, d)

    train_idx, test_idx = _stratified_split(labels, float(test_fraction), seed)
    generator = torch.Generator().manual_seed(seed + 1)  # bölmeninkinden ayrı bir akış
    parts = []
    for idx in (train_idx, test_idx):
        images, boxes = _place_on_canvas(
            digits[idx], canvas, num_distractors, fragment_size, float(noise), generator
        )
        parts.append((images, labels[idx], boxes))
    (x_tr, y_tr, b_tr), (x_te, y_te, b_te) = parts
    return ClutteredDigits(x_tr, y_tr, b_tr, x_te, y_te, b_te)
