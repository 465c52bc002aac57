"""Bozuk kodlama (mojibake) denetimi: kitabın hiçbir kaynağında çift kodlanmış UTF-8 yok.

UTF-8 ile yazılmış Türkçe bir metin yanlışlıkla Latin-1/Windows-1252 diye okunup yeniden UTF-8
kaydedilince her Türkçe harf iki karaktere dönüşür: "ı" (C4 B1) büyük A-iki noktalı + artı-eksi,
"ç" (C3 A7) A-tilda + paragraf işareti, "’" (E2 80 99) a-şapkalı + avro + "™" olur. Bu test, deponun
metin dosyalarında (bölüm kaynakları ve defterler, kitap sayfaları, paket, araçlar, testler,
yapılandırma) bu izleri ve Unicode değiştirme karakterini (U+FFFD) arar; her dosyanın geçerli UTF-8
olduğunu da denetler. Desenler kaçış dizileriyle yazılır: bu dosyanın kendisi de taranır.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import List

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUFFIXES = {".md", ".ipynb", ".py", ".yml", ".yaml", ".toml", ".txt", ".bib", ".css", ".js",
            ".svg", ".cfg", ".json", ".html"}
SKIP_DIRS = {".git", ".venv", "node_modules", "_build", "__pycache__", ".pytest_cache",
             ".ipynb_checkpoints", ".jupyter_cache"}
SKIP_FILES = {"package-lock.json"}

# Windows-1252'nin 0x80-0x9F aralığına koyduğu karakterler (UTF-8 devam baytlarının görünüşü).
_CP1252_C1 = ("\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d"
              "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178")
_CONT = f"[\u0080-\u00bf{_CP1252_C1}]"
#: C3/C4/C5 öncü baytının görünüşü + devam baytı: ç ö ü Ç Ö Ü (C3), ğ ı İ Ğ (C4), ş Ş (C5);
#: E2 80: tipografik tırnaklar, tireler, üç nokta; C2 A0-BF: derece işareti, bölünmez boşluk.
MOJIBAKE = re.compile(f"[\u00c3\u00c4\u00c5]{_CONT}|\u00e2\u20ac|\u00e2\u0080|\u00c2[\u00a0-\u00bf]|\ufffd")


def source_files() -> List[Path]:
    out = []
    for path in ROOT.rglob("*"):
        rel = path.relative_to(ROOT)
        if any(part in SKIP_DIRS for part in rel.parts) or any(
                part.endswith(".egg-info") for part in rel.parts):
            continue
        if path.is_file() and path.suffix in SUFFIXES and path.name not in SKIP_FILES:
            out.append(path)
    return sorted(out)


FILES = source_files()


def find_mojibake(text: str) -> List[str]:
    hits = []
    for i, line in enumerate(text.splitlines(), 1):
        for m in MOJIBAKE.finditer(line):
            hits.append(f"{i}. satır: {line[max(0, m.start() - 20): m.end() + 20]!r}")
    return hits


def test_detector_catches_double_encoded_turkish():
    for word in ("ağırlık", "öznitelik", "uyuşmazlığı", "İçindekiler", "Şekil", "Çözüm",
                 "“tırnak” – tire…", "90°"):
        broken = word.encode("utf-8").decode("cp1252", errors="replace")
        assert find_mojibake(broken), f"{word!r} -> {broken!r} yakalanmadı"
        broken_latin1 = word.encode("utf-8").decode("latin-1")
        assert find_mojibake(broken_latin1), f"{word!r} -> {broken_latin1!r} yakalanmadı"
    clean = "Dinamik evrişim: çekirdekler, ağırlıklar, İğne ve ŞÇÖÜĞ; “tırnak” – …"
    assert find_mojibake(clean) == []


def test_there_are_files():
    names = {p.relative_to(ROOT).as_posix() for p in FILES}
    assert "CONTRIBUTING.md" in names and any(n.startswith("notebooks_src/") for n in names)


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(ROOT).as_posix() for p in FILES])
def test_no_mojibake(path):
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        pytest.fail(f"{path.relative_to(ROOT)} geçerli UTF-8 değil: {exc}")
    hits = find_mojibake(text)
    assert not hits, f"{path.relative_to(ROOT)}: çift kodlanmış UTF-8 (mojibake):\n" + "\n".join(hits[:20])
