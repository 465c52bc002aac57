"""tests/book/glued.py: yapıştırılmış sayıları okuyan yardımcının kendisi (derleme gerekmez)."""

from __future__ import annotations

import json

import pytest

from glued import Glued, glue_file, glued_numbers, read_glued_numbers

from dynlayers.viz import GLUE_NUMBER_MIME, GluedNumber

PREFIX = "application/papermill.record/"


def _glue_output(name, value, digits):
    """``glue_number`` çağrısının deftere yazdığı çıktının aynısı (myst_nb.glue, display=False)."""
    bundle, _ = GluedNumber(value, digits)._repr_mimebundle_()
    return {"output_type": "display_data", "data": {PREFIX + k: v for k, v in bundle.items()},
            "metadata": {"scrapbook": {"name": name, "mime_prefix": PREFIX}}}


def _notebook(tmp_path, outputs):
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "metin"},
             {"cell_type": "code", "metadata": {}, "source": "...", "execution_count": 1,
              "outputs": outputs}]
    path = tmp_path / "deneme.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}), encoding="utf-8")
    return path


def _glue_json(tmp_path, outputs, stem="deneme"):
    """myst-nb'nin derlemede yazdığı biçim: ad -> çıktı, MIME öneki atılmış."""
    data = {}
    for out in outputs:
        meta = out["metadata"]["scrapbook"]
        n = len(meta["mime_prefix"])
        data[meta["name"]] = dict(out, data={k[n:]: v for k, v in out["data"].items()})
    path = tmp_path / "jupyter_execute" / "book" / f"{stem}.glue.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


EXPECTED = {"a": Glued(0.97111, "0,971"), "b": Glued(8.37, "8,4")}


def test_reads_glue_json_written_by_the_build(tmp_path):
    plain_glue = {"output_type": "display_data", "data": {PREFIX + "text/plain": "'x'"},
                  "metadata": {"scrapbook": {"name": "duz", "mime_prefix": PREFIX}}}
    _glue_json(tmp_path, [_glue_output("a", 0.97111, 3), _glue_output("b", 8.37, 1), plain_glue])
    assert glued_numbers("deneme", root=tmp_path / "jupyter_execute") == EXPECTED


def test_reads_notebook_outputs(tmp_path):
    shown = {"output_type": "execute_result", "execution_count": 1, "metadata": {},
             "data": {"text/plain": "0,50", GLUE_NUMBER_MIME: {"value": 0.5, "text": "0,50"}}}
    path = _notebook(tmp_path, [_glue_output("a", 0.97111, 3), _glue_output("b", 8.37, 1),
                                {"output_type": "stream", "name": "stdout", "text": "x\n"},
                                shown])
    assert read_glued_numbers(path) == EXPECTED


def test_duplicate_name_is_an_error(tmp_path):
    path = _notebook(tmp_path, [_glue_output("a", 0.1, 1), _glue_output("a", 0.2, 1)])
    with pytest.raises(ValueError, match="iki kez"):
        read_glued_numbers(path)


def test_missing_file_says_build_first(tmp_path):
    with pytest.raises(FileNotFoundError, match="derlendi mi"):
        glue_file("yok", root=tmp_path)
