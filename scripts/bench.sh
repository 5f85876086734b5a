#!/usr/bin/env bash
# make bench: the 08:30 rush under gunicorn on PostgreSQL and Redis (loopback), measured with Locust, at
# 40 and at 100 concurrent users; then the lesson page beside a bare Wagtail page of the same byte size
# in turns, and a calendar feed unchanged and changed (scripts/bench_pages.py). Prints throughput and
# p50/p95/p99 per step; fails on any error, never on a timing. BENCH_SECONDS (default 60) and
# BENCH_USERS (the user counts, default "40 100") tune it; CI runs a short version.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN="${BENCH_SECONDS:-60}"
USERS_LIST="${BENCH_USERS:-40 100}"
USERS_MAX="$(echo "$USERS_LIST" | tr ' ' '\n' | sort -n | tail -1)"
PORT="${BENCH_PORT:-8020}"
WORK="$(mktemp -d)"
PG="${BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
export DJANGO_SETTINGS_MODULE=lms.settings.production
export DJANGO_SECRET_KEY="bench-only-secret-key-$(date +%s)-not-for-production-use-0123456789"
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false
export DATABASE_URL="${PG}/ics_bench" DATABASE_CONN_MAX_AGE=60
export REDIS_URL=redis://127.0.0.1:6379/13 CELERY_BROKER_URL=redis://127.0.0.1:6379/12
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export SITE_URL="http://127.0.0.1:${PORT}" LOG_LEVEL=WARNING

echo "Preparing the bench database (ics_bench) …"
.venv/bin/python - <<PY
import psycopg
with psycopg.connect("${PG}/postgres", autocommit=True) as conn:
    conn.execute("DROP DATABASE IF EXISTS ics_bench WITH (FORCE)")
    conn.execute("CREATE DATABASE ics_bench")
PY
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_demo >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0
BENCH_USERS="$USERS_MAX" .venv/bin/python scripts/bench_plan.py > "$WORK/plan.json"
export BENCH_PLAN="$WORK/plan.json"

# The production configuration (lms/gunicorn.conf.py), on loopback.
GUNICORN_BIND="127.0.0.1:${PORT}" GUNICORN_ACCESS_LOG=/dev/null GUNICORN_ERROR_LOG="$WORK/gunicorn.log" \
    .venv/bin/gunicorn -c lms/gunicorn.conf.py lms.wsgi:application --daemon --pid "$WORK/gunicorn.pid"
trap 'kill "$(cat "$WORK/gunicorn.pid")" 2>/dev/null || true' EXIT
for _ in $(seq 1 30); do curl -fs -o /dev/null "http://127.0.0.1:${PORT}/" && break; sleep 1; done
BENCH_HOST="http://127.0.0.1:${PORT}" .venv/bin/python scripts/bench_pages.py --warm

run() {  # name, users, user classes…
    local name="$1" users="$2"; shift 2
    .venv/bin/locust -f scripts/locustfile.py --headless --host "http://127.0.0.1:${PORT}" \
        -u "$users" -r "$users" -t "${SECONDS_RUN}s" --csv "$WORK/$name" --only-summary "$@" \
        >"$WORK/$name.log" 2>&1 || true
}
status=0
for users in $USERS_LIST; do
    echo "Running the 08:30 rush for ${SECONDS_RUN} s with ${users} users …"
    run "rush$users" "$users" Caseworker Leader
    echo "Running the bare Wagtail page for ${SECONDS_RUN} s with ${users} users …"
    run "bare$users" "$users" BarePage
    echo "== ${users} concurrent users =="
    .venv/bin/python scripts/bench_report.py "$WORK/rush${users}_stats.csv" "$WORK/bare${users}_stats.csv" "$users" || status=1
done
echo "Lesson page and calendar feed …"
BENCH_HOST="http://127.0.0.1:${PORT}" .venv/bin/python scripts/bench_pages.py || status=1
exit $status
