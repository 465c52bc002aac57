# Dinamik Katmanlar -- iki komut: `make book` ve `make test`.
# Ortam yoksa kurulur (.venv; önce torch==2.13.0 ki pip CUDA'lı bir torch indirmesin).

SHELL   := /bin/bash
PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
TORCH   := torch==2.13.0
ENV_OK  := $(VENV)/.dk-env-ok
NPM_OK  := node_modules/.dk-npm-ok
HTML    := _build/html
PORT    ?= 8000
# Kitabın derleme komutu: çalıştırarak, uyarılar hata, hata veren hücre derlemeyi düşürür.
JB_BUILD = $(BIN)/jupyter-book build . --all -W -n --keep-going

.PHONY: help book test serve sync colab figures check-pairs repo-url env clean

help:
	@echo "make book      ortamı kur (gerekirse), defterleri çalıştırarak HTML kitabı derle"
	@echo "make test      bütün testler: birim, eşler, defterler (nbmake), derleme, tarayıcı"
	@echo "make serve     derlenmiş kitabı http://localhost:$(PORT) adresinde sun"
	@echo "make sync      notebooks_src/*.md <-> book/*.ipynb eşlerini eşitle, Colab defterlerini yaz"
	@echo "make colab     colab/*.ipynb: Colab düğmelerinin açtığı MyST'siz defterleri yaz"
	@echo "make figures   book/figures/*.py betiklerinden şemaları (book/figures/*.svg) yeniden çiz"
	@echo "make repo-url  _config.yml'deki depo adresini bütün kurulum hücrelerine yaz"
	@echo "make clean     _build klasörünü sil"

# ---- ortam -------------------------------------------------------------------------------
$(ENV_OK): requirements.txt pyproject.toml
	@if [ ! -x $(BIN)/python ]; then \
	  echo ">> Sanal ortam kuruluyor: $(VENV)"; $(PYTHON) -m venv $(VENV); fi
	$(BIN)/python -m pip install --quiet $(TORCH)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(NPM_OK): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

env: $(ENV_OK) $(NPM_OK)

# ---- kitap -------------------------------------------------------------------------------
book: env
	DYNLAYERS_SLIDERS=static $(JB_BUILD)
	@echo
	@echo "Kitap hazır. Açmak için 'make serve' çalıştırıp şu adrese gidin:"
	@echo "    http://localhost:$(PORT)/"
	@echo "Dosyadan da açılır (file://$(CURDIR)/$(HTML)/index.html), ama tarayıcılar file://"
	@echo "sayfalarının başka dosyaları okumasını engellediği için arama sonuçlarında özet satırları"
	@echo "görünmez; yalnızca sayfa başlıkları listelenir."

serve:
	@test -f $(HTML)/index.html || { echo "Önce 'make book' çalıştırın."; exit 1; }
	@echo "Kitap: http://localhost:$(PORT)/  (durdurmak için Ctrl+C)"
	cd $(HTML) && $(PYTHON) -m http.server $(PORT) --bind 127.0.0.1

# ---- testler -----------------------------------------------------------------------------
test: env
	$(BIN)/python tools/run_tests.py

# ---- yardımcılar -------------------------------------------------------------------------
# Tek bölüm için: make sync ONLY=00_giris
sync:
	$(BIN)/python tools/sync_notebooks.py $(ONLY)
	$(BIN)/python tools/colab_notebooks.py $(ONLY)

# Colab düğmelerinin açtığı defterler (colab/*.ipynb) MyST kaynaklarından üretilir; elle düzenlenmez.
colab:
	$(BIN)/python tools/colab_notebooks.py $(ONLY)

# Şemalar (book/figures/*.svg) yanlarındaki betiklerle çizilir; elle düzenlenmez.
# tests/book/test_figures.py kayıtlı SVG'ler betiklerin bugün çizdiğinden farklıysa başarısız olur.
figures:
	@for f in book/figures/[!_]*.py; do \
	  echo ">> $$f"; PYTHONPATH=$(CURDIR) $(BIN)/python $$f || exit 1; done

check-pairs:
	$(BIN)/python tools/sync_notebooks.py --check
	$(BIN)/python tools/colab_notebooks.py --check

repo-url:
	$(BIN)/python tools/set_repo_url.py
	$(BIN)/python tools/sync_notebooks.py
	$(BIN)/python tools/colab_notebooks.py

clean:
	rm -rf _build
