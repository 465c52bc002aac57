"""Tablolar tablo olarak görünür: sayfada ham Markdown boru tablosu (``| a | b |``) kalmaz.

Bir hücrenin ``display(Markdown("| model | ... |\\n|---|---:|"))`` ile ürettiği tablo, myst-nb'nin
Markdown çıktılarını işleme biçimi yüzünden kitabın HTML'inde tablo olarak değil, ham metin olarak
kalabilir. Hücrelerin ürettiği tablolar ``dynlayers.viz.show_table`` ile gösterilir (HTML tablo,
Türkçe sayılar, düz metin yedeği).

İki denetim:

* Hızlı, kaynak düzeyinde (``test_no_markdown_tables_built_in_code``): bölüm kaynaklarının kod
  hücrelerinde Markdown tablosu kuran dize yoktur: ayraç satırı (``|---|---:|``) ya da ``|`` ile
  başlayıp ``|`` ile biten bir satır (f-dizelerinde ``{...}`` yer tutucu sayılır).
* Derlemede (``build`` işaretli, ``test_built_pages_have_no_raw_pipe_tables``): derlenmiş her
  HTML sayfasının düzyazısında ve hücre çıktılarında ayraç satırı ya da ``|`` ile başlayıp biten,
  en az üç ``|`` içeren satır yoktur. Sayfada gösterilen kod (hücre girdileri, düzyazıdaki kod
  blokları) ve gerçek ``<table>`` öğeleri sayılmaz.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import List

import pytest

from booktext import code_cells

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "notebooks_src").glob("*.md"))
SKIP_TAGS = {"remove-cell", "remove-output"}

#: Markdown tablo ayraç satırı: |---|:--:|---:| (baştaki/sondaki boru isteğe bağlı, en az iki
#: sütun). Tipografi uzantısı sayfada ``---``'yi uzun tireye (—) çevirebilir: o da sayılır.
_DASHES = r":?(?:-{3,}|[—–]+):?"
SEPARATOR = re.compile(rf"^\s*\|?\s*{_DASHES}\s*(\|\s*{_DASHES}\s*)+\|?\s*$")
#: ``|`` ile başlayıp biten, en az iki hücreli satır.
PIPE_ROW = re.compile(r"^\s*\|[^\n|]*\|[^\n|]*(\|[^\n|]*)*\|\s*$")


def is_table_line(line: str) -> bool:
    return bool(SEPARATOR.match(line) or PIPE_ROW.match(line))


def _string_texts(tree: ast.AST):
    """Hücredeki dize sabitleri; f-dizeleri yer tutucuları ``{}`` yapılarak."""
    inside_fstring = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            inside_fstring.update(id(v) for v in ast.walk(node) if v is not node)
            yield node.lineno, "".join(v.value if isinstance(v, ast.Constant) else "{}"
                                       for v in node.values)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in inside_fstring):
            yield node.lineno, node.value


def markdown_table_cells(md: str, where: str) -> List[str]:
    """Kod hücrelerinde Markdown tablo satırı kuran dizeler: ``"yer:satır: dize"``."""
    problems = []
    for cell in code_cells(md):
        if set(cell.tags) & SKIP_TAGS:
            continue
        try:
            tree = ast.parse(cell.python_source())
        except SyntaxError:
            continue  # test_numbers bunu bildirir
        for lineno, text in sorted(set(_string_texts(tree))):
            if any(is_table_line(t) for t in text.splitlines()):
                problems.append(f"{where}:{cell.line + lineno - 1}: {text.strip()[:70]!r}")
    return problems


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_no_markdown_tables_built_in_code(path):
    where = f"notebooks_src/{path.name}"
    problems = markdown_table_cells(path.read_text(encoding="utf-8"), where)
    if problems:
        pytest.fail(f"{where}: {len(problems)} yerde kod hücresi Markdown tablosu kuruyor; sayfada "
                    "ham metin olarak kalabilir. Tabloyu dynlayers.viz.show_table(rows, header) ile "
                    "gösterin:\n" + "\n".join(problems), pytrace=False)


# --------------------------------------------------------------------------- derlenmiş HTML

#: Metni denetlenmeyen öğeler: sayfada gösterilen kod, gezinme, betikler, gerçek tablolar.
_SKIP_SELECTORS = ["script", "style", "nav", "header", "footer", "table", ".cell_input",
                   ".bd-sidebar-primary", ".bd-sidebar-secondary", ".bd-header-article"]


def raw_pipe_tables(html: str) -> List[str]:
    """HTML sayfasının düzyazısında ve hücre çıktılarında ham tablo satırları (her satır bir kez)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for selector in _SKIP_SELECTORS:
        for el in soup.select(selector):
            el.decompose()
    # düzyazıdaki kod blokları (hücre çıktısındaki metin blokları kalır)
    for el in soup.select("div[class*='highlight-']"):
        if not el.find_parent(class_="cell_output"):
            el.decompose()
    root = soup.select_one("article") or soup.body or soup
    lines = []
    for line in root.get_text().splitlines():
        if is_table_line(line) and line.strip() not in lines:
            lines.append(line.strip())
    return lines


def html_pages(html_dir: Path) -> List[Path]:
    return sorted(p for p in html_dir.rglob("*.html") if "_static" not in p.relative_to(html_dir).parts)


@pytest.mark.build
def test_built_pages_have_no_raw_pipe_tables(book_build):
    from conftest import HTML_DIR

    rc, out, _ = book_build
    assert rc == 0, "derleme başarısız; _build/build.log:\n" + out[-3000:]
    problems = []
    for page in html_pages(HTML_DIR):
        for line in raw_pipe_tables(page.read_text(encoding="utf-8")):
            problems.append(f"{page.relative_to(HTML_DIR).as_posix()}: {line[:100]}")
    if problems:
        pytest.fail(f"{len(problems)} satır derlenmiş sayfada ham Markdown tablosu olarak kalmış; "
                    "tabloyu show_table ile (hücre) ya da düzyazıda Markdown tablosu olarak "
                    "yazın:\n" + "\n".join(problems), pytrace=False)


# --------------------------------------------------------------------------- denetimin kendisi

def _md(code: str, tags: str = "") -> str:
    return ("# Deneme\n\n```{code-cell} ipython3\n" + (f":tags: [{tags}]\n\n" if tags else "")
            + code + "\n```\n")


@pytest.mark.parametrize("code", [
    'lines = ["| model | parametre |", "|---|---:|"]\ndisplay(Markdown("\\n".join(lines)))',
    'display(Markdown("| a | b |\\n|:--|--:|\\n| 1 | 2 |"))',
    'for n, p in rows:\n    lines.append(f"| {n} | {p:,} |")',
    'print("|---|---|")',
    'text = """\n| a | b |\n|---|---|\n"""',
])
def test_source_detector_flags_markdown_tables(code):
    assert markdown_table_cells(_md(code), "d.md"), code


@pytest.mark.parametrize("code", [
    'show_table([["statik", 25154]], ["model", "parametre"])',
    'print("çıktı:", y.shape, "| fark:", d)',
    'print(f"{a:>10} | {b:>22} | {c:>22}")',
    'ax.set_title("|çıktı|")',
    'print("-" * 40)',
])
def test_source_detector_allows_other_code(code):
    assert markdown_table_cells(_md(code), "d.md") == []


def test_source_detector_reports_line_and_skips_removed_cells():
    code = 'x = 1\nprint("| a | b |")'
    assert markdown_table_cells(_md(code), "d.md") == ["d.md:5: '| a | b |'"]
    assert markdown_table_cells(_md(code, "remove-cell"), "d.md") == []


_PAGE = """<html><body><nav><p>| gezinme | değil |</p></nav><article>
<p>Sonuçlar:</p>
{body}
</article></body></html>"""


@pytest.mark.parametrize("body, expected", [
    # commonmark'ın paragrafa çevirdiği tablo (bölüm 7'nin bugünkü çıktısı gibi)
    ('<div class="cell_output docutils container"><p>| model | parametre |\n|—|—:|\n'
     '| statik | 25.154 |</p></div>', ["| model | parametre |", "|—|—:|", "| statik | 25.154 |"]),
    ('<p>| a | b |\n|---|---|\n| 1 | 2 |</p>', ["| a | b |", "|---|---|", "| 1 | 2 |"]),
    # print ile basılan tablo: çıktı bloğu
    ('<div class="cell_output docutils container"><div class="output stream highlight-myst-ansi">'
     '<div class="highlight"><pre>|---|---|\n</pre></div></div></div>', ["|---|---|"]),
])
def test_html_detector_flags_raw_tables(body, expected):
    assert raw_pipe_tables(_PAGE.format(body=body)) == expected


@pytest.mark.parametrize("body", [
    '<table class="dk-table table"><tr><td>| a | b |</td></tr></table>',
    '<div class="cell docutils container"><div class="cell_input docutils container">'
    '<div class="highlight-ipython3"><pre>lines = ["| a | b |", "|---|---|"]</pre></div></div></div>',
    '<div class="highlight-markdown notranslate"><pre>| a | b |\n|---|---|</pre></div>',
    '<p>Mutlak değer |x| ve |y| için, ya da tek | boru.</p>',
    '<p>Ayraç değil: a — b — c</p>',
])
def test_html_detector_allows_tables_and_code(body):
    assert raw_pipe_tables(_PAGE.format(body=body)) == []


def test_html_detector_on_files(tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "_static").mkdir()
    (tmp_path / "book" / "a.html").write_text(_PAGE.format(body="<p>| a | b |</p>"), encoding="utf-8")
    (tmp_path / "_static" / "x.html").write_text("<p>| a | b |</p>", encoding="utf-8")
    pages = html_pages(tmp_path)
    assert pages == [tmp_path / "book" / "a.html"]
    assert raw_pipe_tables(pages[0].read_text(encoding="utf-8")) == ["| a | b |"]
