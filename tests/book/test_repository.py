"""Depoya yalnızca kaynak girer: sanal ortam, node_modules ya da bir çalışma ağacının bağlantıları değil.

Bir çalışma ağacında ``.venv`` ya da ``node_modules`` sembolik bağlantısı işlenirse, birleştirme
ana kopyadaki gerçek klasörün yerine bağlantıyı yazar (git yok sayılan dosyaları silinebilir sayar) ve
ortam kaybolur. Bu test, depoda hiçbir sembolik bağlantı ve ortam klasörü olmadığını denetler.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tracked_entries():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("git deposu değil")
    out = subprocess.run(["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        meta, path = line.split("\t", 1)
        yield meta.split()[0], path


def test_no_symlinks_or_environments_are_tracked():
    bad = [path for mode, path in _tracked_entries()
           if mode == "120000" or path.split("/")[0] in {".venv", "node_modules", "_build"}]
    assert not bad, ("Depoda olmaması gereken girdiler (sembolik bağlantı ya da ortam): "
                     + ", ".join(bad) + "\n`git rm --cached` ile çıkarın.")
