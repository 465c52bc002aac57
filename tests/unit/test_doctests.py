"""Belge dizelerindeki örnekler (doctest) ve API başvurusunun kapsamı.

* Paketin her modülündeki ``>>>`` örnekleri çalıştırılır; çıktıları belge dizesindekiyle aynı
  olmalıdır. Her örnekten önce ``torch.manual_seed(0)`` çağrılır; örnekler yine de rastgele
  sayıların değerine değil şekillere ve özelliklere bakmalıdır (``.shape``, ``allclose``).
  ``dynlayers.viz`` örnekleri matplotlib'in ekransız ``Agg`` arka ucuyla ve statik kaydırıcı kipiyle
  çalışır.
* Herkese açık her sınıf ve fonksiyonun (modüllerin ``__all__`` listeleri) belge dizesi vardır,
  argüman alıyorsa ``Args:`` bölümü ve çalışan bir ``Example:`` bölümü (``>>>``) taşır; ileri geçişi
  olan modüller (``nn.Module``) ayrıca ``Shape:`` bölümü taşır.
* ``book/api.md`` bu modüllerin hepsini ``automodule`` ile belgeler: yeni bir modül eklenip API
  sayfasına konmazsa test başarısız olur.

``pytest --doctest-modules dynlayers`` ile aynı örnekler doğrudan da çalıştırılabilir.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import os
import pkgutil
import re
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

import dynlayers  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
#: Çalıştırılmayan modüller: komut satırı girişleri (yan etkili) yok; hepsi taranır.
MODULES = sorted(
    m.name for m in pkgutil.walk_packages(dynlayers.__path__, prefix="dynlayers.")
    if not m.name.endswith("__main__")
)
MODULES = ["dynlayers"] + MODULES
#: Herkese açık API'si olan modüller (``__all__``'u olan, adı ``_`` ile başlamayanlar).
PUBLIC_MODULES = [
    name for name in MODULES
    if not any(part.startswith("_") for part in name.split("."))
    and getattr(importlib.import_module(name), "__all__", None)
]
OPTIONFLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.fixture(autouse=True)
def _book_env(monkeypatch):
    monkeypatch.setenv("DYNLAYERS_SLIDERS", "static")
    try:
        import matplotlib

        matplotlib.use("Agg")
    except ImportError:
        pass
    yield
    try:
        import matplotlib.pyplot as plt

        plt.close("all")
    except ImportError:
        pass


def _doctests(name):
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    tests = [t for t in finder.find(module, name) if t.examples]
    # Yalnızca bu modülde tanımlı nesnelerin örnekleri (yeniden dışa aktarılanlar kendi modülünde).
    return [t for t in tests if _defined_here(module, t.name)]


def _defined_here(module, test_name):
    obj = module
    for part in test_name.split(".")[len(module.__name__.split(".")):]:
        obj = getattr(obj, part, None)
        if obj is None:
            return True
    mod = getattr(obj, "__module__", module.__name__)
    return inspect.ismodule(obj) or mod == module.__name__


def _ids():
    out = []
    for name in MODULES:
        for t in _doctests(name):
            out.append(pytest.param(name, t.name, id=t.name))
    return out


DOCTESTS = _ids()


def test_there_are_doctests():
    assert len(DOCTESTS) >= 20, f"yalnızca {len(DOCTESTS)} örnek var"


@pytest.mark.parametrize("module_name,test_name", DOCTESTS)
def test_docstring_example(module_name, test_name):
    test = next(t for t in _doctests(module_name) if t.name == test_name)
    torch.manual_seed(0)
    out = []
    runner = doctest.DocTestRunner(optionflags=OPTIONFLAGS)
    runner.run(test, out=out.append)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, "".join(out)


def _public_objects():
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        for attr in module.__all__:
            obj = getattr(module, attr)
            if (inspect.isclass(obj) or inspect.isfunction(obj)) and obj.__module__ == name:
                yield pytest.param(obj, id=f"{name}.{attr}")


PUBLIC = list(_public_objects())


@pytest.mark.parametrize("obj", PUBLIC)
def test_public_docstring_sections(obj):
    doc = inspect.getdoc(obj) or ""
    problems = []
    if not doc:
        problems.append("belge dizesi yok")
    target = obj.__init__ if inspect.isclass(obj) else obj
    try:
        params = [n for n, p in inspect.signature(target).parameters.items()
                  if n not in ("self", "cls")
                  and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    except (TypeError, ValueError):
        params = []
    is_tuple_like = inspect.isclass(obj) and (hasattr(obj, "_fields") or
                                                hasattr(obj, "__dataclass_fields__"))
    if params and not is_tuple_like and not re.search(r"^(Args|Arguments|Parameters):", doc, re.M):
        problems.append(f"Args: bölümü yok (argümanlar: {', '.join(params)})")
    if not re.search(r"^Examples?:\s*\n(\s+.*\n)*?\s+>>> ", doc + "\n", re.M) and not is_tuple_like:
        problems.append("Example: bölümünde >>> örneği yok")
    if inspect.isclass(obj) and issubclass(obj, torch.nn.Module) and "forward" in vars(obj):
        if not re.search(r"^Shape:", doc, re.M):
            problems.append("Shape: bölümü yok (nn.Module)")
    assert not problems, f"{obj.__module__}.{obj.__qualname__}: " + "; ".join(problems)


def test_api_page_documents_every_public_module():
    text = (ROOT / "book" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\.\. automodule:: ([\w.]+)", text, re.M))
    missing = [m for m in PUBLIC_MODULES if m not in documented]
    assert not missing, "book/api.md bu modülleri belgelemiyor: " + ", ".join(missing)
