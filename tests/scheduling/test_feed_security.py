"""Calendar feeds hold no one's name, stop when the password changes or a role ends, and no address
opens a municipality's feed but the one it was made for (issue 16, point 4)."""

import datetime

import pytest
from allauth.account import signals as account_signals
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from people.services import membership_end
from scheduling.models import Registration
from scheduling.selectors import feed_municipalities, municipality_feed_path
from tests.factories import PASSWORD, MembershipFactory, national_admin

from .factories import event_with_sessions

pytestmark = pytest.mark.django_db


def personal_url(person):
    return reverse("scheduling:personal_feed", args=[person.calendar_token])


def test_personal_feed_name_is_neutral(client, municipality, caseworker):
    caseworker.full_name = "Kirsten Abildgaard"
    caseworker.save()
    event = event_with_sessions(municipality=municipality)
    Registration.objects.create(event=event, person=caseworker, status="confirmed", municipality=municipality)
    response = client.get(personal_url(caseworker))
    cal = Calendar.from_ical(response.content)
    assert str(cal["X-WR-CALNAME"]) == "ICS Akademi – min kalender"
    body = response.content.decode()
    for part in ("Kirsten", "Abildgaard", caseworker.email):
        assert part not in body


def test_password_change_over_http_renews_the_token(client, municipality, caseworker):
    old_personal, old_municipal = personal_url(caseworker), municipality_feed_path(caseworker, municipality)
    assert client.get(old_personal).status_code == 200 and client.get(old_municipal).status_code == 200
    client.force_login(caseworker)
    response = client.post(reverse("account_change_password"), {
        "oldpassword": PASSWORD, "password1": "nyt-kodeord-til-ics", "password2": "nyt-kodeord-til-ics",
    })
    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.check_password("nyt-kodeord-til-ics")
    assert client.get(old_personal).status_code == 404
    assert client.get(old_municipal).status_code == 404
    assert client.get(personal_url(caseworker)).status_code == 200
    assert client.get(municipality_feed_path(caseworker, municipality)).status_code == 200


@pytest.mark.parametrize("signal", [account_signals.password_reset, account_signals.password_set])
def test_password_reset_and_set_renew_the_token(client, caseworker, rf, signal):
    old = caseworker.calendar_token
    signal.send(sender=type(caseworker), request=rf.get("/"), user=caseworker)
    caseworker.refresh_from_db()
    assert caseworker.calendar_token != old
    assert client.get(reverse("scheduling:personal_feed", args=[old])).status_code == 404


def test_ended_role_renews_the_token_and_closes_the_municipal_feed(
    client, municipality, leader, django_capture_on_commit_callbacks
):
    membership = leader.memberships.get()
    old_personal, old_municipal = personal_url(leader), municipality_feed_path(leader, municipality)
    assert client.get(old_municipal).status_code == 200
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    membership.start_date = yesterday - datetime.timedelta(days=30)
    membership.save()
    with django_capture_on_commit_callbacks(execute=True):
        membership_end(membership=membership, end_date=yesterday, by=None)
    leader.refresh_from_db()
    assert client.get(old_personal).status_code == 404
    assert client.get(old_municipal).status_code == 404
    # The new token still opens the person's own feed, never the municipality they have left.
    assert client.get(personal_url(leader)).status_code == 200
    assert client.get(municipality_feed_path(leader, municipality)).status_code == 404
    assert not feed_municipalities(leader).exists()


def test_membership_change_without_an_end_keeps_the_token(caseworker, team, django_capture_on_commit_callbacks):
    from people.services import membership_update

    old = caseworker.calendar_token
    with django_capture_on_commit_callbacks(execute=True):
        membership_update(membership=caseworker.memberships.get(), by=None, team=None)
    caseworker.refresh_from_db()
    assert caseworker.calendar_token == old


def test_national_admin_token_opens_no_municipal_feed(client, municipality, other_municipality):
    admin = national_admin()
    event_with_sessions(municipality=municipality, title="Kommunens temadag")
    assert not feed_municipalities(admin).exists()
    response = client.get(municipality_feed_path(admin, municipality))
    assert response.status_code == 404 and b"Kommunens temadag" not in response.content
    assert client.get(personal_url(admin)).status_code == 200
    client.force_login(admin)
    page = client.get(reverse("scheduling:municipality_calendar", args=[municipality.slug]))
    assert page.status_code == 200 and "/feed/kommune/" not in page.content.decode()
    assert "/feed/kommune/" not in client.get(reverse("scheduling:subscription")).content.decode()


def test_municipal_feed_address_is_tied_to_its_municipality(client, municipality, other_municipality, leader):
    """A leader of two municipalities: the address of one, with the other's slug, opens nothing."""
    MembershipFactory(person=leader, municipality=other_municipality, role="leder")
    event_with_sessions(municipality=other_municipality, title="Nabokommunens temadag")
    own = municipality_feed_path(leader, municipality)
    swapped = own.replace(f"/kommune/{municipality.slug}/", f"/kommune/{other_municipality.slug}/")
    assert client.get(own).status_code == 200
    response = client.get(swapped)
    assert response.status_code == 404 and b"Nabokommunens temadag" not in response.content
    assert client.get(municipality_feed_path(leader, other_municipality)).status_code == 200


@pytest.mark.parametrize("key", ["1-abc", "x-" + "0" * 64, "9" * 40 + "-" + "0" * 64, "-", "", "12"])
def test_made_up_municipal_keys_are_404(client, municipality, key):
    url = f"/kalender/feed/kommune/{municipality.slug}/{key}.ics"
    assert client.get(url).status_code == 404


def test_municipal_feed_address_does_not_carry_the_personal_token(municipality, leader):
    assert str(leader.calendar_token) not in municipality_feed_path(leader, municipality)
