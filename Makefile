# The two commands of the README. Everything the project needs is installed here, from nothing.
#   make run    install, build the index if it is missing, start the app on http://localhost:8501
#   make test   install (with test tools and Debian's Chromium), lint, type-check, run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: run test install install-dev browser lint eval bench ingest clean

run: install
	$(BIN)/assistant serve

# Two workers, each given whole test files (--dist loadfile), so a file's costly fixtures (the
# gold answers, the mixed-forces index) are built once; each worker builds its own session index
# of corpus/ and keeps to one thread, so the two share the cores instead of fighting for them.
# Files go out in collection order (--no-loadscope-reorder), which tests/conftest.py sets to
# the longest first, so no long file starts when the other worker is nearly done.
TEST_WORKERS ?= 2
test: install-dev browser lint
	OMP_NUM_THREADS=1 $(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# torch first and pinned: the CPU build of 2.13.0; an unpinned torch pulls gigabytes of CUDA wheels.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check torch==2.13.0
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

# The browser test drives Debian's Chromium; Playwright's own browser download cannot work here.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "chromium is not installed and this is not root: the browser test will be skipped"; fi; }

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

ingest: install
	$(BIN)/assistant ingest

eval: install
	$(BIN)/assistant eval

bench: install
	$(BIN)/assistant bench

clean:
	rm -rf index $(VENV)
