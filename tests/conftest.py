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
