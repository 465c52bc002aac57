"""Kitabın eğitim bölümlerinin kullandığı küçük, çevrimdışı veri yardımcıları.

Kaynak, scikit-learn ile birlikte gelen el yazısı rakamlardır (``sklearn.datasets.load_digits``:
1.797 gerçek, 8×8 piksellik gri tonlu görüntü, 10 sınıf); internetten hiçbir şey indirilmez.

* :func:`load_digits_tensors`: rakamlar olduğu gibi.
* :func:`load_domain_digits`: aynı rakamlar birkaç **görünümde** (alan, domain): normal, renkleri
  ters çevrilmiş, düşük kontrastlı, aynadaki görüntüsü. Girdiye koşullu katmanların uzmanlaşmasını
  görmek için tasarlanmış bir görev: alanlar farklı çekirdekler ister ve bazıları küresel
  istatistiklerden ayırt edilebilir, bazıları edilemez.

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
    "DigitsSplit",
    "DomainDigitsSplit",
    "apply_domain",
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
