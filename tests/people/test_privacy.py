"""Privacy that holds: an erased person is found nowhere but in the pseudonymised training evidence, the
GDPR export covers everything held about a person, and the retention purge deletes what is kept no
longer than ICS["RETENTION_DAYS"]."""

import csv
import datetime
import io
import json

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore as CachedSessionStore
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from compliance.models import Exemption, RosterImport
from compliance.reminders import DIGEST
from courses.models import Completion
from people.models import Invitation, MembershipEvent, Notification, User
from people.services import membership_create, person_erase
from people.tasks import personal_data_purge_task
from tests.compliance.factories import completion
from tests.factories import TOTP_SECRET, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

NAME = "Quentin Zapfgruber"
SURNAME = "Zapfgruber"
EMAIL = "quentin.zapfgruber@example.dk"
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def _mentions(value):
    """Every row of every table with a text or JSON column holding `value` (any case)."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        columns = [f for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        if not columns:
            continue
        where = Q()
        for column in columns:
            where |= Q(**{f"{column.name}__icontains": value})
        found += [(model._meta.label, pk) for pk in model.objects.filter(where).values_list("pk", flat=True)]
    return found


@pytest.fixture
def subject(municipality, team, leader):
    """A caseworker the platform knows in every way: membership, invitation, roster import row, digest,
    Wagtail log entry, live session, TOTP, a completion and an exemption."""
    person = UserFactory(full_name=NAME, email=EMAIL)
    MembershipFactory(person=person, municipality=municipality, team=team, role="sagsbehandler")
    TOTP.activate(person, TOTP_SECRET)
    Invitation.objects.create(
        email=EMAIL, full_name=NAME, role="sagsbehandler", municipality=municipality, invited_by=leader, start_date=datetime.date(2026, 1, 1),
        expires_at=timezone.now() + datetime.timedelta(days=14),
    )
    Notification.objects.create(key="invitation:test", kind="people.invitation", email=EMAIL, data={"name": NAME},
                                sent_at=timezone.now())
    RosterImport.objects.create(municipality=municipality, uploaded_by=leader, filename="personale.xlsx", rows=[
        {"number": 2, "name": NAME, "email": EMAIL.upper(), "role": "sagsbehandler"},
        {"number": 3, "name": "Anden Kollega", "email": "anden@example.dk", "role": "sagsbehandler"},
    ])
    Notification.objects.create(
        key="digest:test", kind=DIGEST, recipient=leader, sent_at=timezone.now(),
        data={"municipality_id": municipality.pk, "week": "2026-W48", "people": [
            {"name": NAME, "team": team.name, "deadline": "2026-01-01", "progress": "Ikke startet"},
            {"name": "Anden Kollega", "team": team.name, "deadline": "2026-02-01", "progress": "Ikke startet"},
        ]},
    )
    log(instance=person, action="wagtail.edit", user=leader, data={"note": f"{NAME} <{EMAIL}>"})
    done = completion(person, datetime.date(2025, 5, 1))
    Exemption.objects.create(person=person, municipality=municipality, reason="Orlov", granted_by=leader)
    return person, done


def test_an_erased_person_is_found_in_no_table(client, admin_user, subject):
    person, done = subject
    client.force_login(person)
    assert client.get(reverse("dashboard")).status_code == 200
    assert ModelLogEntry.objects.filter(label__icontains=SURNAME).exists()
    assert _mentions(SURNAME) and _mentions(EMAIL), "the fixture must put the person in the tables"
    session_key = client.session.session_key
    assert cache.get(CachedSessionStore.cache_key_prefix + session_key), "sessions are read from the cache"

    person_erase(person=person, by=admin_user)
    assert cache.get(CachedSessionStore.cache_key_prefix + session_key) is None, "the cached copy goes too"

    assert _mentions(SURNAME) == []
    assert _mentions(EMAIL) == []
    assert _mentions(EMAIL.split("@")[0]) == []
    # The session they had no longer logs in; no session of theirs is left, nor a second factor.
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(person.pk)]
    assert not Authenticator.objects.filter(user=person).exists()
    assert not Invitation.objects.filter(email__iexact=EMAIL).exists()
    # The evidence stays, tied to the pseudonymous account.
    erased = User.objects.get(pk=person.pk)
    assert Completion.objects.get(pk=done.pk).person_id == erased.pk
    assert Exemption.objects.filter(person=erased).count() == 1
    assert erased.email.endswith("@slettet.invalid") and not erased.is_active
    # The other people in the same roster file and digest are untouched.
    assert [r["name"] for r in RosterImport.objects.get().rows] == ["Anden Kollega"]
    assert [p["name"] for p in Notification.objects.get(kind=DIGEST).data["people"]] == ["Anden Kollega"]


def test_erasure_rotates_the_calendar_address(admin_user, subject):
    person, _done = subject
    token = person.calendar_token
    person_erase(person=person, by=admin_user)
    assert User.objects.get(pk=person.pk).calendar_token != token


def test_the_export_holds_exemptions_invitations_and_membership_history(client, admin_user, subject, municipality):
    person, done = subject
    membership_create(person=person, role="sagsbehandler", municipality=municipality,
                      start_date=datetime.date(2026, 1, 1), by=admin_user)
    client.force_login(person)
    data = json.loads(client.get(reverse("courses:my_data_json")).content)
    assert data["person"][0]["email"] == EMAIL and "calendar_token" not in data["person"][0]
    assert [e["reason"] for e in data["exemptions"]] == ["Orlov"]
    assert [i["email"] for i in data["invitations"]] == [EMAIL]
    assert len(data["memberships"]) == 2
    assert [e["action"] for e in data["membership_history"]] == [MembershipEvent.Action.CREATED]
    assert [c["id"] for c in data["completions"]] == [done.pk]
    assert [r["number"] for r in data["roster_import_rows"]] == [2]
    assert [a["type"] for a in data["two_factor"]] == [Authenticator.Type.TOTP]
    assert "secret" not in json.dumps(data["two_factor"])
    # Notifications say what was sent when, never another person's name from a leader's digest.
    assert {n["kind"] for n in data["notifications"]} == {"people.invitation"}
    assert "Anden Kollega" not in json.dumps(data)

    rows = list(csv.reader(io.StringIO(client.get(reverse("courses:my_data_csv")).content.decode().lstrip("\ufeff")),
                           delimiter=";"))
    sections = {row[0] for row in rows[1:]}
    assert {"exemptions", "invitations", "membership_history", "completions"} <= sections


def _at(days_ago):
    return timezone.now() - datetime.timedelta(days=days_ago)


def test_the_retention_purge_deletes_old_imports_sessions_and_invitations(municipality, leader):
    days = settings.ICS["RETENTION_DAYS"]
    old_staged = RosterImport.objects.create(municipality=municipality, uploaded_by=leader, created_at=_at(days + 1))
    old_applied = RosterImport.objects.create(
        municipality=municipality, uploaded_by=leader, created_at=_at(days + 5), applied_at=_at(days + 4)
    )
    recent = RosterImport.objects.create(municipality=municipality, uploaded_by=leader, created_at=_at(days - 1))
    recently_applied = RosterImport.objects.create(
        municipality=municipality, uploaded_by=leader, created_at=_at(days + 2), applied_at=_at(1)
    )

    def invitation(**kwargs):
        return Invitation.objects.create(
            email=f"ny{Invitation.objects.count()}@example.dk", full_name="Ny Kollega", role="sagsbehandler",
            municipality=municipality, invited_by=leader, start_date=datetime.date(2026, 1, 1), **kwargs,
        )

    accepted_long_ago = invitation(created_at=_at(days + 20), expires_at=_at(days + 6), accepted_at=_at(days + 10))
    expired_long_ago = invitation(created_at=_at(days + 20), expires_at=_at(days + 6))
    pending = invitation(expires_at=timezone.now() + datetime.timedelta(days=14))
    accepted_recently = invitation(created_at=_at(3), expires_at=_at(-11), accepted_at=_at(2))
    expired_recently = invitation(created_at=_at(20), expires_at=_at(6))

    live, expired = SessionStore(), SessionStore()
    live["_auth_user_id"] = str(leader.pk)
    live.create()
    expired.set_expiry(_at(1))
    expired.create()

    counts = personal_data_purge_task()

    assert set(RosterImport.objects.values_list("pk", flat=True)) == {recent.pk, recently_applied.pk}
    assert not RosterImport.objects.filter(pk__in=[old_staged.pk, old_applied.pk]).exists()
    assert set(Invitation.objects.values_list("pk", flat=True)) == {
        pending.pk, accepted_recently.pk, expired_recently.pk
    }
    assert not Invitation.objects.filter(pk__in=[accepted_long_ago.pk, expired_long_ago.pk]).exists()
    assert Session.objects.filter(session_key=live.session_key).exists()
    assert not Session.objects.filter(session_key=expired.session_key).exists()
    assert counts == {"sessions": 1, "invitations": 2, "roster_imports": 2, "people.sso": 0}
    assert personal_data_purge_task() == {"sessions": 0, "invitations": 0, "roster_imports": 0, "people.sso": 0}


def test_the_purge_runs_in_beat():
    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    assert entries.count("people.tasks.personal_data_purge_task") == 1


def _export_queries(person):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from people.personal_data import personal_data_export

    with CaptureQueriesContext(connection) as queries:
        personal_data_export(person=person)
    return len(queries)


def test_the_export_takes_as_many_queries_however_much_is_held(admin_user, subject, municipality, leader):
    person, _done = subject
    before = _export_queries(person)
    for year in (2027, 2028):
        membership_create(person=person, role="sagsbehandler", municipality=municipality,
                          start_date=datetime.date(year, 1, 1), by=admin_user)
        Invitation.objects.create(
            email=EMAIL, full_name=NAME, role="sagsbehandler", municipality=municipality, invited_by=leader,
            start_date=datetime.date(year, 1, 1), expires_at=timezone.now() + datetime.timedelta(days=14),
        )
        Exemption.objects.create(person=person, municipality=municipality, reason="Orlov", granted_by=leader)
    assert _export_queries(person) == before
