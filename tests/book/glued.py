"""Derlenmiş kitabın yapıştırılmış (glue) sayılarını okur.

Bölümler ölçtükleri sayıları ``dynlayers.viz.glue_number(ad, değer, basamak)`` ile yapıştırır;
düzyazı Türkçe biçimini ``{glue:text}`ad``` ile alıntılar. ``glue_number`` kesin değeri de
``dynlayers.viz.GLUE_NUMBER_MIME`` türünde ``{"value": ..., "text": ...}`` olarak saklar.

Jupyter Book (myst-nb) bir defteri çalıştırınca yapıştırma çıktılarını defterden çıkarır ve
``_build/jupyter_execute/<yol>.glue.json`` dosyasına yazar (ad -> çıktı, MIME öneki atılmış);
``_build/jupyter_execute/<yol>.ipynb`` içinde artık bulunmazlar. Buradaki fonksiyonlar bu dosyayı
okur; yapıştırma çıktılarını hâlâ taşıyan bir defteri (ör. ``nbclient`` ile çalıştırılmış) de
okuyabilir. Bölümlerin hedeflerini denetleyen testler (``test_glued_goals.py``) kesin değerleri
karşılaştırır.

Kullanım::

    from glued import glued_numbers

    values = glued_numbers("05_uzamsal_dikkat")       # ad -> Glued(value, text)
    assert values["spatial_pointing_acc"].value >= 0.80

Bu okumalar derlemeden sonra anlamlıdır: testleri ``pytest.mark.build`` ile işaretleyin ve
``book_build`` fixture'ını isteyin (derleme oturumda bir kez yapılır).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, Iterable, NamedTuple, Optional, Tuple

from conftest import BUILD_DIR

from dynlayers.viz import GLUE_NUMBER_MIME

#: Jupyter Book'un çalıştırılmış defterleri ve yapıştırma verisini yazdığı klasör.
EXECUTED_DIR = BUILD_DIR / "jupyter_execute"


class Glued(NamedTuple):
    """Bir yapıştırılmış sayı: kesin değer ve düzyazıda görünen Türkçe metin."""

    value: float
    text: str


def glue_file(stem: str, root: Optional[Path] = None) -> Path:
    """``book/<stem>``'in derlemede yazılan yapıştırma dosyası (yoksa ``FileNotFoundError``)."""
    path = (root or EXECUTED_DIR) / "book" / f"{stem}.glue.json"
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} yok: kitap derlendi mi, bölüm bir şey yapıştırıyor mu? (make book ya da "
            f"pytest -m build; DK_REUSE_BUILD=1 yalnızca var olan derlemeyi kullanır)"
        )
    return path


def _numbers(items: Iterable[Tuple[str, dict, str]], source: Path) -> Dict[str, Glued]:
    """(ad, çıktının data sözlüğü, MIME öneki) üçlülerinden glue_number değerleri."""
    found: Dict[str, Glued] = {}
    for name, data, prefix in items:
        payload = (data or {}).get(prefix + GLUE_NUMBER_MIME)
        if payload is None:
            continue  # glue_number ile değil, düz myst_nb.glue ile yapıştırılmış
        if name in found:
            raise ValueError(f"{source}: {name!r} iki kez yapıştırılmış")
        found[name] = Glued(float(payload["value"]), str(payload["text"]))
    return found


def read_glued_numbers(path: Path) -> Dict[str, Glued]:
    """Bir ``.glue.json`` dosyasındaki ya da bir defterin çıktılarındaki ``glue_number`` değerleri.

    Defterde yalnızca ``myst_nb.glue`` meta verisi (``scrapbook``) taşıyan çıktılar okunur; bir
    hücrenin son satırında kalan ``glue_number(...)`` çağrısının görünen sonucu bir yapıştırma
    değildir. Aynı ad iki kez yapıştırılmışsa ``ValueError`` (Jupyter Book da bunu uyarıyla
    reddeder).
    """
    path = Path(path)
    content = json.loads(path.read_text(encoding="utf-8"))
    if path.name.endswith(".glue.json"):
        # myst-nb: ad -> çıktı; MIME öneki çıkarılmış hâlde
        return _numbers(((name, out.get("data"), "") for name, out in content.items()), path)

    def outputs():
        for cell in content.get("cells", []):
            if cell.get("cell_type") != "code":
                continue
            for output in cell.get("outputs", []):
                meta = (output.get("metadata") or {}).get("scrapbook")
                if meta:
                    yield meta["name"], output.get("data"), meta.get("mime_prefix", "")

    return _numbers(outputs(), path)


def glued_numbers(stem: str, root: Optional[Path] = None) -> Dict[str, Glued]:
    """``book/<stem>``'in derlemede yapıştırılmış sayıları (ad -> :class:`Glued`)."""
    return read_glued_numbers(glue_file(stem, root))
