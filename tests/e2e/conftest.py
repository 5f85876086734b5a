"""Fixtures of the browser and crawl tests: the demo world, loaded once and fresh for every test
(tests/e2e/demo_world.py says how)."""

import pytest

from .demo_world import DemoSnapshot, shared_demo_in_transaction


@pytest.fixture(scope="module")
def _demo_in_module_transaction(django_db_setup, django_db_blocker):
    yield from shared_demo_in_transaction(django_db_blocker)


@pytest.fixture
def demo_in_transaction(_demo_in_module_transaction, db):
    """The demo, as just loaded, for a test in a transaction (`db`)."""
    _demo_in_module_transaction.fresh()


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker):
    snapshot = DemoSnapshot()
    yield snapshot
    from django.db import connection

    with django_db_blocker.unblock():
        snapshot.drop(connection)


@pytest.fixture
def demo_committed(_demo_snapshot, transactional_db):
    """The demo, as just loaded and committed, for a transactional test (live server)."""
    _demo_snapshot.load()
