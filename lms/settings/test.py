"""Test settings: PostgreSQL and Redis on this machine, as production uses.

When neither DATABASE_URL nor a local PostgreSQL answers, the suite falls back to SQLite and the tests
marked `postgres`, `redis` or `worker` are skipped (tests/conftest.py says so plainly). Under CI
(CI=true) a missing server is an error, never a skip.
"""

import os
import socket
from urllib.parse import urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, database_settings, env, env_bool

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"


def _answers(url, default_port):
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1):
            return True
    except OSError:
        return False


_database_url = env("DATABASE_URL", DEFAULT_DATABASE_URL)
_redis_url = env("TEST_REDIS_URL", DEFAULT_REDIS_URL)
TEST_SERVICES_MISSING = []
if _database_url.startswith("postgres") and not _answers(_database_url, 5432):
    TEST_SERVICES_MISSING.append(f"PostgreSQL ({urlparse(_database_url).netloc})")
if not _answers(_redis_url, 6379):
    TEST_SERVICES_MISSING.append(f"Redis ({urlparse(_redis_url).netloc})")
if TEST_SERVICES_MISSING and env_bool("CI"):
    raise ImproperlyConfigured(
        "CI=true but these servers do not answer: " + ", ".join(TEST_SERVICES_MISSING)
    )

if any(s.startswith("PostgreSQL") for s in TEST_SERVICES_MISSING):
    DATABASES = {"default": dj_database_url.parse(f"sqlite:///{BASE_DIR / 'test.sqlite3'}")}
else:
    DATABASES = {"default": database_settings(_database_url)}
TEST_HAS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
TEST_HAS_REDIS = not any(s.startswith("Redis") for s in TEST_SERVICES_MISSING)
TEST_REDIS_URL = _redis_url
# A worker subprocess started by a test reads these to reach the same database and broker.
TEST_DATABASE_URL = _database_url

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_BROKER_URL = ""
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Separate rate-limit buckets per test: every test starts with an empty cache.
# One process: the per-process tier ("local") shares the default's store, so clearing one clears both.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
          "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# As production (cached_db); one process, so the local-memory cache is coherent.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SITE_URL = "http://testserver"
os.environ.setdefault("PLAYWRIGHT_BROWSERS_PATH", "0")
