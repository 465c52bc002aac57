"""Derlenmiş kitabın çalıştırılmış defterlerinden yapıştırılan (glue) sayıları okur.

Bölümler ölçtükleri sayıları ``dynlayers.viz.glue_number`` ile yapıştırır; düzyazı onları Türkçe
biçimiyle alıntılar, çıktı ise kesin değeri ``GLUE_NUMBER_MIME`` türünde saklar. Derleme
defterleri ``_build/jupyter_execute/`` altına çalıştırılmış hâlleriyle yazar; testler kitabın
gösterdiği sayıları (yeniden hesaplamadan) oradan okur.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict

from dynlayers.viz import GLUE_NUMBER_MIME

ROOT = Path(__file__).resolve().parents[2]
EXECUTED = ROOT / "_build" / "jupyter_execute"


def executed_notebook(chapter: str) -> Path:
    """``04_dinamik_ag_egitmek`` gibi bir bölüm adının çalıştırılmış defterinin yolu."""
    matches = sorted(EXECUTED.rglob(f"{chapter}.ipynb"))
    if not matches:
        raise FileNotFoundError(
            f"{chapter}.ipynb çalıştırılmış hâli {EXECUTED} altında yok; önce kitap derlenmeli.")
    return matches[0]


def glued_numbers(chapter: str) -> Dict[str, float]:
    """Bölümde ``glue_number`` ile yapıştırılmış her sayının kesin değeri: ``ad -> float``."""
    nb = json.loads(executed_notebook(chapter).read_text(encoding="utf-8"))
    values: Dict[str, float] = {}
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            name = out.get("metadata", {}).get("scrapbook", {}).get("name")
            for mime, payload in out.get("data", {}).items():
                if name and mime.endswith(GLUE_NUMBER_MIME):
                    values[name] = float(payload["value"])
    return values
