"""Kaynak (.md) / defter (.ipynb) eşlerini listeleme ve içerik karşılaştırma.

Hem ``make sync`` hem de ``tests/book/test_pairing.py`` bunu kullanır. Karşılaştırma zaman
damgalarına değil içeriğe bakar: hücre türleri, kaynakları, ``tags``/``mystnb`` metadata'sı ve
defter metadata'sı (kernelspec, Colab GPU ayarları).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parents[1]
SRC_DIR = "notebooks_src"
NB_DIR = "book"
#: Hücrelerde karşılaştırılan (ve Jupytext'in koruduğu) metadata anahtarları.
CELL_KEYS = ("tags", "mystnb")
#: Defter düzeyinde karşılaştırılan metadata anahtarları.
NB_KEYS = ("kernelspec", "colab", "accelerator")


def list_pairs(root: Path = ROOT) -> List[Tuple[str, Path, Path]]:
    """``(ad, md yolu, ipynb yolu)``; dosyalardan biri eksik olabilir."""
    stems = {p.stem for p in (root / SRC_DIR).glob("*.md")}
    stems |= {p.stem for p in (root / NB_DIR).glob("*.ipynb")}
    return [
        (s, root / SRC_DIR / f"{s}.md", root / NB_DIR / f"{s}.ipynb") for s in sorted(stems)
    ]


def _normalise(nb) -> Dict:
    cells = []
    for cell in nb.cells:
        meta = {k: cell.metadata[k] for k in CELL_KEYS if k in cell.metadata}
        cells.append({"type": cell.cell_type, "source": cell.source.strip("\n"), "metadata": meta})
    meta = {k: nb.metadata[k] for k in NB_KEYS if k in nb.metadata}
    return {"metadata": meta, "cells": cells}


def read_md(path: Path):
    import jupytext

    return jupytext.read(path, fmt="md:myst")


def read_ipynb(path: Path):
    import nbformat

    return nbformat.read(path, as_version=4)


def compare_pair(stem: str, md: Path, nb: Path) -> List[str]:
    """Eşteki sorunların listesi (boşsa eş uyumlu)."""
    if not md.exists():
        return [f"{NB_DIR}/{stem}.ipynb için kaynak yok: {SRC_DIR}/{stem}.md bulunamadı."]
    if not nb.exists():
        return [f"{SRC_DIR}/{stem}.md için defter yok: {NB_DIR}/{stem}.ipynb bulunamadı "
                "(`make sync` çalıştırın)."]
    problems: List[str] = []
    a, b = _normalise(read_md(md)), _normalise(read_ipynb(nb))
    if a["metadata"] != b["metadata"]:
        problems.append(
            f"{stem}: defter metadata'sı farklı: md={json.dumps(a['metadata'], ensure_ascii=False)} "
            f"ipynb={json.dumps(b['metadata'], ensure_ascii=False)}"
        )
    if len(a["cells"]) != len(b["cells"]):
        problems.append(
            f"{stem}: hücre sayısı farklı (md {len(a['cells'])}, ipynb {len(b['cells'])})."
        )
    for i, (ca, cb) in enumerate(zip(a["cells"], b["cells"])):
        if ca != cb:
            first = (ca["source"].splitlines() or [""])[0][:60]
            problems.append(f"{stem}: {i + 1}. hücre farklı (md'de: {first!r}).")
            break
    raw = json.loads(nb.read_text(encoding="utf-8"))
    for i, cell in enumerate(raw.get("cells", [])):
        if cell.get("cell_type") == "code" and (cell.get("outputs") or cell.get("execution_count")):
            problems.append(f"{stem}: ipynb'de {i + 1}. hücrenin çıktısı var; depoya çıktısız girmeli.")
            break
    return problems


def strip_outputs(nb_path: Path) -> bool:
    """Kod hücrelerinin çıktılarını ve sayaçlarını siler; dosya değiştiyse ``True``."""
    import nbformat

    nb = nbformat.read(nb_path, as_version=4)
    changed = False
    for cell in nb.cells:
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None):
            cell.outputs = []
            cell.execution_count = None
            changed = True
    if changed:
        nbformat.write(nb, nb_path)
    return changed
