"""Shared fixtures. Tests that need a real server carry a marker; on a machine without that server
they are skipped with a plain reason (never under CI=true: test settings refuse to start there)."""

import pytest
from django.conf import settings

from tests.db_snapshot import TableSnapshot, postgres
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


# --- Reference data for transactional tests -------------------------------------------------------
# Data migrations fill the database with reference data (98 municipalities, admin groups, Wagtail's
# root and home page, the course index and its workflow). A transactional test (live server, threads,
# a real worker) ends with a flush that removes it, and Django's serialized_rollback cannot always put
# it back (under Playwright's event loop the test gets a connection without the serialized copy). So
# the copy is kept here and restored, through whatever connection the test has, when it is missing.
# On PostgreSQL the rows are also copied table by table (tests/db_snapshot.py) and put back with SQL,
# which takes a fraction of the seconds the deserialization takes.
_REFERENCE_DATA = {}
_REFERENCE_COPY = TableSnapshot("test_reference_snapshot")


def _sql_flush_by_delete(original):
    """Flush with DELETE instead of TRUNCATE: the same empty tables at a fraction of the cost (TRUNCATE
    makes every one of the ~100 tables' files anew, about two seconds after every transactional test).
    All in one transaction (`execute_sql_flush`), so the deferred foreign keys are checked once every
    table is empty. A flush that resets sequences or cascades is left to Django's TRUNCATE."""

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return original(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]

    return sql_flush


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.db import connection

    patch = pytest.MonkeyPatch()
    with django_db_blocker.unblock():
        _REFERENCE_DATA["json"] = connection.creation.serialize_db_to_string()
        if postgres(connection):
            _REFERENCE_COPY.take(connection)
            operations = type(connection.ops)
            patch.setattr(operations, "sql_flush", _sql_flush_by_delete(operations.sql_flush))
    yield
    patch.undo()
    with django_db_blocker.unblock():
        _REFERENCE_COPY.drop(connection)


def _uses_transactional_db(request):
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server", "real_worker")
    )


@pytest.fixture(autouse=True)
def _reference_data_for_transactional_tests(request):
    if not _uses_transactional_db(request):
        yield
        return
    request.getfixturevalue("transactional_db")
    if "demo_committed" in request.fixturenames and request.getfixturevalue("_demo_snapshot").taken:
        # The copied demo (tests/e2e/demo_world.py) holds the reference data; restoring it replaces every row.
        yield
        return
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection

    from people.models import Municipality

    ContentType.objects.clear_cache()
    missing = not (Municipality.objects.exists() and Group.objects.filter(name="Ledere").exists())
    if missing and _REFERENCE_COPY.taken:
        _REFERENCE_COPY.restore(connection)  # every table as the migrations left it, sequences past the rows
    elif missing:
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(_REFERENCE_DATA["json"])
        # Rows came back with their ids; move the sequences past them (flush restarted them at 1).
        from django.apps import apps
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(sql)
        ContentType.objects.clear_cache()
    yield


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


# --- Browser tests: pytest-playwright driving Debian's Chromium (never a downloaded browser) ---------

CHROMIUM = "/usr/bin/chromium"
AXE_JS = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser_type_launch_args():
    import os

    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {CHROMIUM} is missing (apt-get install chromium)")
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM}")
    # The ORM is called from tests while Playwright's sync API runs its own loop.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return {
        "executable_path": CHROMIUM,
        "headless": True,
        "args": ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "da-DK", "timezone_id": "Europe/Copenhagen",
            "viewport": {"width": 1280, "height": 900}}


def assert_accessible(page, *, context=None):
    """Run axe-core in the page; fail on any serious or critical WCAG 2.1 A/AA violation."""
    if not AXE_JS.exists():
        import os

        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("axe-core missing: run `npm ci`")
        pytest.skip("axe-core missing: run `npm ci`")
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
    # govern: a script tag would be refused (script-src 'self'), and bypassing the CSP would hide ours.
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (context) => await axe.run(context || document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })""",
        context,
    )
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, "\n".join(
        f"{v['impact']}: {v['id']} – {v['help']} – {[n['target'] for n in v['nodes']][:5]} on {page.url}" for v in bad
    )
    return result


def browser_login(page, live_server, email, password="correct-horse-battery-9"):
    page.goto(f"{live_server.url}/konto/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


# --- Logins ---------------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def _force_login_is_a_full_login(monkeypatch):
    """`client.force_login(user)` stands for a finished allauth login: a password and, when the account
    has TOTP, the second factor, recorded in the session the way allauth records them (the two-factor
    middleware reads those records). A test of a password-only session logs in with `client.login(...)`
    or through the login form instead (tests/people/test_login_security.py)."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator
    from django.http import HttpRequest
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        request = HttpRequest()
        request.session = self.session
        record_authentication(request, user, "password", email=user.email)
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is not None:
            record_authentication(request, user, "mfa", id=totp.pk, type=totp.type)
        request.session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


# --- What is kept per version of the course material ---------------------------------------------
@pytest.fixture(autouse=True)
def _material_version_per_test():
    """Each test starts from a new version of the course material. A test's tree is rolled back after it
    while the cache (and each process's table of course indexes, courses.routing) is not: what was kept
    under the last version must not be read as the next test's tree."""
    from django.core.cache import cache

    from courses.selectors.material import MATERIAL_VERSION_KEY

    cache.delete(MATERIAL_VERSION_KEY)
