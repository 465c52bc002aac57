"""Kitabın deneyleri katmanların girdiye göre uzmanlaştığını gerçekten gösteriyor mu?

Bölümler ölçtükleri sayıları yapıştırır (``glue_number``) ve düzyazı onları alıntılar. Bu testler
aynı sayıları derlenmiş kitabın çalıştırılmış defterlerinden okur ve hedefleri denetler: bir
değişiklik uzmanlaşmayı bozarsa (ör. yönlendirici yeniden düzgüne döner) derleme aşaması başarısız
olur. Hedefler 11. iş kaydındakilerdir; sayılar CPU'da belirlenimcidir (sabit tohumlar).
"""

from __future__ import annotations

import pytest

from glued import glued_numbers

pytestmark = pytest.mark.build

DYNAMIC = "04_dinamik_ag_egitmek"


@pytest.fixture(scope="module")
def dynamic_numbers(book_build):
    rc, out, _ = book_build
    if rc != 0:
        pytest.fail("Kitap derlenemedi; _build/build.log dosyasına bakın:\n" + out[-3000:])
    return {name: glued.value for name, glued in glued_numbers(DYNAMIC).items()}


def test_routing_separates_domains(dynamic_numbers):
    g = dynamic_numbers
    assert g["routing_probe_acc"] >= 0.90, g
    assert g["routing_max_gap"] >= 0.20, g
    # Ayrışma eğitimle doğdu: aynı aşamada eğitimden önceki fark çok daha küçük.
    assert g["routing_max_gap"] >= 3 * g["routing_max_gap_init"], g


def test_routing_is_used_not_only_different(dynamic_numbers):
    """Başka alanın ağırlıklarını vermek doğruluğu belirgin biçimde düşürmeli (değiştirme deneyi)."""
    g = dynamic_numbers
    # Kıyas iki yönden: değiştirilmemiş yönlendirme ve her örneğe kendi alanının ortalaması
    # (değiştirme matrisinin köşegeni; aynı türden bir müdahale, yalnızca kaynak doğru alan).
    own = min(g["routing_own_acc_min"], g["routing_own_mean_acc_min"])
    assert g["routing_swap_worst"] <= own - 0.20, g
    # Düşüş yalnızca karışık çekirdeğin ölçeğinden gelmiyor: BN istatistikleri her hücrenin
    # yönlendirmesiyle yeniden kestirildiğinde de kalıyor (bölüm bunu söylüyor).
    assert g["routing_swap_worst_recal"] <= own - 0.20, g
    assert g["routing_swap_worst_recal"] >= g["routing_swap_worst"], g


def test_temperature_schedules_are_contrasted(dynamic_numbers):
    g = dynamic_numbers
    # T = 1 ve tavlama ile uzmanlaşma belirgin biçimde daha zayıf (bölümün anlattığı sonuç).
    for key in ("gap_T1", "gap_annealed"):
        assert g[key] < g["routing_max_gap"], (key, g)


def test_mirror_images_are_not_separated(dynamic_numbers):
    assert dynamic_numbers["mirror_probe_max"] <= 0.75, dynamic_numbers


def test_comparison_has_enough_seeds_and_an_error_bar(dynamic_numbers):
    g = dynamic_numbers
    assert g["num_seeds"] >= 3
    assert g["dynamic_static_acc_gap_se"] > 0
    assert -1 <= g["dynamic_static_acc_gap"] <= 1


def test_prose_verdict_matches_the_comparison(dynamic_numbers):
    """Bölüm "dinamik ağ aynı genişlikteki statik ağdan daha iyi değil" diyor; sayılar değişip
    dinamik ağ anlamlı biçimde öne geçerse (fark > 2 standart hata) düzyazı yanlış olur."""
    g = dynamic_numbers
    assert g["dynamic_static_acc_gap"] <= 2 * g["dynamic_static_acc_gap_se"], (
        "Dinamik ağ artık anlamlı biçimde daha iyi: 4. bölümün karşılaştırma paragrafını güncelleyin.", g)
