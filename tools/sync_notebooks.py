"""notebooks_src/*.md kaynaklarını book/*.ipynb eşleriyle eşitler (``make sync``).

* Her ``notebooks_src/<ad>.md`` için Jupytext'i depo kökünden çalıştırır (``jupytext.toml``'daki
  eşleme ve metadata süzgeçleri böylece uygulanır); kaynağı olmayan bir ``book/<ad>.ipynb``
  (ör. Colab'da oluşturulmuş) için de ``.md`` kaynağı üretir.
* Jupytext hangi dosyanın daha yeni olduğuna bakar: ``.md``'yi düzenlediyseniz ``.ipynb``
  güncellenir; ``.ipynb``'yi Jupyter'de düzenlediyseniz ``.md`` güncellenir.
* Ardından ``.ipynb`` dosyalarındaki çıktıları ve çalıştırma sayaçlarını siler: eşler depoya çıktısız
  girer.
* ``--check``: hiçbir şey yazmaz; eşler içerik olarak farklıysa 1 ile çıkar.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from notebook_pairs import SRC_DIR, NB_DIR, compare_pair, list_pairs, strip_outputs  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="yalnızca denetle, yazma")
    parser.add_argument("stems", nargs="*", help="yalnızca bu bölümler (ör. 00_giris); boşsa hepsi")
    args = parser.parse_args(argv)
    wanted = {Path(s).stem for s in args.stems}

    def pairs():
        return [p for p in list_pairs() if not wanted or p[0] in wanted]

    if args.check:
        problems = []
        for stem, md, nb in pairs():
            problems += compare_pair(stem, md, nb)
        for p in problems:
            print(p)
        print("Eşler uyumlu." if not problems else f"{len(problems)} sorun bulundu.")
        return 1 if problems else 0

    jupytext = [sys.executable, "-m", "jupytext"]
    for stem, md, nb in pairs():
        target = md if md.exists() else nb
        rel = target.relative_to(ROOT)
        subprocess.run([*jupytext, "--sync", "--quiet", str(rel)], cwd=ROOT, check=True)
        print(f"eşitlendi: {SRC_DIR}/{stem}.md <-> {NB_DIR}/{stem}.ipynb")
    for _, _, nb in pairs():
        if nb.exists() and strip_outputs(nb):
            print(f"çıktılar silindi: {nb.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
