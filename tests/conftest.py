"""Shared fixtures. Tests that need a real server carry a marker; on a machine without that server
they are skipped with a plain reason (never under CI=true: test settings refuse to start there)."""

import pytest
from django.conf import settings

from tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    ProviderFactory,
    TeamFactory,
    UserFactory,
    national_admin,
)


def pytest_report_header(config):
    missing = getattr(settings, "TEST_SERVICES_MISSING", [])
    if missing:
        return [
            "!! Not answering: " + ", ".join(missing)
            + ". Running on SQLite; tests marked postgres/redis/worker are SKIPPED."
        ]
    return [f"Database: {settings.DATABASES['default']['ENGINE']} · Redis: {settings.TEST_REDIS_URL}"]


def pytest_collection_modifyitems(config, items):
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL, which does not answer on this machine")
    skip_redis = pytest.mark.skip(reason="needs Redis, which does not answer on this machine")
    for item in items:
        if ("postgres" in item.keywords) and not settings.TEST_HAS_POSTGRES:
            item.add_marker(skip_pg)
        if ("redis" in item.keywords or "worker" in item.keywords) and not settings.TEST_HAS_REDIS:
            item.add_marker(skip_redis)
        if "worker" in item.keywords and not settings.TEST_HAS_POSTGRES:
            item.add_marker(skip_pg)


@pytest.fixture
def municipality(db):
    return MunicipalityFactory()


@pytest.fixture
def other_municipality(db):
    return MunicipalityFactory()


@pytest.fixture
def provider(db):
    return ProviderFactory()


@pytest.fixture
def team(municipality):
    return TeamFactory(municipality=municipality)


@pytest.fixture
def leader(municipality):
    return MembershipFactory(municipality=municipality, role="leder").person


@pytest.fixture
def caseworker(municipality, team):
    return MembershipFactory(municipality=municipality, team=team, role="sagsbehandler").person


@pytest.fixture
def superuser_person(municipality):
    return MembershipFactory(municipality=municipality, role="superbruger").person


@pytest.fixture
def other_leader(other_municipality):
    return MembershipFactory(municipality=other_municipality, role="leder").person


@pytest.fixture
def coordinator(provider):
    return MembershipFactory(provider=provider, municipality=None, role="koordinator").person


@pytest.fixture
def admin_user(db):
    return national_admin()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def real_worker(transactional_db, tmp_path):
    """A real Celery worker process on the local Redis, using this test's database.

    Yields a `send(task_name, *args)` function that publishes a task to the broker (the test process
    itself keeps eager settings). The worker runs the dev settings pointed at the test database.
    """
    import os
    import subprocess
    import sys
    import time

    from celery import Celery
    from django.db import connection

    db = connection.settings_dict
    database_url = f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": settings.TEST_REDIS_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    log = open(tmp_path / "worker.log", "w")
    queue = f"test-{os.getpid()}-{time.monotonic_ns()}"
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "lms", "worker", "--pool=solo", "--concurrency=1",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", queue, "--loglevel=INFO"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    client = Celery(broker=settings.TEST_REDIS_URL)

    def send(task_name, *args, **kwargs):
        return client.send_task(task_name, args=args, kwargs=kwargs, queue=queue)

    send.log_path = tmp_path / "worker.log"
    try:
        yield send
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def wait_for(predicate, timeout=30.0, interval=0.2):
    """Poll until predicate() is truthy; return its value or fail after timeout seconds."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")
