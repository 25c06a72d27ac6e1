# Two commands matter: `make run` (serve the site locally) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_WORKERS ?= auto

# Local mode: production settings except plain http on 127.0.0.1 and media served by Django.
LOCAL_ENV = SECRET_KEY="$$(cat .secret_key)" DEBUG=0 HTTPS=0 SERVE_MEDIA=1

.PHONY: install install-dev run worker test e2e lint bench clean

# `make run` installs what the site needs (requirements.txt); `make test` adds the test and
# lint tools (requirements-dev.txt).
$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

install-dev: $(BIN)/.installed-dev

.secret_key:
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

run: install .secret_key
	$(LOCAL_ENV) $(BIN)/python manage.py migrate --noinput
	$(LOCAL_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(LOCAL_ENV) $(BIN)/python manage.py prepare_local_site
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(LOCAL_ENV) PORT=$(PORT) exec $(BIN)/gunicorn --config site_config/gunicorn.conf.py site_config.wsgi

# A background-job worker (site_config/jobs.py) on the Redis at REDIS_URL; run any number.
# Without REDIS_URL, `make run` needs none: jobs run in the web process.
worker: install .secret_key
	$(LOCAL_ENV) $(BIN)/python manage.py rqworker --with-scheduler $${JOBS_QUEUE:-default}

test: install-dev
	$(BIN)/pytest -n $(PYTEST_WORKERS)

e2e: install-dev
	$(BIN)/pytest -n $(PYTEST_WORKERS) -m e2e tests/e2e

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install-dev .secret_key
	$(BIN)/python bench/run.py
	$(BIN)/python bench/editor_bench.py
	$(BIN)/python bench/page_weight.py

clean:
	rm -rf $(VENV) staticfiles
