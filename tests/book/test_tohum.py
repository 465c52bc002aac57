""""Tohum" yalnızca rastgelelik tohumu (random seed) anlamındadır.

Kitap yalnızca kendi malzemesinden söz eder: okurun hiç görmediği belgelere ("tohum kod",
"tohumdaki sürüm") gönderme yapmaz; yaygın bir uygulamayla karşılaştırırken o kodu bölümde
gösterir ve adını koyar ("yaygın bir eğitim uygulaması"). "Tohum" sözcüğü aynı bölümlerde
rastgelelik tohumu anlamında da geçtiği için belge anlamı okuru şaşırtır.

Denetlenen metin: bölüm kaynaklarının tamamı (düzyazı, kod yorumları ve dizeleri), ``book/*.md``
sayfaları, README.md ve ``dynlayers/`` paketinin bütün ``.py`` dosyaları (belge dizeleri, yorumlar,
hata iletileri; kod adları İngilizcedir).

Yakalanan kuruluşlar (``TOHUM_PATTERNS``; Türkçe küçültülmüş metinde):

* "tohumdaki", "tohumlardaki" (belge içindeki bir şey);
* "tohum" + belge adı: "tohum kod(u)", "tohum belge", "tohum notebook/defter", "tohum formülü" ...;
* tamlayan + (en çok bir sözcük) + belge adı: "tohumun tablosu", "tohumun sıcaklık deneyi";
* "tohum:" ardından harf ya da parantez (kod yorumunda/çıktıda bir belgenin adı gibi:
  ``# tohum: (B, K, 1, H, W)``); "tohum: 0", ``f"tohum: {seed}"`` serbesttir;
* yalın "tohum" öznesi + aynı cümlede "-yordu" (bir belgenin "yaptığı": "tohum ... kuruyordu").

Rastgelelik tohumu anlamındaki kullanımlar serbesttir: "üç tohumla", "tohum 0'da", "tohum başına",
"her tohumun dinamik modeli", "tohumu yeniden sabitlemeden". Denetim bir yasak listesidir; kitapta
bulunan belge anlamındaki bütün kullanımları yakalar (``test_detector_*``), yeni bir kuruluş
görülürse buraya eklenir.
"""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest

from booktext import pattern_hits

ROOT = Path(__file__).resolve().parents[2]

_DOC_NOUNS = (r"(?:kod|belge|doküman|defter|not defter|notebook|dosya|metin|formül|uygulama|"
              r"düzene|tablo|deney|sürüm|yöntem|imza|anlatım|yaklaşım|açıklama|tanım|yazar)")
_W = r"[\wçğıöşü]"

#: (desen, açıklama); desenler Türkçe küçültülmüş metinde sözcük başında aranır.
TOHUM_PATTERNS = [
    (rf"tohum(?:lar)?(?:da|ta)ki{_W}*", "bir belgenin içindekine gönderme"),
    (rf"tohum\s+{_DOC_NOUNS}{_W}*", "'tohum' bir belgenin adı gibi"),
    (rf"tohum(?:un|ların)\s+(?:[^\s.,;:!?]+\s+)?{_DOC_NOUNS}{_W}*", "'tohumun ...' bir belge gibi"),
    (r"tohum\s*:\s*[(a-zçğıöşü]", "'tohum:' bir belgenin etiketi gibi"),
    (r"tohum\s[^.!?]{0,80}?yordu(?![\wçğıöşü])", "'tohum' bir şey yapan özne gibi"),
]

FILES = sorted(
    [*(ROOT / "notebooks_src").glob("*.md"), *(ROOT / "book").glob("*.md"), ROOT / "README.md",
     *(ROOT / "dynlayers").rglob("*.py")])


def tohum_hits(text: str, where: str) -> List[str]:
    """Metinde "tohum"un belge anlamında kullanıldığı yerler: ``"yer:satır: 'eşleşme' (neden)"``."""
    return pattern_hits(text, TOHUM_PATTERNS, where)


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(ROOT).as_posix() for p in FILES])
def test_tohum_means_only_random_seed(path):
    rel = path.relative_to(ROOT).as_posix()
    hits = tohum_hits(path.read_text(encoding="utf-8"), rel)
    if hits:
        pytest.fail(
            f"{rel}: 'tohum' yalnızca rastgelelik tohumu (seed) anlamında kullanılır; okurun "
            "görmediği bir belgeye gönderme yapmayın. Karşılaştırılan kodu bölümde gösterin ve "
            f"adını koyun (ör. 'yaygın bir eğitim uygulaması'). {len(hits)} yer:\n"
            + "\n".join(hits), pytrace=False)


# --------------------------------------------------------------------------- denetimin kendisi

@pytest.mark.parametrize("text", [
    "Tohum kod bu durumda çift çekirdeği sessizce bir artırır.",
    "Varsayılanlar tohum kodla aynıdır.",
    "Tohumdaki `return_router_weights` kurucu argümanı yok.",
    "DynamicCNN (tohumlardaki DynamicNet)",
    "    seed_style = conv(s)       # tohumdaki yol",
    "    z5 = torch.stack(outs, dim=1)    # tohum: (B, K, 1, H, W)",
    'print("tohum:  z", tuple(z5.shape))',
    "tohum kodun formülünü de hesaplıyoruz: tohum $r = \\log(e^{T} - 1)$ kullanıyordu.",
    "Tohum formülü küçük sıcaklıklarda sapar.",
    "bir farkla: tohum her sıcaklık için **yeni** bir modül kuruyordu;",
    "Tohumun düzeneği (rastgele girdi, eğitilmemiş modül):",
    "Tohumun tablosunda ortalamanın sıcaklıkla düzenli değişmeyip",
    "**2.** Tohumun sıcaklık deneyini onun yöntemiyle tekrarlayın",
    "Bu tohum notebook'ta anlatılır.",
    "Tohum belgelerindeki tabloya bakın.",
])
def test_detector_catches_document_sense(text):
    assert tohum_hits(text, "x"), f"yakalanmadı: {text!r}"


@pytest.mark.parametrize("text", [
    "Dinamik ağı statik ağlarla birkaç tohumla karşılaştıracağız.",
    "SEEDS = (0, 1, 2)     # karşılaştırmanın tohumları; mekanizmayı tohum 0'da inceliyoruz",
    "aynı rastgelelik tohumu (seed).",
    'runs = {name: [] for name in recipes}  # ad -> [(model, geçmiş), ...], tohum başına',
    'print("tohum başına (dinamik − aynı genişlikte statik):", diffs)',
    "Uzmanlaşmanın tohuma ne kadar bağlı olduğunu da görelim: her tohumun dinamik modelinde,",
    "ayrıştıkları tohumdan tohuma değişiyor: kimi tohumda ilk aşama ayrışır;",
    "Her model birkaç tohumla (seed) eğitilir: tohum, ilk ağırlıkları ve minigrupların sırasını",
    'print(f"{name:>15}  tohum {seed}: test doğruluğu")',
    'print("tohum:", seed)',
    "her $T$ için, tohumu yeniden sabitlemeden, **yeni** bir modül kurun",
    "seed: Bölmeyi belirleyen tohum (tamsayı).",
    "sabit (eğitilmemiş, ama tohumla belirlenmiş) bir evrişim",
    "Fotoğraftan tohumlu rastgele n kesit alır.",
])
def test_detector_allows_seed_sense(text):
    assert tohum_hits(text, "x") == []


def test_detector_reports_file_line_and_text(tmp_path):
    f = tmp_path / "b.md"
    f.write_text("# Başlık\n\nÜç tohumla eğittik.\nTohum kod ise başka.\n", encoding="utf-8")
    assert tohum_hits(f.read_text(encoding="utf-8"), "b.md") == [
        "b.md:4: 'Tohum kod' ('tohum' bir belgenin adı gibi)"]
