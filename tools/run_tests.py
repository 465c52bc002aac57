"""``make test``: bütün testleri aşamalar hâlinde çalıştırır, süreleri ve sonucu özetler.

Aşamalar (biri başarısız olsa da hepsi çalışır; sonunda herhangi biri başarısızsa çıkış kodu 1):

1. birim       ``pytest -m "not book" tests``          paketin birim testleri (tests/unit/)
2. kitap-hızlı ``pytest tests/book -m "not build and not browser"``
               eşler, kurulum hücresi (temiz ortamda gerçek kurulum dâhil), dynlayers.viz,
               sözlük ve editoryal denetimler (88 sütun, "tohum", sayı biçimi, tablolar,
               kaynaklar, Derinlemesine kutuları; bkz. CONTRIBUTING.md)
3. defterler   ``pytest --nbmake book/*.ipynb``        her defter baştan sona çalışır
4. derleme     ``pytest tests/book -m "build or browser"``
               kitabın derlemesi (-W, hata veren hücre/uyarı derlemeyi düşürür), derlenmiş
               sayfalarda ham Markdown tablosu denetimi ve Chromium'da sayfa denetimleri;
               Chromium yoksa tarayıcı testleri açıkça ATLANIR.

Ortam: ``DK_NBMAKE_WORKERS`` (varsayılan: çekirdek sayısı, en çok 2) defterleri pytest-xdist ile
paralel çalıştırır; paralelken her defter tek iş parçacığıyla çalışır (``OMP_NUM_THREADS=1``), çünkü
iki çekirdekte 2'şer iş parçacıklı iki çekirdek birbirini bekler ve toplam süre uzar.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def stage(name, args, env=None, ok_codes=(0,)):
    print(f"\n{'=' * 78}\n>> {name}: {' '.join(args)}\n{'=' * 78}", flush=True)
    t0 = time.perf_counter()
    rc = subprocess.call(args, cwd=ROOT, env=dict(os.environ, **(env or {})))
    dt = time.perf_counter() - t0
    return name, (rc in ok_codes), rc, dt


def main() -> int:
    results = []
    pytest = [PY, "-m", "pytest"]
    # 1. birim testleri (test toplanamazsa, ör. henüz yoksa, 5 döner: başarısızlık sayılmaz)
    results.append(stage("birim", [*pytest, "-m", "not book", "tests"], ok_codes=(0, 5)))
    # 2. kitap: hızlı testler
    results.append(stage("kitap-hizli", [*pytest, "tests/book", "-m", "not build and not browser"]))
    # 3. defterler
    notebooks = sorted(glob.glob(str(ROOT / "book" / "*.ipynb")))
    workers = int(os.environ.get("DK_NBMAKE_WORKERS", str(min(2, os.cpu_count() or 1))))
    extra = ["-n", str(workers)] if workers > 1 else []
    nb_env = {"DYNLAYERS_SLIDERS": "static"}
    if workers > 1:
        nb_env.update(OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    results.append(stage(
        "defterler", [*pytest, "--nbmake", "--nbmake-timeout=600", "--durations=0", *extra,
                      *[os.path.relpath(n, ROOT) for n in notebooks]],
        env=nb_env))
    # 4. derleme + tarayıcı
    chromium = next((shutil.which(c) for c in [os.environ.get("CHROMIUM") or "", "chromium",
                                                 "chromium-browser"] if c and shutil.which(c)), None)
    if chromium is None:
        print("\n" + "!" * 78 + "\nUYARI: Chromium bulunamadı: tarayıcı testleri ATLANACAK.\n"
              "Debian/Ubuntu: apt-get install chromium   (ya da CHROMIUM=/yol/chromium)\n"
              + "!" * 78, flush=True)
    results.append(stage("derleme+tarayici", [*pytest, "tests/book", "-m", "build or browser"]))

    print(f"\n{'=' * 78}\nÖZET")
    total = 0.0
    for name, ok, rc, dt in results:
        total += dt
        print(f"  {name:<18} {'TAMAM' if ok else 'BAŞARISIZ (çıkış ' + str(rc) + ')':<24} {dt:7.1f} s")
    print(f"  {'toplam':<18} {'':<24} {total:7.1f} s")
    if chromium is None:
        print("  Not: Chromium yok, tarayıcı testleri atlandı.")
    shots = ROOT / "_build" / "screenshots"
    if shots.is_dir():
        print(f"  Ekran görüntüleri: {shots.relative_to(ROOT)}/")
    failed = [r for r in results if not r[1]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
