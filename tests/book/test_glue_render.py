"""Yapıştırılan sayılar derlenmiş sayfada Türkçe yazımıyla görünür (küçük bir deneme kitabıyla).

myst-nb ``{glue:text}`` rolünde ``text/plain`` değerini ``literal_eval`` ile çözer; virgüllü bir
sayı (``0,976``) çıplak yazılırsa sayfada ``(0, 976)`` demeti olarak görünür. Bu test
``dynlayers.viz.glue_number``'ın doğru metni verdiğini gerçek bir derlemeyle denetler.
"""

from __future__ import annotations

import html
import re
import shutil

import pytest

from conftest import ROOT, run_build
from test_build import HEADER, _mini_book

pytestmark = pytest.mark.build

PAGE = HEADER + """```{code-cell} ipython3
from dynlayers.viz import glue_number

glue_number("oran", 0.97556, 3)
glue_number("kat", 8.41, 1)
glue_number("yuzde", 0.72, 1, percent=True);
```

Oran {glue:text}`oran` ve kat {glue:text}`kat`, yüzde {glue:text}`yuzde` bitti.
"""


def test_glued_numbers_render_in_turkish(tmp_path):
    book = _mini_book(tmp_path, PAGE)
    shutil.copytree(ROOT / "book" / "_static", book / "book" / "_static")  # uyarısız derleme için
    rc, out, _ = run_build(book, tmp_path / "log.txt", timeout=600)
    assert rc == 0, "deneme kitabı derlenemedi:\n" + out[-3000:]
    page = (book / "_build" / "html" / "book" / "deneme.html").read_text(encoding="utf-8")
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    found = text[text.find("Oran"):text.find("Oran") + 80]
    assert "Oran 0,976 ve kat 8,4 , yüzde %72,0 bitti." in text, found
