# ICS Akademi: `make demo` serves the demo, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))

.PHONY: demo test install lint messages bench bench-implementation check-migrations smoke clean

# The virtual environment with the locked dependencies; re-synced only when the lock changes. Byte-code
# is compiled at install: uv does not by default, and where PYTHONDONTWRITEBYTECODE is set (as on our
# machines) every process would otherwise compile each module it imports from source, every time.
$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: uv.lock pyproject.toml Makefile | $(BIN)/uv
	$(BIN)/uv sync --frozen --quiet --compile-bytecode
	touch $@

node_modules/axe-core/axe.min.js: package-lock.json
	npm ci --no-audit --no-fund --silent || echo "npm not available: accessibility checks will be skipped"

install: $(VENV)/.synced

# The embedded default: SQLite file, eager Celery tasks, mail to the console. Needs no service.
demo: install
	DJANGO_SETTINGS_MODULE=lms.settings.dev $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=lms.settings.dev $(BIN)/python manage.py load_demo
	@echo ""
	@echo "ICS Akademi kører på http://127.0.0.1:8000  (adgangskode til alle demokonti: demo-ics-2026)"
	DJANGO_SETTINGS_MODULE=lms.settings.dev $(BIN)/python manage.py runserver 127.0.0.1:8000

# The whole suite on PostgreSQL and Redis (127.0.0.1 unless DATABASE_URL / TEST_REDIS_URL say otherwise).
test: install node_modules/axe-core/axe.min.js
	@bash scripts/ensure_browser.sh || true
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check . || true

check-migrations: install
	DJANGO_SETTINGS_MODULE=lms.settings.dev DATABASE_URL=sqlite:///:memory: $(BIN)/python manage.py makemigrations --check --dry-run

# Recompile the Danish translations after editing locale/*/LC_MESSAGES/django.po.
messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv

# The 08:30 rush under gunicorn + PostgreSQL + Redis with Locust (BENCH_SECONDS=10 for a short run).
bench: install
	bash scripts/bench.sh

# The barometer report at national scale: 98 municipalities × 500 respondents (about five minutes).
bench-implementation: install
	$(BIN)/python manage.py bench_implementation

smoke: install
	bash scripts/smoke_demo.sh

clean:
	rm -rf $(VENV) db.sqlite3 test.sqlite3 staticfiles
