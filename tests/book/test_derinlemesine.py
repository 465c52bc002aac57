"""Derinlemesine kutuları ve ana çizginin sözcük sayısı (``tools/word_count.py``).

Bir öğrencinin sırayla izlemesi gereken ana çizginin dışında kalan ayrıntı (mühendislik tarihi,
sistem ayrıntısı, ölçüm öyküleri) açılır "Derinlemesine" kutularına konur. Tek yazım::

    :::{admonition} Derinlemesine: ölçüm sırasının tarihi
    :class: dropdown

    Metin...
    :::

Neden bu yazım: ``dropdown`` sınıflı ``admonition``'ı Jupyter Book 1.x'in getirdiği
sphinx-togglebutton kapalı bir kutuya çevirir (başlığı görünür, tıklayınca açılır; ipucu metni
Türkçe); kitaptaki öteki uyarı kutularıyla aynı görünür. İki nokta (``:::``) çiti, gövdeyi Markdown
düzyazısı yapar: sözlük ve yazım denetimleri kutunun içini de okur (ters tırnaklı çitin gövdesini
denetimler kod sayar). Kutunun içinde kod hücresi olamaz (hücreler defterin üst düzeyindedir);
çalışan ayrıntılı kod için ``hide-cell`` etiketli hücre kullanılır.

Denetimler: bölümlerdeki her Derinlemesine kutusu bu yazımdadır (hızlı); derlenmiş bir deneme
sayfasında kutu kapalı durur ve tıklayınca açılır (``build`` ve ``browser``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from booktext import DERINLEMESINE_EXAMPLE, chapters, derinlemesine_boxes, main_line_words

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "notebooks_src").glob("*.md"))


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_derinlemesine_boxes_use_the_one_syntax(path):
    md = path.read_text(encoding="utf-8")
    problems = [f"notebooks_src/{path.name}:{b.line}: {b.title!r}: {p}"
                for b in derinlemesine_boxes(md) for p in b.problems]
    if problems:
        pytest.fail("Derinlemesine kutusu kapalı açılan tek yazımda olmalı:\n"
                    f"{DERINLEMESINE_EXAMPLE}\n\n" + "\n".join(problems), pytrace=False)


# --------------------------------------------------------------------------- denetimin kendisi

GOOD = DERINLEMESINE_EXAMPLE.replace("Metin...", "Üç sözcük burada.")


@pytest.mark.parametrize("box, problem", [
    (GOOD.replace(":class: dropdown\n", ""), ":class: dropdown"),
    (GOOD.replace(":class: dropdown", ":class: tip"), ":class: dropdown"),
    (GOOD.replace("{admonition}", "{note}"), "{admonition}"),
    (GOOD.replace(":::", "```"), "ters tırnaklı"),
    (GOOD.replace("Derinlemesine: ", "Derinlemesine "), "'Derinlemesine: <konu>'"),
    (GOOD.replace("\n:::", ""), "kapanmıyor"),
])
def test_box_syntax_detector(box, problem):
    boxes = derinlemesine_boxes("Metin.\n\n" + box + "\n\nSon.\n")
    assert len(boxes) == 1 and any(problem in p for p in boxes[0].problems), boxes


def test_box_detector_accepts_the_syntax_and_ignores_the_term():
    md = ("Bir {term}`derinlemesine evrişim`.\n\n:::{admonition} Derinlemesine evrişim notu\n"
          ":class: note\n\nx\n:::\n\n" + GOOD.replace(":class: dropdown", ":class: dropdown tip")
          + "\n")
    boxes = derinlemesine_boxes(md)
    assert [(b.title, b.problems) for b in boxes] == [
        ("Derinlemesine: ölçüm sırasının tarihi", [])]


def test_main_line_excludes_only_collapsed_boxes():
    main = "# Başlık\n\nAna metin dört sözcük.\n\n"
    assert main_line_words(main + GOOD + "\n") == (5, 3)
    # yanlış yazılmış kutu sayfada açık durur: ana çizgide sayılır
    wrong = GOOD.replace(":class: dropdown\n", "")
    assert main_line_words(main + wrong + "\n")[1] == 0
    assert main_line_words(main + wrong + "\n")[0] > 5
    # iç içe yönerge kutunun parçasıdır (daha kısa çit kutuyu kapatmaz)
    nested = GOOD.replace(":::", "::::").replace("Üç sözcük burada.",
                                                 ":::{note}\nİç not.\n:::\n\nDış.")
    assert main_line_words(main + nested + "\n") == (5, 3)


def test_word_count_counts_prose_not_code():
    md = ("---\njupytext: {}\n---\n\n# Bir başlık\n\nİki {term}`çekirdeğin <çekirdek>` "
          "`x.mean()` ve $K$, {glue:text}`acc` {cite:p}`chen2020dynamic`.\n\n"
          "```{code-cell} ipython3\nprint('kod sayılmaz ama uzun bir satır')\n```\n\n"
          "$$\na = b + c\n$$\n\n```python\nbu da sayılmaz\n```\n")
    # Bir, başlık, İki, çekirdeğin, kod, ve, x, sayı = 8
    assert main_line_words(md) == (8, 0)


def test_word_count_tool(tmp_path):
    f = tmp_path / "99_deneme.md"
    f.write_text("# Deneme\n\n" + " ".join(["sözcük"] * 360) + "\n\n" + GOOD + "\n",
                 encoding="utf-8")
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "word_count.py"), str(f)],
                         capture_output=True, text=True, check=True).stdout
    row = next(line for line in out.splitlines() if line.startswith("99_deneme"))
    assert row.split() == ["99_deneme", "361", "2", "dk", "3"], out
    assert "dakikada 180 sözcük" in out
    bad = subprocess.run([sys.executable, str(ROOT / "tools" / "word_count.py"), "--wpm", "0"],
                         capture_output=True, text=True)
    assert bad.returncode != 0 and "--wpm" in bad.stderr


def test_word_count_tool_covers_every_chapter():
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "word_count.py")],
                         capture_output=True, text=True, check=True).stdout
    for path in chapters():
        assert any(line.startswith(path.stem + " ") for line in out.splitlines()), path.stem
    assert "toplam" in out


# --------------------------------------------------------------------------- derlenmiş sayfada

@pytest.fixture(scope="module")
def mini_site(tmp_path_factory):
    """Bir Derinlemesine kutusu içeren tek sayfalık bir kitabı derler; HTML sayfasının yolu."""
    from conftest import run_build
    from test_build import HEADER, _mini_book

    tmp = tmp_path_factory.mktemp("derinlemesine")
    md = HEADER + ("Ana metin.\n\n" + GOOD.replace("Üç sözcük burada.",
                                                    "Kutunun içindeki metin ve $K$.") + "\n")
    book = _mini_book(tmp, md)
    shutil.copytree(ROOT / "book" / "_static", book / "book" / "_static")
    rc, out, _ = run_build(book, tmp / "log.txt", timeout=600)
    assert rc == 0, "Derinlemesine kutulu deneme sayfası derlenemedi:\n" + out[-3000:]
    return book / "_build" / "html" / "book" / "deneme.html"


@pytest.mark.build
def test_box_renders_as_a_dropdown_admonition(mini_site):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(mini_site.read_text(encoding="utf-8"), "html.parser")
    box = soup.select_one("div.admonition.dropdown")
    assert box is not None, "dropdown sınıflı admonition yok"
    assert box.select_one(".admonition-title").get_text() == "Derinlemesine: ölçüm sırasının tarihi"
    html = mini_site.read_text(encoding="utf-8")
    assert "togglebutton.js" in html and ".admonition.dropdown" in html, "sphinx-togglebutton yok"
    assert "toggleHintShow = 'Göstermek için tıklayın'" in html


@pytest.mark.build
@pytest.mark.browser
def test_box_is_collapsed_and_opens_on_click(mini_site, browser):
    # Oturumun tek tarayıcısı (conftest.browser): aynı iş parçacığında ikinci bir sync_playwright
    # açmak, ötekiler çalışırken "Sync API inside the asyncio loop" hatası verir.
    page = browser.new_page()
    try:
        page.goto(mini_site.as_uri(), wait_until="load")
        body = page.get_by_text("Kutunun içindeki metin")
        page.wait_for_selector(".admonition.dropdown.toggle-hidden")
        assert page.get_by_text("Derinlemesine: ölçüm sırasının tarihi").is_visible()
        assert not body.is_visible(), "kutu açık başlıyor"
        button = page.locator(".admonition.dropdown button.toggle-button")
        assert button.get_attribute("aria-label") != "Toggle hidden content", "İngilizce etiket"
        page.locator(".admonition.dropdown .admonition-title").click()
        body.wait_for(state="visible", timeout=5000)
    finally:
        page.close()
