"""Kaynak/defter eşleri: içerik karşılaştırması, eksik eşler, bölüm iskeleti."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from notebook_pairs import compare_pair, list_pairs, read_ipynb, read_md  # noqa: E402

PAIRS = list_pairs()


def test_there_are_notebooks():
    assert PAIRS, "notebooks_src/ içinde hiç kaynak yok"


@pytest.mark.parametrize("stem,md,nb", PAIRS, ids=[p[0] for p in PAIRS])
def test_pair_matches(stem, md, nb):
    problems = compare_pair(stem, md, nb)
    assert not problems, "\n".join(problems) + "\n`make sync` çalıştırın."


def test_compare_detects_differences(tmp_path):
    """Karşılaştırma gerçekten içeriğe bakar (zaman damgasına değil)."""
    import shutil

    stem, md, nb = PAIRS[0]
    md2, nb2 = tmp_path / "x.md", tmp_path / "x.ipynb"
    shutil.copy(md, md2)
    shutil.copy(nb, nb2)
    assert compare_pair("x", md2, nb2) == []
    text = md2.read_text(encoding="utf-8")
    md2.write_text(text.replace("print(", "print(1, ", 1), encoding="utf-8")
    assert compare_pair("x", md2, nb2), "değiştirilmiş kaynak fark edilmedi"
    assert compare_pair("x", tmp_path / "yok.md", nb2), "kaynaksız defter fark edilmedi"
    assert compare_pair("x", md2, tmp_path / "yok.ipynb"), "defteri olmayan kaynak fark edilmedi"


@pytest.mark.parametrize("stem,md,nb", PAIRS, ids=[p[0] for p in PAIRS])
def test_notebook_metadata(stem, md, nb):
    """Colab'dan GPU ister, python3 çekirdeği kullanır; Jupytext gidiş-dönüşünde korunur."""
    for note in (read_md(md), read_ipynb(nb)):
        meta = note.metadata
        assert meta.get("accelerator") == "GPU", f"{stem}: accelerator: GPU yok"
        assert meta.get("colab", {}).get("gpuType") == "T4", f"{stem}: colab.gpuType: T4 yok"
        assert "provenance" in meta.get("colab", {}), f"{stem}: colab.provenance yok"
        assert meta.get("kernelspec", {}).get("name") == "python3", f"{stem}: kernelspec python3 değil"


@pytest.mark.parametrize("stem,md,nb", PAIRS, ids=[p[0] for p in PAIRS])
def test_setup_cell_picks_cuda(stem, md, nb):
    """İkinci kod hücresi varsa GPU'yu seçer ve hangi aygıtı kullandığını yazar."""
    code = [c for c in read_ipynb(nb).cells if c.cell_type == "code"]
    assert len(code) >= 2, f"{stem}: en az iki kod hücresi olmalı (kurulum + hazırlık)"
    setup = code[1].source
    assert 'torch.cuda.is_available()' in setup and '"cuda"' in setup, (
        f"{stem}: hazırlık hücresi cuda'yı seçmiyor")
    assert "print(" in setup and "device" in setup, f"{stem}: aygıt yazdırılmıyor"
    assert "use_book_style()" in setup, f"{stem}: use_book_style() çağrılmıyor"
