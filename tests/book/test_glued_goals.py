"""Bölümlerin ölçtüğü ve düzyazıda alıntıladığı sayıların hedefleri (derlemeden sonra).

Dikkat katmanlarının gerçekten girdiye göre çalıştığını gösteren deneyler (5. ve 6. bölüm)
sonuçlarını ``glue_number`` ile yapıştırır. Bir değişiklik bu uzmanlaşmayı bozarsa (maske nesneyi
göstermez olur, kanal maskeleri her girdide aynılaşır) derleme yine geçer ama bu testler başarısız
olur. Değerler ``_build/jupyter_execute`` altındaki çalıştırılmış defterlerden okunur
(``glued.py``).
"""

from __future__ import annotations

import pytest

from glued import glued_numbers

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def built(book_build):
    rc, out, _ = book_build
    if rc != 0:
        pytest.fail("Kitap derlenemedi; _build/build.log dosyasına bakın:\n" + out[-3000:])


def _values(stem, names):
    values = glued_numbers(stem)
    missing = [n for n in names if n not in values]
    assert not missing, f"{stem}: yapıştırılmamış değerler: {missing} (var olanlar: {sorted(values)})"
    return {n: values[n].value for n in names}


def test_spatial_attention_points_at_the_object(built):
    v = _values("05_uzamsal_dikkat", ["spatial_pointing_acc", "spatial_pointing_chance"])
    acc, chance = v["spatial_pointing_acc"], v["spatial_pointing_chance"]
    assert 0.0 < chance < 0.5, f"şans düzeyi anlamsız: {chance}"
    assert acc >= 0.80, f"maskenin tepesi kutuda değil: işaret etme doğruluğu {acc:.3f} < 0,80"
    assert acc >= 3 * chance, f"işaret etme doğruluğu {acc:.3f}, şansın ({chance:.3f}) 3 katından az"


def test_spatial_mask_beats_ink_density_baseline(built):
    # Bölüm, maskenin "en yoğun mürekkebe bak" kuralından iyi olduğunu söyler; 0,05 pay tek bir
    # rastgelelik tohumunun oynamasına karşı (ölçülen fark 0,967 − 0,842 ≈ 0,13).
    v = _values("05_uzamsal_dikkat", ["spatial_pointing_acc", "spatial_pointing_ink"])
    acc, ink = v["spatial_pointing_acc"], v["spatial_pointing_ink"]
    assert acc >= ink + 0.05, f"maske ({acc:.3f}) mürekkep kuralını ({ink:.3f}) 0,05 farkla geçmiyor"


def test_channel_masks_differ_by_class(built):
    v = _values("06_kanal_dikkati", ["channel_probe_acc", "channel_probe_chance"])
    acc, chance = v["channel_probe_acc"], v["channel_probe_chance"]
    assert chance < 0.2, f"şans düzeyi beklenenden büyük: {chance}"
    assert acc >= 0.90, f"kanal maskelerinden sınıf okunamıyor: yoklama doğruluğu {acc:.3f} < 0,90"


def test_channel_fusion_weights_are_reported(built):
    """6. bölüm eğitimden önce iki yolun aşağı yukarı eşit pay aldığını söyler ve eğitimden sonra
    ortalama yolunun ağırlığının (w_ort) en büyük değerini yazar. Bu test yalnızca bu iki
    söylemin dayandığı sayıların yapıştırıldığını ve anlamlı olduğunu denetler; yönlendiricinin bir
    yola yapışması bir hedef değil, bölümün dürüstçe bildirdiği bir gözlemdir."""
    v = _values("06_kanal_dikkati", ["channel_w_avg_untrained", "channel_w_avg_max"])
    before, after_max = v["channel_w_avg_untrained"], v["channel_w_avg_max"]
    assert 0.35 <= before <= 0.65, f"eğitimden önce ağırlıklar eşite yakın değil: w_ort = {before:.3f}"
    assert 0.0 <= after_max <= 1.0, f"w_ort bir softmaks ağırlığı değil: {after_max}"
