# The two commands: `make run` serves the app, `make test` runs the whole suite.
# Each creates .venv and installs what it needs on a fresh machine.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
# torch is pinned so pip takes the CPU build; on a machine with internet, point this at
# a CPU-only wheel index to avoid the CUDA build (see README).
TORCH_INDEX_URL ?=
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test install install-dev ingest lint bench clean browser

run: $(VENV)/.installed
	$(PY) -m coach.cli ingest --quiet
	$(PY) app.py

test: $(VENV)/.installed-dev browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	@# mypy's cold run (over a minute in a fresh clone) overlaps the suite, which runs in two
	@# workers (pytest-xdist; a module's tests stay in one worker, so its fixtures are built
	@# once). mypy's report is shown only when it fails: pytest's summary stays the last line.
	@log=$$(mktemp); $(VENV)/bin/mypy >"$$log" 2>&1 & types=$$!; \
	$(PY) -m pytest -n 2 --dist loadfile --durations=10; tests=$$?; \
	if ! wait $$types; then cat "$$log"; rm -f "$$log"; exit 1; fi; \
	rm -f "$$log"; exit $$tests

# Browser tests drive Debian's chromium (Playwright's own browser download is not used).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not found and cannot be installed here: browser tests will be skipped"; fi; }

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
ifneq ($(TORCH_INDEX_URL),)
	$(PIP) install --quiet "torch==2.13.0" --index-url $(TORCH_INDEX_URL)
endif
	$(PIP) install --quiet "torch==2.13.0" -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install --quiet "torch==2.13.0" -e ".[dev]"
	touch $@

ingest: $(VENV)/.installed
	$(PY) -m coach.cli ingest

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .

bench: $(VENV)/.installed
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .import_linter_cache .grimp_cache .mypy_cache
