# wirewatch: `make demo` sets everything up and runs the pipeline on example articles;
# `make test` sets up and runs the test suite. Both work on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: setup demo test bench clean extract-diff fuzz train loco

setup: $(STAMP) src/wirewatch/geo/_data/gazetteer.sqlite node_modules/.package-lock.json

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check uv
	$(UV) pip install -q --python $(PY) -r requirements.lock
	$(UV) pip install -q --python $(PY) --no-deps -e .
	touch $(STAMP)

src/wirewatch/geo/_data/gazetteer.sqlite: $(STAMP) $(wildcard src/wirewatch/geo/*.py src/wirewatch/geo/data/*)
	$(VENV)/bin/wirewatch setup

demo: setup
	@$(VENV)/bin/wirewatch extract examples/articles/*.txt $(wildcard $(SHARED)/fixtures/ganja/article.txt)

# mypy on src/ first (config in pyproject.toml: every function annotated), then the tests
test: setup setup-postgres setup-browser
	$(PY) -m mypy
	$(VENV)/bin/pytest

.PHONY: typecheck
typecheck: $(STAMP)
	$(PY) -m mypy

bench: setup
	$(VENV)/bin/wirewatch bench
	PYTHONPATH=$(CURDIR)/src $(PY) scripts/bench_load.py       # API: 20 clients, 200 requests, 2 exports, 100k events
	PYTHONPATH=$(CURDIR)/src $(PY) scripts/bench_aggregate.py  # /api/aggregate weekly x admin1 over 100k events (< 300 ms)
	PYTHONPATH=$(CURDIR)/src $(PY) scripts/bench_map.py        # the page loading 100k events onto its map in chromium (< 3 s)
	PYTHONPATH=$(CURDIR)/src $(PY) scripts/bench_memory.py     # peak RSS: extract of 15 MB, ingest of 1 MB files
	@# fusion: the ACLED dev notes as separate articles (false merges < 1%) + the fixture feed's copies
	if [ -f $(SHARED)/eval/acled_dev.csv ]; then PYTHONPATH=$(CURDIR)/src $(PY) scripts/bench_fusion.py \
		$(SHARED)/eval/acled_dev.csv --feed $(SHARED)/fixtures/feed; \
	else echo "bench_fusion: $(SHARED)/eval/acled_dev.csv is not present, skipped"; fi
	PYTHONPATH=$(CURDIR)/src $(PY) scripts/bench_geo.py $(if $(wildcard $(SHARED)/gazetteer),--add $(SHARED)/gazetteer)

# The village-level gazetteer (docs/geo.md): the set-up index plus every GeoNames dump in
# $(SHARED)/gazetteer, in its own folder, so that `make test` and `make extract-diff` keep the
# cities500 index. Use it with WIREWATCH_DATA=$(GAZETTEER_FULL) (make eval and the accuracy figures).
GAZETTEER_FULL := src/wirewatch/geo/_data/full
.PHONY: gazetteer
gazetteer: $(GAZETTEER_FULL)/gazetteer.sqlite

$(GAZETTEER_FULL)/gazetteer.sqlite: src/wirewatch/geo/_data/gazetteer.sqlite $(wildcard $(SHARED)/gazetteer/*)
	@test -d $(SHARED)/gazetteer || { echo "make gazetteer: $(SHARED)/gazetteer is missing"; exit 1; }
	mkdir -p $(GAZETTEER_FULL)
	cp src/wirewatch/geo/_data/gazetteer.sqlite $@.copy && mv $@.copy $@
	WIREWATCH_DATA=$(GAZETTEER_FULL) $(VENV)/bin/wirewatch gazetteer add $(SHARED)/gazetteer

# The gazetteer's candidate ranker (docs/geo.md): refits src/wirewatch/geo/ranker.json, a logistic
# regression over candidate features, on $(SHARED)/train ACLED rows run through the pipeline over the
# index with the dumps (about 10 minutes on one core). Commit the new weights with their figures.
.PHONY: geo-ranker
geo-ranker: $(GAZETTEER_FULL)/gazetteer.sqlite
	WIREWATCH_DATA=$(GAZETTEER_FULL) PYTHONPATH=$(CURDIR)/src $(PY) scripts/geo_ranker.py \
		--train $(SHARED)/train/acled_train.csv $(if $(ROWS),--rows $(ROWS))

# The behaviour snapshot (docs/snapshot.md): extraction over the project's own inputs and a fixed
# sample of $(SHARED)/train rows, diffed against tests/snapshot/*.jsonl; exits 1 on a difference.
# UPDATE=1 rewrites the snapshot (commit it with the change); GATHER=1 re-gathers the test sentences.
extract-diff: $(STAMP) src/wirewatch/geo/_data/gazetteer.sqlite
	PYTHONPATH=$(CURDIR)/src $(PY) scripts/extract_diff.py --train $(SHARED)/train/acled_train.csv \
		$(if $(UPDATE),--update) $(if $(GATHER),--gather)

# Every development benchmark in one table (scripts/eval_all.py; docs/evaluate.md): wirewatch evaluate
# on $(SHARED)/eval/acled_dev.csv and gtd_dev.csv, score_articles.py on articles_dev.jsonl. Not part of
# make test (about 10 minutes on one core); LIMIT=N takes N rows of each file for a quick look.
.PHONY: eval
eval: $(STAMP) src/wirewatch/geo/_data/gazetteer.sqlite
	PYTHONPATH=$(CURDIR)/src $(PY) scripts/eval_all.py --shared $(SHARED) $(if $(LIMIT),--limit $(LIMIT))

# property-based fuzzing of the readers and the API's query parameters (tests/fuzz; make test runs
# 25 cases per property, this 2,000)
fuzz: setup
	WIREWATCH_FUZZ_EXAMPLES=2000 $(VENV)/bin/pytest tests/fuzz -q

# The event coder (docs/model.md): `make train` refits the committed artefact in
# src/wirewatch/coder/_data from $(SHARED)/train; `make loco` is its leave-one-country-out check
# with the TF-IDF baseline beside it. Both run on one core (parses cached in build/coder).
CODER_ENV := OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONPATH=src
train: setup
	$(CODER_ENV) nice $(PY) scripts/train_coder.py train --train-dir $(SHARED)/train

loco: setup
	$(CODER_ENV) nice $(PY) scripts/train_coder.py loco --heads event_type sub_event_type interaction --train-dir $(SHARED)/train

clean:
	rm -rf $(VENV) src/wirewatch/geo/_data build *.egg-info

# PostgreSQL + PostGIS for tests/store/test_postgres.py (skipped without them). The tests start
# their own throw-away server on loopback; nothing here starts or configures one.
.PHONY: setup-postgres
setup-postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then \
		echo "postgresql and postgis are installed"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql postgis; \
	else \
		echo "setup-postgres: needs root and apt-get (apt-get install postgresql postgis); PostgreSQL tests will be skipped"; \
	fi

# Browser tests (tests/api/test_*browser.py): Debian's chromium, driven by Playwright for Python
# (never `playwright install`), and the page's npm packages pinned by package-lock.json.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
.PHONY: setup-browser
setup-browser: node_modules/.package-lock.json
	test -x /usr/bin/chromium || { $(SUDO) apt-get update -q && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }

# --ignore-scripts: none of the packages needs one (swagger-ui-dist pulls in @scarf/scarf, whose
# postinstall only reports the download).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
