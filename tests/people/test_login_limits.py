"""A course room can log in (issue 11, item 9): failed logins are limited strictly per account and
generously per address, and a refused login says, in Danish, when to try again."""

import datetime
import hashlib
import re
import time

import pytest
from allauth.core.internal.ratelimit import get_cache_key, get_rates, parse_rate
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from people import login_limits
from tests.factories import PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db

ROOM = "10.20.30.40"  # the course room's one municipal NAT address
LOCKOUT = re.compile(r"Prøv igen om (\d+) minut(?:ter)?, kl\. (\d\d)\.(\d\d)")


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def caseworkers(municipality, team, count):
    return [MembershipFactory(municipality=municipality, team=team, role="sagsbehandler").person
            for _ in range(count)]


@pytest.fixture
def room(municipality, team):
    """A course room of thirty caseworkers behind one address."""
    return caseworkers(municipality, team, 30)


@pytest.fixture
def colleagues(municipality, team):
    """A few caseworkers of one municipality (a password hash is slow on purpose: keep them few)."""
    return caseworkers(municipality, team, 6)


def attempt(email, password=PASSWORD, address=ROOM):
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    return client, response


def logged_in(client):
    return client.session.get("_auth_user_id")


def form_errors(response):
    return " ".join(str(error) for error in response.context["form"].non_field_errors())


def test_twenty_wrong_passwords_from_the_room_do_not_lock_out_a_colleague(room):
    for person in room[:10]:  # ten people mistype twice each
        for _ in range(2):
            client, response = attempt(person.email, "forkert-kode")
            assert logged_in(client) is None and response.status_code == 200
    colleague = room[10]
    client, _ = attempt(colleague.email)
    assert logged_in(client) == str(colleague.pk)
    # ...and so does the whole room, the typists included.
    for person in room:
        client, _ = attempt(person.email)
        assert logged_in(client) == str(person.pk), person.email


def test_twenty_wrong_passwords_for_one_account_lock_that_account_only(colleagues):
    typist, colleague = colleagues[0], colleagues[1]
    for _ in range(20):
        attempt(typist.email, "forkert-kode")
    client, _ = attempt(colleague.email)
    assert logged_in(client) == str(colleague.pk)


def test_six_wrong_passwords_lock_the_account_with_a_danish_message_saying_when(colleagues):
    locked, others = colleagues[0], colleagues[1:4]
    started = time.time()
    for _ in range(5):
        client, response = attempt(locked.email, "forkert-kode")
        assert "For mange" not in form_errors(response)
    client, response = attempt(locked.email, "forkert-kode")  # the sixth
    finished = time.time()
    text = form_errors(response)
    assert "For mange mislykkede forsøg på at logge ind på denne konto" in text
    match = LOCKOUT.search(text)
    assert match, text
    minutes, hour, minute = (int(part) for part in match.groups())
    assert 1 <= minutes <= 5
    # The time given is when the first of the five failures leaves the five-minute window.
    earliest = timezone.localtime(datetime.datetime.fromtimestamp(started + 300, tz=datetime.UTC))
    latest = timezone.localtime(datetime.datetime.fromtimestamp(finished + 300, tz=datetime.UTC))
    stated = (hour, minute)
    assert (earliest.hour, earliest.minute) <= stated <= (latest.hour, latest.minute) or \
        earliest.hour > latest.hour  # the window crossed midnight
    assert "nulstil din adgangskode" in text

    # Locked means locked: the right password is refused too, from any address.
    for address in (ROOM, "192.0.2.7"):
        client, response = attempt(locked.email, address=address)
        assert logged_in(client) is None
        assert LOCKOUT.search(form_errors(response))
    # The other accounts log in, from the room and from elsewhere.
    for person, address in zip(others, (ROOM, ROOM, "192.0.2.7"), strict=True):
        client, _ = attempt(person.email, address=address)
        assert logged_in(client) == str(person.pk)


def test_the_wait_is_counted_from_the_recorded_failures(colleagues):
    person = colleagues[0]
    for _ in range(5):
        attempt(person.email, "forkert-kode")
    request = RequestFactory().post("/", REMOTE_ADDR=ROOM)
    key = f"testserver:{person.email}".lower()
    per_account = next(rate for rate in get_rates(app="allauth.account", action="login_failed")
                       if rate.per == "key" and rate.amount == 5)
    history = cache.get(get_cache_key(request, app="allauth.account", action="login_failed",
                                      rate=per_account, key=key))
    assert len(history) == 5, "allauth's counter is no longer a list of attempt times"
    first = min(history)
    lockout = login_limits.lockout_for(request, key, now=first + 60)
    assert lockout.seconds == pytest.approx(240) and lockout.minutes == 4 and not lockout.by_address
    assert login_limits.lockout_for(request, key, now=first + 250).minutes == 1  # 50 s: "1 minut"
    assert login_limits.lockout_for(request, key, now=first + 301) is None
    # Another account behind the same address has room.
    assert login_limits.lockout_for(request, f"testserver:{colleagues[1].email}".lower(), now=first + 60) is None


def test_the_address_limit_is_generous_and_says_so_when_reached(colleagues, settings):
    settings.ICS_LOGIN_FAILED_PER_ADDRESS = "4/5m"
    for person in colleagues[:4]:
        attempt(person.email, "forkert-kode")
    client, response = attempt(colleagues[5].email)
    assert logged_in(client) is None
    text = form_errors(response)
    assert "fra denne netværksadresse" in text and LOCKOUT.search(text)
    # Another address is not held back.
    client, _ = attempt(colleagues[5].email, address="192.0.2.7")
    assert logged_in(client) == str(colleagues[5].pk)


def test_configured_limits_fit_a_room_of_thirty(settings):
    rates = get_rates(app="allauth.account", action="login_failed")
    per_account = [rate for rate in rates if rate.per == "key"]
    assert per_account and all(rate.amount <= 20 for rate in per_account)
    assert min(rate.amount * 60 / rate.duration for rate in per_account) <= 1  # at most one a minute
    # Thirty people mistyping three times each within the window still leave room.
    per_address = parse_rate(settings.ICS_LOGIN_FAILED_PER_ADDRESS + "/ip")
    assert per_address.amount >= 90 and per_address.duration <= 3600


def test_a_room_logging_in_at_once_shares_no_lock(room, monkeypatch):
    """allauth guards each counter with a cache lock and answers 429 after a second's wait for it. A
    counter per address would put the whole room behind one lock at 08:30; each login may only wait
    for its own account's."""
    from allauth.core.internal import ratelimit

    taken = []
    real_lock = ratelimit.cache_lock

    def recording_lock(cache_key):
        taken.append(cache_key)
        return real_lock(cache_key)

    monkeypatch.setattr(ratelimit, "cache_lock", recording_lock)
    for person in room[:3]:
        client, _ = attempt(person.email)
        assert logged_in(client) == str(person.pk)
    assert taken, "allauth no longer takes a lock per counter: re-read people.login_limits"
    locks_by_person = [{key for key in taken if hashlib.sha256(f"testserver:{p.email}".lower().encode()).hexdigest()
                        in key} for p in room[:3]]
    assert all(locks_by_person)
    assert set(taken) == set().union(*locks_by_person), "a lock shared across accounts"


def test_address_failures_are_counted_exactly_under_concurrency(colleagues, settings):
    """The per-address counter is atomic: failures counted from many threads at once are all counted."""
    import threading

    request = RequestFactory().post("/", REMOTE_ADDR=ROOM)
    settings.ICS_LOGIN_FAILED_PER_ADDRESS = "40/5m"
    now = time.time()
    threads = [threading.Thread(target=login_limits.record_failure, args=(request,), kwargs={"now": now})
               for _ in range(39)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert login_limits.address_lockout(request, now=now) is None
    login_limits.record_failure(request, now=now)
    lockout = login_limits.address_lockout(request, now=now)
    assert lockout is not None and lockout.by_address
    assert login_limits.address_lockout(RequestFactory().post("/", REMOTE_ADDR="192.0.2.7"), now=now) is None


def test_too_many_requests_page_is_danish_and_says_when(colleagues, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    for _ in range(2):
        attempt(colleagues[0].email)
    _, response = attempt(colleagues[0].email)
    assert response.status_code == 429
    text = response.content.decode()
    assert "For mange forespørgsler" in text
    assert "Prøv igen om et minut" in text
