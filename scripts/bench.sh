#!/usr/bin/env bash
# make bench: the 08:30 rush under gunicorn on PostgreSQL and Redis (loopback), measured with Locust,
# beside a bare Wagtail page of similar size. Prints throughput and p50/p95/p99 per step; fails on any
# error. BENCH_SECONDS (default 60) and BENCH_USERS (concurrent users, default 40) tune it.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN="${BENCH_SECONDS:-60}"
USERS="${BENCH_USERS:-40}"
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
.venv/bin/python scripts/bench_plan.py > "$WORK/plan.json"
export BENCH_PLAN="$WORK/plan.json"

.venv/bin/gunicorn lms.wsgi:application --bind "127.0.0.1:${PORT}" --workers 4 --threads 2 \
    --access-logfile /dev/null --error-logfile "$WORK/gunicorn.log" --daemon --pid "$WORK/gunicorn.pid"
trap 'kill "$(cat "$WORK/gunicorn.pid")" 2>/dev/null || true' EXIT
for _ in $(seq 1 30); do curl -fs -o /dev/null "http://127.0.0.1:${PORT}/" && break; sleep 1; done

run() {  # name, user classes…
    local name="$1"; shift
    .venv/bin/locust -f scripts/locustfile.py --headless --host "http://127.0.0.1:${PORT}" \
        -u "$USERS" -r "$USERS" -t "${SECONDS_RUN}s" --csv "$WORK/$name" --only-summary "$@" \
        >"$WORK/$name.log" 2>&1 || true
}
echo "Running the 08:30 rush for ${SECONDS_RUN} s with ${USERS} users …"
run rush Caseworker Leader
echo "Running the bare Wagtail page for ${SECONDS_RUN} s …"
run bare BarePage
.venv/bin/python scripts/bench_report.py "$WORK/rush_stats.csv" "$WORK/bare_stats.csv"
