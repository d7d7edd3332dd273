# newsingest — every target creates the virtualenv and installs what it needs by itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run migrate test lint bench eval up down clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)  ## create .venv and install newsingest with its dev tools

migrate: install  ## create the database if missing and apply migrations
	$(BIN)/newsingest migrate

run: install  ## check Postgres/Redis, migrate, run API + 4 workers + Flower in the foreground
	$(BIN)/newsingest run

test: install  ## the whole test suite (real Postgres, Redis, Celery workers)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install  ## ruff + mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy shared services tests

bench: install  ## stack vs. in-process throughput, latency, CPU per stage; storer pages/s; search p95 at 100k articles
	$(BIN)/newsingest bench $(BENCH_ARGS)
	$(BIN)/newsingest bench-storage $(BENCH_STORAGE_ARGS)

eval: install  ## quality on the public gold sets in ../shared/eval (skipped when absent)
	$(BIN)/newsingest eval $(EVAL_ARGS)

up:  ## the stack in Docker (needs a Docker engine)
	docker compose up --build

down:
	docker compose down

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
