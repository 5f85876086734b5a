"""The demo world, loaded once and handed to many tests, each of which sees it exactly as just loaded.

`manage.py load_demo` takes many seconds; a module of browser or crawl tests used to run it once per
test. Two ways to load it once and still give every test a freshly loaded demo:

* Tests in a transaction (pytest-django's `db`): `shared_demo_in_transaction` loads the demo once per
  module inside an outer transaction that is rolled back after the module's last test. Each test runs,
  as before, in its own transaction – now a savepoint inside that one – rolled back at its end, so every
  test starts from the demo as loaded, and no later test sees the demo. Loading it inside a transaction
  is what the per-test load did too (its on-commit hooks never ran).

* Transactional tests (live server, `transactional_db`): the database is committed and flushed after
  every test, so a transaction cannot hold the demo. The first test loads it (committed, as before) and
  its rows are copied, table by table, into a schema of their own; every later test gets them back with
  plain SQL (every Django table emptied, refilled from the copy, sequences moved past the rows).

Both give each test the rows the per-test load gave it; what is kept from the first load besides rows:
the files the demo's rows point to (the test storage is in memory; a file missing is saved again under
its own name) and the cache as it stood right after the load. The cache is put back to exactly that at
the start of every test: entries a previous test left (used TOTP codes, rate-limit buckets, cached
pages) are keyed by ids that used to change with every load and now stay the same, so they are cleared.
"""

import io

from django.core.management import call_command

from tests.db_snapshot import TableSnapshot, postgres

SNAPSHOT_SCHEMA = "e2e_demo_snapshot"


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


def load_demo_on_a_clear_cache():
    """The load whose rows are shared: the cache emptied first, so what it holds afterwards is what the
    load put there, and that is what every test sharing the load starts with."""
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()
    load_demo()


# --- The cache, as it stood right after the load ----------------------------------------------------
def cache_state():
    """A copy of every configured cache's entries (test settings use the local-memory cache)."""
    from django.core.cache import caches

    state = {}
    for alias in caches:
        cache = caches[alias]
        if not (hasattr(cache, "_cache") and hasattr(cache, "_expire_info")):
            raise RuntimeError(f"cache {alias!r} is not a local-memory cache; its state cannot be restored")
        with cache._lock:
            state[alias] = (list(cache._cache.items()), dict(cache._expire_info))
    return state


def cache_restore(state):
    from django.core.cache import caches

    for alias, (items, expire_info) in state.items():
        cache = caches[alias]
        with cache._lock:
            cache._cache.clear()
            cache._cache.update(items)
            cache._expire_info.clear()
            cache._expire_info.update(expire_info)


# --- Files the demo's rows point to -------------------------------------------------------------------
def _stored_files():
    from django.apps import apps
    from django.db.models import FileField

    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, FileField):
                for name in model._base_manager.exclude(**{field.attname: ""}).values_list(field.attname, flat=True):
                    if name and field.storage.exists(name):
                        with field.storage.open(name, "rb") as handle:
                            found.append((field.storage, name, handle.read()))
    return found


def _files_restore(files):
    from django.core.files.base import ContentFile

    for storage, name, content in files:
        if not storage.exists(name):
            saved = storage.save(name, ContentFile(content))
            assert saved == name, f"demo file {name} came back as {saved}"


# --- In a transaction: one load per module, a savepoint per test ---------------------------------------
class SharedDemo:
    def __init__(self):
        load_demo_on_a_clear_cache()
        self.files = _stored_files()
        self.cache = cache_state()

    def fresh(self):
        """Called at the start of every test (inside its savepoint): the demo's files and the cache as
        after the load (neither storage nor cache is rolled back with the database)."""
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
        _files_restore(self.files)
        cache_restore(self.cache)


def shared_demo_in_transaction(django_db_blocker):
    """Generator for a module-scoped fixture: load the demo in an outer transaction, roll it back at the end."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True  # as a TestCase's class-wide transaction: a durable block may open inside
        outer.__enter__()
        try:
            shared = SharedDemo()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield shared
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# --- Committed: one load per session, copied and restored with SQL ------------------------------------------
class DemoSnapshot:
    def __init__(self):
        self.copy = TableSnapshot(SNAPSHOT_SCHEMA)
        self.files = []
        self.cache = {}

    @property
    def taken(self):
        """True once the demo is copied: restoring it puts back the reference data too."""
        return self.copy.taken

    def load(self):
        """For a transactional test: the demo, committed, as `load_demo` leaves it."""
        from django.db import connection

        assert connection.get_autocommit(), "the committed demo is for transactional tests"
        if not postgres(connection):  # no copy on SQLite: load it each time, as before
            load_demo()
        elif not self.taken:
            load_demo_on_a_clear_cache()
            self.copy.take(connection)
            self.files = _stored_files()
            self.cache = cache_state()
        else:
            self.copy.restore(connection)
            _files_restore(self.files)
            cache_restore(self.cache)

    def drop(self, connection):
        self.copy.drop(connection)
