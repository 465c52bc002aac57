"""Kurulum hücrelerindeki depo adresini ``_config.yml``'den yazar (``make repo-url``).

Depo adresi yalnızca ``_config.yml``'de (``repository.url``) yazar. Bir çatal adresi orada
değiştirir ve ``make repo-url`` çalıştırır: bu betik her ``notebooks_src/*.md`` kaynağının ilk kod
hücresindeki ``%pip install ... "git+<adres>"`` satırını yeni adrese çevirir; ardından
``make sync`` defterleri günceller. ``--check`` yalnızca denetler.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIP_RE = re.compile(r'(%pip install [^\n]*?")git\+([^"\s]+)(")')


def config_repo_url(root: Path = ROOT) -> str:
    import yaml

    cfg = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    url = (cfg.get("repository") or {}).get("url", "").strip().rstrip("/")
    if not url.startswith("https://"):
        raise SystemExit(f"_config.yml: repository.url bir https adresi olmalı; {url!r} bulundu.")
    return url


def install_url(repo_url: str) -> str:
    """Kurulum hücresinin pip'e verdiği adres."""
    return f"git+{repo_url}"


def rewrite(text: str, repo_url: str) -> str:
    return PIP_RE.sub(lambda m: f"{m.group(1)}{install_url(repo_url)}{m.group(3)}", text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    url = config_repo_url()
    bad = 0
    for md in sorted((ROOT / "notebooks_src").glob("*.md")):
        text = md.read_text(encoding="utf-8")
        new = rewrite(text, url)
        if new != text:
            bad += 1
            if args.check:
                print(f"{md.relative_to(ROOT)}: kurulum adresi _config.yml ile aynı değil")
            else:
                md.write_text(new, encoding="utf-8")
                print(f"{md.relative_to(ROOT)}: adres -> {install_url(url)}")
    if args.check:
        return 1 if bad else 0
    print(f"Kurulum adresi: {install_url(url)} ({bad} dosya değişti). Şimdi: make sync")
    return 0


if __name__ == "__main__":
    sys.exit(main())
