"""Sayılar Türkçe yazılır: hücrelerin gösterdiği sayılar ``format_number``'dan geçer.

Kitabın tek sayı biçimleyicisi ``dynlayers.viz.format_number``'dır (ondalık virgül, noktayla
gruplanmış binler, ``%12,5``). Python'un biçim belirteçleri sayıyı İngilizce yazar: ``f"{x:.3f}"``
``0.998``, ``f"{n:,}"`` ``98,682`` verir; Türk okur ikincisini "doksan sekiz virgül altı sekiz iki"
diye okur.

Kural (bölüm kaynaklarının kod hücrelerinde; ``remove-cell`` ve ``remove-output`` etiketli
hücreler hariç, çünkü çıktıları sayfada görünmez):

1. Sayı biçimleyen biçim belirteci yasaktır: f-dizelerinde, ``"...".format(...)`` ve
   ``format(x, "...")`` çağrılarında basamak sayısı (``.3``), ``e E f F g G n %`` türleri ya da
   binlik ayırıcı (``,`` ``_``) içeren belirteçler: ``{x:.3f}``, ``{n:,}``, ``{r:.0%}``,
   ``{v:.2e}``, ``{T:g}``. ``%`` işleciyle ``"%.3f" % x`` biçimi de. Yerine:
   ``format_number(x, 3)``, ``format_number(n)``, ``format_number(r, 0, percent=True)``,
   ``format_number(v, scientific=True)``. Yalnızca hizalama ve genişlik (``{ad:<10}``, ``{k:2d}``,
   ``{s:>8}``) serbesttir: sütunları hizalamak için ``f"{format_number(x, 3):>8}"`` yazın.
2. Gösterilen değerde ``round(...)`` ya da ``.round(...)`` yasaktır: ``print(...)``,
   ``display(...)``, f-dizesi ya da grafik metni (``set_title``, ``set_xlabel``, ``text``,
   ``annotate`` ...) içinde yuvarlanan sayı ondalık noktayla görünür (``[0.123, 0.456]``,
   ``tensor([0.12, ...])``). Yerine ``[format_number(v, 3) for v in ...]`` ya da tablo için
   ``show_table``. Hesapta kullanılan ``round`` (gösterilmeyen) serbesttir.

Bilinçli istisna: Python'un kendi gösterimini anlatan satır (ör. ``f"{x:.3f}"``'in ne bastığını
göstermek) ``# biçim: python`` yorumuyla işaretlenir; yorum, ilgili deyimin satırlarından birinde
durur. İstisna seyrektir: bir bölümde ``OPT_OUT_LIMIT``'ten fazlası başarısızlıktır ve hepsi
listelenir.

Denetimin göremedikleri (kaynak düzeyinde tür bilinmez): biçimlenmeden basılan bir ondalık sayı
(``print(x)``, ``f"{x}"``), tensör ya da NumPy dizisi. Bunlar da İngilizce yazılır; sonuç olarak
okunan çıktılarda ``format_number`` kullanın.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

import pytest

from booktext import CodeCell, code_cells

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "notebooks_src").glob("*.md"))
SKIP_TAGS = {"remove-cell", "remove-output"}
OPT_OUT = re.compile(r"#\s*biçim:\s*python\b", re.I)
#: Bir bölümde izin verilen ``# biçim: python`` istisnası sayısı.
OPT_OUT_LIMIT = 3

#: Python biçim belirteci: [[dolgu]hiza][işaret][z][#][0][genişlik][gruplama][.basamak][tür]
_SPEC = re.compile(r"^(?:.?[<>=^])?[+\- ]?z?#?0?(?P<width>\d*)(?P<grouping>[,_])?"
                   r"(?:\.(?P<precision>\d+))?(?P<type>[bcdeEfFgGnosxX%])?$", re.S)
_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[eEfFgG]")
#: Çıktısı sayfada metin olarak görünen çağrılar (``round`` bunların içinde yasaktır).
OUTPUT_CALLS = {"print", "display", "set_title", "suptitle", "set_xlabel", "set_ylabel", "text",
                "annotate", "title", "xlabel", "ylabel", "legend", "set_xticklabels",
                "set_yticklabels", "bar_label", "show_table", "Markdown", "HTML"}


def spec_problem(spec: str) -> Optional[str]:
    """Biçim belirteci sayıyı İngilizce yazıyorsa nedenini, yoksa ``None`` döndürür."""
    m = _SPEC.match(spec)
    if not m:
        return None  # Python'un belirteci değil (ör. datetime biçimi)
    if m.group("grouping"):
        return "binlik ayırıcı virgül/alt çizgi"
    kind = m.group("type")
    if kind in ("s", "r", "a", "c", "d", "b", "o", "x", "X"):
        return None
    if kind:
        return {"%": "yüzde İngilizce yazılır (12.5%)", "e": "bilimsel gösterim",
                "E": "bilimsel gösterim"}.get(kind, "ondalık nokta")
    if m.group("precision"):
        return "ondalık nokta"
    return None


def _constant_spec(node: ast.AST) -> Optional[str]:
    """f-dizesindeki belirteç (iç içe ``{}`` parçaları ``1`` sayılır); sabit değilse ``None``."""
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "1" for v in node.values)
    return None


def _call_name(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def cell_problems(cell: CodeCell) -> Iterator[Tuple[int, int, int, str]]:
    """Bir hücrenin sorunları: ``(satır, deyimin ilk satırı, deyimin son satırı, açıklama)``;
    satırlar hücrenin içinde 1'den."""
    tree = ast.parse(cell.python_source())
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node

    def stmt_of(node: ast.AST) -> ast.AST:
        while not isinstance(node, ast.stmt) and node in parents:
            node = parents[node]
        return node

    def shown(node: ast.AST) -> bool:
        while node in parents:
            node = parents[node]
            if isinstance(node, ast.FormattedValue) or (
                    isinstance(node, ast.Call) and _call_name(node) in OUTPUT_CALLS):
                return True
            if isinstance(node, ast.stmt):
                return False
        return False

    def report(node: ast.AST, text: str):
        stmt = stmt_of(node)
        return node.lineno, max(stmt.lineno, getattr(stmt, "end_lineno", stmt.lineno)), \
            stmt.lineno, text

    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for v in node.values:
                if isinstance(v, ast.FormattedValue):
                    spec = _constant_spec(v.format_spec)
                    why = spec_problem(spec) if spec is not None else None
                    if why:
                        found.append(report(node, f"{{{ast.unparse(v.value)}:{spec}}} ({why})"))
        elif isinstance(node, ast.Call):
            name = _call_name(node)
            if (name == "format" and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Constant)
                    and isinstance(node.func.value.value, str)):
                try:
                    fields = list(string.Formatter().parse(node.func.value.value))
                except ValueError:
                    fields = []
                for _, fname, spec, _ in fields:
                    why = spec_problem(spec) if spec else None
                    if why:
                        found.append(report(node, f'"{{{fname}:{spec}}}".format ({why})'))
            elif name == "format" and isinstance(node.func, ast.Name) and len(node.args) == 2:
                spec = _constant_spec(node.args[1])
                why = spec_problem(spec) if spec else None
                if why:
                    found.append(report(node, f"format(..., {spec!r}) ({why})"))
            elif name == "round" and shown(node):
                found.append(report(node, f"{ast.unparse(node)[:60]} gösteriliyor (ondalık nokta)"))
        elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod)
              and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str)):
            for m in _PERCENT.finditer(node.left.value):
                found.append(report(node, f"'{m.group(0)}' % ... (ondalık nokta)"))
    for line, last, first, text in sorted(set(found)):
        yield line, first, last, text


def number_problems(md: str, where: str) -> Tuple[List[str], List[str]]:
    """Bir kaynağın ``(sorunları, istisnaları)``: ``"yer:satır: açıklama"`` metinleri."""
    problems, opt_outs = [], []
    for cell in code_cells(md):
        if set(cell.tags) & SKIP_TAGS:
            continue
        try:
            found = list(cell_problems(cell))
        except SyntaxError as exc:
            problems.append(f"{where}:{cell.line + (exc.lineno or 1) - 1}: hücre Python olarak "
                            f"çözümlenemedi ({exc.msg}); denetlenemedi")
            continue
        for line, first, last, text in found:
            at = f"{where}:{cell.line + line - 1}: {text}"
            stmt_lines = cell.lines[first - 1:last]
            if any(OPT_OUT.search(s) for s in stmt_lines):
                opt_outs.append(at)
            else:
                problems.append(at)
    return problems, opt_outs


def _failure(where: str, problems: List[str], opt_outs: List[str]) -> str:
    parts = []
    if problems:
        parts.append(
            f"{where}: {len(problems)} yerde sayı Python'un İngilizce biçimiyle gösteriliyor; "
            "dynlayers.viz.format_number kullanın (ör. format_number(x, 3), format_number(n), "
            "format_number(r, 1, percent=True), format_number(v, scientific=True)); tablo için "
            "show_table:\n" + "\n".join(problems))
    if len(opt_outs) > OPT_OUT_LIMIT:
        parts.append(f"{where}: '# biçim: python' istisnası {len(opt_outs)} kez kullanılmış (en çok "
                     f"{OPT_OUT_LIMIT}); istisna yalnızca Python'un kendi gösterimini anlatan satır "
                     "içindir:\n" + "\n".join(opt_outs))
    return "\n\n".join(parts)


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_numbers_go_through_format_number(path):
    where = f"notebooks_src/{path.name}"
    problems, opt_outs = number_problems(path.read_text(encoding="utf-8"), where)
    message = _failure(where, problems, opt_outs)
    if message:
        pytest.fail(message, pytrace=False)


# --------------------------------------------------------------------------- denetimin kendisi

def _md(code: str, tags: str = "") -> str:
    return ("# Deneme\n\n```{code-cell} ipython3\n" + (f":tags: [{tags}]\n\n" if tags else "")
            + code + "\n```\n")


@pytest.mark.parametrize("code", [
    'print(f"doğruluk {acc:.3f}")',
    'print(f"{n:,} parametre")',
    'print(f"{n:_}")',
    'print(f"oran {r:.0%}")',
    'print(f"fark {d:.2e}")',
    'print(f"T = {T:g}")',
    'print(f"{x:>10.4f}")',
    'print(f"{x:.3}")',
    'print(f"{x:{w}.{p}f}")',
    'print("{:.2f}".format(x))',
    'print("{ad:,}".format(ad=n))',
    'print("%.3f" % x)',
    'print("%(a)5.1f" % {"a": x})',
    'print(format(x, ".2f"))',
    'ax.set_title(f"ağırlık {w:.2f}")',
    'print([round(v, 3) for v in xs])',
    'print("a:", a.numpy().round(3))',
    'print(f"{[round(v, 2) for v in row]}")',
    'display(t.round(decimals=2))',
    'for T in Ts:\n    print(f"T = {T}: {m:.4f}")',
    'print(\n    f"uzun satır {x:.2f}"\n    f" devam"\n)',
])
def test_detector_flags_english_numbers(code):
    problems, opt_outs = number_problems(_md(code), "d.md")
    assert problems and not opt_outs, code


@pytest.mark.parametrize("code", [
    'print(f"doğruluk {format_number(acc, 3)}")',
    'print(f"{format_number(x, 3):>8}")',
    'print(f"{name:<10} {k:2d} {s!r:>7} {label:>12s}")',
    'print(f"{x}")',
    'y = round(x, 3)',
    'n = int(round(total / 2))',
    'k = x.round()',
    'print("%s: %d" % (ad, n))',
    'print("{:>10}".format(ad))',
    '%pip install dynlayers\nprint("tamam")',
    'from dynlayers.viz import format_number\nprint(format_number(0.5, 2))',
])
def test_detector_allows_turkish_numbers(code):
    assert number_problems(_md(code), "d.md") == ([], [])


def test_detector_skips_cells_without_visible_output():
    code = 'print(f"{x:.3f}")'
    assert number_problems(_md(code, "remove-cell"), "d.md") == ([], [])
    assert number_problems(_md(code, "remove-output"), "d.md") == ([], [])
    assert number_problems(_md(code, "hide-cell"), "d.md")[0]
    assert number_problems(_md(code, "remove-input"), "d.md")[0]


def test_detector_reports_source_line():
    md = _md('x = 0.5\nprint(f"{x:.3f}")')
    assert number_problems(md, "d.md") == (["d.md:5: {x:.3f} (ondalık nokta)"], [])


def test_opt_out_and_its_limit(tmp_path):
    line = 'print(f"{x:.3f}")  # biçim: python (f-dizesinin ne bastığını gösteriyoruz)'
    problems, opt_outs = number_problems(_md(line), "d.md")
    assert problems == [] and len(opt_outs) == 1
    multi = 'print(\n    f"{x:.3f}",\n)  # biçim: python'
    assert number_problems(_md(multi), "d.md")[0] == []
    many = "\n".join([line] * (OPT_OUT_LIMIT + 1))
    path = tmp_path / "d.md"
    path.write_text(_md(many), encoding="utf-8")
    problems, opt_outs = number_problems(path.read_text(encoding="utf-8"), "d.md")
    message = _failure("d.md", problems, opt_outs)
    assert f"{OPT_OUT_LIMIT + 1} kez" in message and message.count("\nd.md:") == OPT_OUT_LIMIT + 1
    assert _failure("d.md", [], opt_outs[:OPT_OUT_LIMIT]) == ""


def test_unparsable_cell_is_reported_not_skipped():
    problems, _ = number_problems(_md("print(f'{x:.3f}'"), "d.md")
    assert problems and "çözümlenemedi" in problems[0]
