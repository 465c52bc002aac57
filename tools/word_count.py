"""Bölümlerin ana çizgisinin sözcük sayısı ve tahmini okuma süresi.

Kullanım (depo kökünden)::

    .venv/bin/python tools/word_count.py            # okuma sırasındaki bütün bölümler
    .venv/bin/python tools/word_count.py notebooks_src/03_dinamik_evrisim.md
    .venv/bin/python tools/word_count.py --wpm 150  # başka bir okuma hızı

Ana çizgi: bölümün düzyazısı (başlıklar, bağlantı metinleri, satır içi kod ve satır içi matematik
birer sözcük, yapıştırılan her sayı bir sözcük). Sayılmayan: ön bilgi, kod hücreleri ve çıktıları,
çitli kod blokları, ayrık matematik, yönerge seçenekleri, ``{cite}`` rolleri ve açılır
"Derinlemesine" kutularının içi (ayrı sütunda). Kural: ``tools/booktext.py``, ``main_line_words``.

Okuma süresi varsayımı: teknik Türkçe metin için dakikada 180 sözcük (``--wpm``). Türkçe sondan
eklemeli bir dil olduğundan sözcükler uzundur; teknik metinde formül ve şekillere bakmak da zaman
alır. Kodu çalıştırmak, çıktıyı ve şekilleri incelemek bu süreye dâhil değildir.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Sequence, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from booktext import ROOT, chapters, main_line_words  # noqa: E402

DEFAULT_WPM = 180


def count(paths: Sequence[Path]) -> List[Tuple[str, int, int]]:
    """``[(bölüm adı, ana çizgi sözcükleri, Derinlemesine sözcükleri), ...]``."""
    return [(p.stem, *main_line_words(p.read_text(encoding="utf-8"))) for p in paths]


def minutes(words: int, wpm: int) -> str:
    return f"{words / wpm:.0f} dk".replace(".", ",")


def report(rows: List[Tuple[str, int, int]], wpm: int) -> str:
    width = max([len(r[0]) for r in rows] + [6])
    lines = [f"{'bölüm':<{width}}  {'ana çizgi':>9}  {'süre':>6}  {'Derinlemesine':>13}",
             "-" * (width + 36)]
    for name, main, deep in rows:
        lines.append(f"{name:<{width}}  {main:>9}  {minutes(main, wpm):>6}  {deep:>13}")
    total_main = sum(r[1] for r in rows)
    total_deep = sum(r[2] for r in rows)
    lines.append("-" * (width + 36))
    lines.append(f"{'toplam':<{width}}  {total_main:>9}  {minutes(total_main, wpm):>6}  "
                 f"{total_deep:>13}")
    lines.append(f"(okuma hızı varsayımı: dakikada {wpm} sözcük, teknik Türkçe; kod ve çıktılar "
                 "hariç)")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path,
                        help="bölüm kaynakları (varsayılan: okuma sırasındaki bütün bölümler)")
    parser.add_argument("--wpm", type=int, default=DEFAULT_WPM,
                        help=f"dakikada okunan sözcük (varsayılan: {DEFAULT_WPM})")
    args = parser.parse_args(argv)
    if args.wpm <= 0:
        parser.error(f"--wpm pozitif bir tamsayı olmalı; verilen: {args.wpm}")
    paths = args.files or chapters(ROOT)
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        parser.error("dosya bulunamadı: " + ", ".join(missing))
    print(report(count(paths), args.wpm))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
