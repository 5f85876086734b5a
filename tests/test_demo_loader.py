"""The project's demo loader (`lms.demo`, `manage.py load_demo`): every app's demo, in order, twice."""

import io

import pytest
from django.core.management import CommandError, call_command

from lms import demo
from people.models import Membership, User

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent():
    call_command("load_demo", stdout=io.StringIO())
    counts = (User.objects.count(), Membership.objects.count())
    emails = set(User.objects.values_list("email", flat=True))
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert (User.objects.count(), Membership.objects.count()) == counts
    assert {"admin@ics.demo", "udbyder@via.demo", "leder@skanderborg.demo", "sagsbehandler2@koebenhavn.demo"} <= emails
    assert [line for line in out.getvalue().splitlines() if line.startswith("Loading demo data for")] == [
        "Loading demo data for people …", "Loading demo data for scheduling …",
        "Loading demo data for courses …", "Loading demo data for compliance …",
        "Loading demo data for implementation …",
    ]


def test_a_failing_demo_names_its_app(monkeypatch):
    def broken(stdout=None):
        raise ValueError("no provider")

    monkeypatch.setattr(demo, "STEPS", (("scheduling", broken),))
    with pytest.raises(CommandError, match="Demo data for scheduling failed: no provider"):
        call_command("load_demo", stdout=io.StringIO())
