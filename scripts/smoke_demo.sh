#!/usr/bin/env bash
# Smoke test of the embedded default: a fresh SQLite file, migrate, load_demo twice, then every demo
# account logs in through the real login form and gets its own dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
DB_FILE="$(mktemp -d)/smoke.sqlite3"
export DJANGO_SETTINGS_MODULE=lms.settings.dev DATABASE_URL="sqlite:///${DB_FILE}" CELERY_BROKER_URL=""
.venv/bin/python manage.py migrate --noinput >/dev/null
.venv/bin/python manage.py load_demo
.venv/bin/python manage.py load_demo
.venv/bin/python scripts/smoke_logins.py
