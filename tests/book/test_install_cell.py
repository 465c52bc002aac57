"""Kurulum hücresi: biçimi, adresin _config.yml'den gelmesi ve temiz bir ortamda gerçekten kurması."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from notebook_pairs import list_pairs, read_ipynb  # noqa: E402
from set_repo_url import config_repo_url, install_url, rewrite  # noqa: E402

NOTEBOOKS = [nb for _, _, nb in list_pairs() if nb.exists()]
PIP_LINE = re.compile(r'^\s*%pip install --quiet "(git\+[^"]+)"\s*$', re.M)


def install_cell(nb_path: Path):
    cells = [c for c in read_ipynb(nb_path).cells if c.cell_type == "code"]
    assert cells, f"{nb_path.name}: kod hücresi yok"
    return cells[0]


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_install_cell_form(nb):
    cell = install_cell(nb)
    assert "remove-cell" in cell.metadata.get("tags", []), f"{nb.name}: kurulum hücresi gizli değil"
    src = cell.source
    assert re.search(r"^try:\n\s+import dynlayers\nexcept ImportError:", src, re.M), src
    m = PIP_LINE.search(src)
    assert m, f"{nb.name}: %pip install satırı beklenen biçimde değil:\n{src}"
    assert m.group(1) == install_url(config_repo_url()), (
        f"{nb.name}: kurulum adresi {m.group(1)} ama _config.yml'de {config_repo_url()}; "
        "`make repo-url` çalıştırın.")
    for heavy in ("torch", "torchvision", "matplotlib", "[book]"):
        assert heavy not in src.split("%pip", 1)[1].split("\n")[0], f"{nb.name}: {heavy} kuruluyor"


def test_all_install_cells_identical():
    cells = {nb.stem: install_cell(nb).source for nb in NOTEBOOKS}
    reference = cells.get("00_giris")
    for stem, src in cells.items():
        assert src == reference, f"{stem}: kurulum hücresi 00_giris'tekiyle aynı değil"


def test_repo_url_rewrite():
    src = install_cell(NOTEBOOKS[0]).source
    new = rewrite(src, "https://github.com/bir-catal/dinamik-katmanlar")
    assert 'git+https://github.com/bir-catal/dinamik-katmanlar"' in new
    assert rewrite(new, config_repo_url()) == src


def _snapshot_repo(dest: Path) -> None:
    """Çalışma ağacının (izlenen + yok sayılmayan dosyalar) git deposu olarak bir kopyası."""
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
        capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid",
           "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=dest, check=True)
    subprocess.run([*git, "add", "-A"], cwd=dest, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "snapshot"], cwd=dest, check=True)


def _torch_only_site(dest: Path) -> None:
    """Ana ortamın paketlerine bağlantılar; dynlayers HARİÇ (Colab gibi: torch var, dynlayers yok)."""
    site = Path(sysconfig.get_paths()["purelib"])
    dest.mkdir()
    for entry in site.iterdir():
        name = entry.name.lower()
        if name.startswith(("dynlayers", "__editable__", "_dynlayers")) or name.endswith(".pth"):
            continue
        if name in ("pip", "__pycache__") or name.startswith("pip-"):
            continue
        (dest / entry.name).symlink_to(entry)


@pytest.mark.slow
def test_install_cell_installs_from_local_clone(tmp_path):
    """Temiz bir sanal ortamda (torch var, dynlayers yok) hücrenin %pip komutu yerel klondan kurar."""
    repo = tmp_path / "repo"
    _snapshot_repo(repo)
    deps = tmp_path / "deps"
    _torch_only_site(deps)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    vsite = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                           check=True, capture_output=True, text=True).stdout.strip()
    Path(vsite, "zz_torch_only.pth").write_text(str(deps) + "\n")
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    check = "import importlib.util as u; print(u.find_spec('dynlayers') is None)"
    out = subprocess.run([str(py), "-c", check], cwd=work, env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "True", "yeni ortamda dynlayers zaten var: test anlamsız olur"

    cell = install_cell(NOTEBOOKS[0]).source
    cell = cell.replace(install_url(config_repo_url()), f"git+file://{repo}")
    assert f"git+file://{repo}" in cell
    runner = work / "run_cell.py"
    runner.write_text(
        "import sys\n"
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance()\n"
        f"cell = {cell!r}\n"
        "for _ in range(2):  # iki kez: ikincisi hiçbir şey kurmamalı (idempotent)\n"
        "    r = shell.run_cell(cell)\n"
        "    r.raise_error()\n"
        "import dynlayers, torch\n"
        "print('DYNLAYERS', dynlayers.__file__)\n"
        "print('TORCH', torch.__version__)\n",
        encoding="utf-8",
    )
    proc = subprocess.run([str(py), str(runner)], cwd=work, env=env, capture_output=True, text=True,
                          timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    lines = dict(l.split(" ", 1) for l in proc.stdout.splitlines() if l.startswith(("DYNLAYERS", "TORCH")))
    assert lines["DYNLAYERS"].startswith(str(venv)), f"dynlayers yeni ortama kurulmadı: {lines}"
    assert lines["TORCH"].startswith("2.13.0"), "torch yeniden kuruldu ya da değişti"
    pip_list = subprocess.run([str(py), "-m", "pip", "list", "--path", vsite], capture_output=True,
                              text=True, env=env).stdout.lower()
    assert "torch" not in pip_list, "kurulum hücresi torch kurdu (Colab'da ağır olurdu)"
