"""Kitabın eğitim bölümlerinin kullandığı küçük, çevrimdışı veri yardımcıları.

Buradaki tek veri kümesi scikit-learn ile birlikte gelen el yazısı rakamlardır
(``sklearn.datasets.load_digits``: 1.797 gerçek, 8×8 piksellik gri tonlu görüntü, 10 sınıf).
İnternetten hiçbir şey indirilmez. scikit-learn paketin zorunlu bağımlılığı değildir
(``book`` ekinin parçasıdır); bu yüzden yalnızca fonksiyon çağrıldığında içe aktarılır.
"""

from __future__ import annotations

from typing import NamedTuple

import numbers

import torch
import torch.nn.functional as F
from torch import Tensor

__all__ = ["DigitsSplit", "load_digits_tensors"]


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
            "load_digits_tensors için scikit-learn gerekiyor ama bulunamadı. "
            "Kurmak için: pip install scikit-learn  (ya da kitabın tüm ekleriyle: "
            "pip install 'dynlayers[book]')."
        ) from exc
    return load_digits


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

    size, seed = int(size), int(seed)
    load_digits = _import_load_digits()
    bunch = load_digits()
    images = torch.as_tensor(bunch.images, dtype=torch.float32).unsqueeze(1) / 16.0  # (N, 1, 8, 8)
    labels = torch.as_tensor(bunch.target, dtype=torch.int64)  # (N,)

    if size != images.shape[-1]:
        images = F.interpolate(images, size=(size, size), mode="bilinear", align_corners=False)

    train_idx, test_idx = _stratified_split(labels, float(test_fraction), seed)
    x_train, y_train = images[train_idx], labels[train_idx]
    x_test, y_test = images[test_idx], labels[test_idx]

    # Standartlaştırma: istatistikler yalnızca eğitim kümesinden.
    mean = x_train.mean()
    std = x_train.std().clamp_min(1e-6)
    x_train = ((x_train - mean) / std).contiguous()
    x_test = ((x_test - mean) / std).contiguous()
    return DigitsSplit(x_train, y_train, x_test, y_test)
