"""Kitap hattının testleri için ortak fixture'lar.

Ortam değişkenleri:
* ``DK_REUSE_BUILD=1``: ``_build/html`` varsa yeniden derlemeden onu kullan (geliştirirken).
* ``CHROMIUM``: Chromium'un yolu (varsayılan: ``chromium`` / ``chromium-browser`` PATH'te).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
# tools/: kitabın metnini okuyan ortak yardımcılar (booktext, notebook_pairs) testlerde de kullanılır.
sys.path.insert(0, str(ROOT / "tools"))

from booktext import reading_order  # noqa: E402

BUILD_DIR = ROOT / "_build"
HTML_DIR = BUILD_DIR / "html"
BUILD_CMD = [str(Path(sys.executable).parent / "jupyter-book"), "build", ".", "--all", "-W", "-n",
             "--keep-going"]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.book)


def run_build(root: Path, log: Path, extra_env=None, timeout=1800):
    """Kitabı derler; ``(dönüş kodu, çıktı, saniye)``."""
    env = dict(os.environ, DYNLAYERS_SLIDERS="static", PYTHONUNBUFFERED="1")
    env.update(extra_env or {})
    cmd = list(BUILD_CMD)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=timeout)
    seconds = time.perf_counter() - t0
    out = proc.stdout + proc.stderr
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(out, encoding="utf-8")
    return proc.returncode, out, seconds


@pytest.fixture(scope="session")
def book_build():
    """Kitabı bir kez derler (oturum başına)."""
    if os.environ.get("DK_REUSE_BUILD") == "1" and (HTML_DIR / "index.html").exists():
        log = BUILD_DIR / "build.log"
        return 0, log.read_text(encoding="utf-8") if log.exists() else "", 0.0
    rc, out, seconds = run_build(ROOT, BUILD_DIR / "build.log")
    print(f"\nKitap derlemesi: {seconds:.1f} s (günlük: _build/build.log)")
    return rc, out, seconds


@pytest.fixture(scope="session")
def site(book_build):
    """Derlenmiş siteyi yerel bir HTTP sunucusunda sunar; taban adresi döndürür."""
    rc, out, _ = book_build
    if rc != 0:
        pytest.fail("Kitap derlenemedi; _build/build.log dosyasına bakın:\n" + out[-3000:])

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(HTML_DIR))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def find_chromium():
    for cand in [os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"]:
        if cand and shutil.which(cand):
            return shutil.which(cand)
    return None


def toc_pages():
    """_toc.yml'deki sayfalar (ör. ``book/00_giris``), okuma sırasıyla."""
    return reading_order(ROOT)


def notebook_pages():
    """_toc.yml'deki defter sayfaları (notebooks_src/<ad>.md eşi olanlar): Colab düğmesi ve
    .ipynb indirme yalnızca bunlarda vardır; sözlük, kaynakça gibi düz MyST sayfalarında yoktur."""
    return [p for p in toc_pages() if (ROOT / "notebooks_src" / f"{Path(p).name}.md").exists()]


def repo_config():
    import yaml

    cfg = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return cfg["repository"]


# ---- tarayıcı: bütün tarayıcı testleri tek bir Chromium'u paylaşır ------------------------------

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]


@pytest.fixture(scope="session")
def browser():
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium bulunamadı: tarayıcı testleri ATLANDI "
                    "(Debian: apt-get install chromium; ya da CHROMIUM=/yol/chromium)")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright kurulu değil: tarayıcı testleri ATLANDI")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Page:
    """Dış istekleri engelleyip kaydeden, konsol hatalarını toplayan sayfa.

    ``viewport``/``mobile``: ör. ``(390, 844)`` ve ``mobile=True`` bir telefonu (dokunmatik, meta
    viewport'a uyan) taklit eder."""

    def __init__(self, browser, site, *, dark=False, viewport=(1280, 900), mobile=False):
        self.site = site
        self.ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                       locale="tr-TR", color_scheme="dark" if dark else "light",
                                       is_mobile=mobile, has_touch=mobile)
        if dark:
            self.ctx.add_init_script("localStorage.setItem('mode','dark');"
                                     "localStorage.setItem('theme','dark');")
        self.page = self.ctx.new_page()
        self.errors, self.external, self.failed = [], [], []
        host = urlparse(site).netloc

        def route(r):
            u = urlparse(r.request.url)
            if u.scheme in ("data", "blob", "about") or u.netloc == host:
                return r.continue_()
            self.external.append(r.request.url)
            return r.abort()

        self.ctx.route("**/*", route)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))

    def goto(self, path):
        self.page.goto(f"{self.site}/{path}", wait_until="load")
        self.page.wait_for_load_state("networkidle")
        return self.page

    def close(self):
        self.ctx.close()
