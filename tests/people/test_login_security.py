"""Login security tried from outside, over HTTP, as an attacker would (issue 16, parts 1 and 5).

Every way in goes through allauth; two-factor is asked of the session, not the account; failed logins
lock the account, not the course room's shared address; privileged sessions end when idle.
"""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from people import sessions
from tests.factories import PASSWORD, TOTP_SECRET, MembershipFactory, UserFactory, national_admin

pytestmark = pytest.mark.django_db

ADMIN_HOME = "/admin/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits_and_codes():
    """allauth keeps rate-limit counters and used TOTP codes in the cache; each test starts clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin(db):
    """A national admin who, like the demo's, is also a Wagtail superuser; TOTP set up."""
    person = national_admin()
    person.is_superuser = person.is_staff = True
    person.save()
    return person


def national_export_url():
    return reverse("compliance:national_export", args=["csv"])


def totp_code(secret=TOTP_SECRET):
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def password_login(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def assert_refused(response):
    """Not served: sent to a login or two-factor page, never the content."""
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    assert location.startswith((reverse("account_login"), reverse("mfa_index"))), location


# --- Every way in goes through allauth -------------------------------------------------------------


def test_django_admin_is_not_installed_nor_mounted(client):
    assert not apps.is_installed("django.contrib.admin")
    assert client.get("/django-admin/").status_code == 404


def test_wagtail_admin_sends_anonymous_visitors_to_allauth_login(client):
    response = client.get(ADMIN_HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("fields", [("username", "password"), ("login", "password"), ("email", "password")])
def test_admin_login_post_with_the_admins_password_alone_opens_nothing(client, admin, fields):
    login_field, password_field = fields
    response = client.post("/admin/login/", {login_field: admin.email, password_field: PASSWORD, "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert logged_in_user_id(client) is None
    assert_refused(client.get(ADMIN_HOME))
    assert_refused(client.get(national_export_url()))


def test_admin_login_page_is_allauths(client):
    response = client.get("/admin/login/?next=/admin/pages/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert "next=/admin/pages/" in response.redirect_chain[-1][0].replace("%2F", "/")


@pytest.mark.parametrize("path", ["/admin/password_reset/", "/admin/password_reset/done/"])
def test_wagtail_password_reset_is_not_served(client, admin, path):
    assert client.get(path).status_code == 404
    assert client.post(path, {"email": admin.email}).status_code == 404
    assert mail.outbox == []


def test_wagtail_account_page_offers_no_password_or_email_change(client, admin):
    """Password and email are changed through allauth (rate limits, verification), not the admin."""
    assert settings.WAGTAIL_PASSWORD_MANAGEMENT_ENABLED is False
    assert settings.WAGTAIL_EMAIL_MANAGEMENT_ENABLED is False
    password_login(client, admin.email)
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    html = client.get("/admin/account/").content.decode()
    assert 'name="password_old_password"' not in html
    assert 'name="email-email"' not in html


# --- Two-factor is asked of the session ------------------------------------------------------------


def test_password_only_allauth_login_of_admin_reaches_only_the_two_factor_page(client, admin):
    response = password_login(client, admin.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    # The TOTP step is skipped: nobody is logged in, and nothing but the two-factor page opens.
    assert logged_in_user_id(client) is None
    assert client.get(reverse("mfa_authenticate")).status_code == 200
    assert_refused(client.get(ADMIN_HOME))
    assert_refused(client.get(national_export_url()))
    assert_refused(client.get(reverse("dashboard")))


def test_after_totp_the_admin_reaches_the_admin_and_the_national_report(client, admin):
    password_login(client, admin.email)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(admin.pk)
    assert client.get(ADMIN_HOME).status_code == 200
    export = client.get(national_export_url())
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")


def test_wrong_totp_code_opens_nothing(client, admin):
    password_login(client, admin.email)
    wrong = "000000" if totp_code() != "000000" else "111111"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert logged_in_user_id(client) is None
    assert_refused(client.get(ADMIN_HOME))


def test_session_logged_in_by_password_alone_must_pass_totp_before_anything(client, admin):
    """A session that saw only a password (as Wagtail's own login gave): the account has TOTP, this
    session did not use it. It is sent to re-authenticate with the second factor."""
    # Django's authenticate() + login(), as Wagtail's login view did: a password, no allauth step.
    assert client.login(username=admin.email, password=PASSWORD)
    for path in (ADMIN_HOME, national_export_url(), reverse("dashboard"), reverse("account_email")):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("mfa_reauthenticate")), path
    # A password alone must not change the second factor either.
    deactivate = client.get(reverse("mfa_deactivate_totp"))
    assert deactivate["Location"].startswith(reverse("mfa_reauthenticate"))
    assert client.get(reverse("mfa_reauthenticate")).status_code == 200

    key_before = client.session.session_key
    response = client.post(reverse("mfa_reauthenticate") + "?next=/admin/", {"code": totp_code()})
    assert response.status_code == 302
    assert client.get(ADMIN_HOME).status_code == 200
    assert client.get(national_export_url()).status_code == 200
    # The session became privileged: it has a new key, and the old one opens nothing.
    assert client.session.session_key != key_before
    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = key_before
    assert_refused(stale.get(ADMIN_HOME))


def test_django_superuser_without_totp_is_sent_to_set_it_up(client):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    for path in (ADMIN_HOME, reverse("dashboard")):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_staff_with_totp_but_password_only_session_is_sent_to_the_second_factor(client):
    staff = UserFactory(is_staff=True)
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(staff, TOTP_SECRET)
    assert client.login(username=staff.email, password=PASSWORD)
    response = client.get(reverse("dashboard"))
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_a_caseworker_needs_no_second_factor(client, caseworker):
    password_login(client, caseworker.email)
    assert logged_in_user_id(client) == str(caseworker.pk)
    assert client.get(reverse("dashboard")).status_code == 200


def test_logout_stays_reachable_without_the_second_factor(client, admin):
    assert client.login(username=admin.email, password=PASSWORD)
    client.post(reverse("account_logout"))
    assert logged_in_user_id(client) is None


# --- Failed logins lock the account, not the shared address ---------------------------------------


def test_a_dozen_wrong_passwords_lock_the_account_but_not_the_room(caseworker, municipality, team):
    room = "10.20.30.40"  # one municipal NAT address for the whole course room
    attacker = Client(REMOTE_ADDR=room)
    for _ in range(12):
        password_login(attacker, caseworker.email, "forkert-kode-1")
    response = password_login(attacker, caseworker.email)  # now the right password
    assert logged_in_user_id(attacker) is None
    assert response.status_code in (200, 429)
    if response.status_code == 200:
        errors = " ".join(str(e) for e in response.context["form"].non_field_errors())
        assert "for mange" in errors.lower()

    # A colleague behind the same address logs in.
    colleague = MembershipFactory(municipality=municipality, team=team, role="sagsbehandler").person
    neighbour = Client(REMOTE_ADDR=room)
    password_login(neighbour, colleague.email)
    assert logged_in_user_id(neighbour) == str(colleague.pk)


def test_failed_login_limits_are_per_account_and_generous_per_address():
    rates = settings.ACCOUNT_RATE_LIMITS
    failed = [part.strip() for part in rates["login_failed"].split(",")]
    assert failed and all(part.endswith("/key") for part in failed)
    # Per address (counted by people.login_limits, not by allauth): generous, for a course room.
    assert int(settings.ICS_LOGIN_FAILED_PER_ADDRESS.split("/")[0]) >= 50


# --- Session lifetime ------------------------------------------------------------------------------


def test_session_settings_default_to_twelve_hours_and_thirty_minutes():
    assert settings.ICS_SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60
    assert settings.ICS_SESSION_PRIVILEGED_IDLE_SECONDS == 30 * 60
    assert settings.SESSION_COOKIE_AGE <= settings.ICS_SESSION_ABSOLUTE_SECONDS


def test_login_renews_the_session_key(client, leader):
    client.get(reverse("account_login"))
    client.session.save()
    before = client.session.session_key
    password_login(client, leader.email)
    assert logged_in_user_id(client) == str(leader.pk)
    assert client.session.session_key != before


def _age_session(client, **seconds_ago):
    session = client.session
    now = time.time()
    if "idle" in seconds_ago:
        session[sessions.LAST_SEEN_KEY] = now - seconds_ago["idle"]
    if "started" in seconds_ago:
        session[sessions.STARTED_AT_KEY] = now - seconds_ago["started"]
    session.save()


def test_idle_privileged_session_is_logged_out_with_a_danish_message(client, leader):
    password_login(client, leader.email)
    assert client.get(reverse("dashboard")).status_code == 200
    _age_session(client, idle=31 * 60)
    response = client.get(reverse("dashboard"), follow=True)
    first_hop = response.redirect_chain[0][0]
    assert first_hop.startswith(reverse("account_login"))
    assert logged_in_user_id(client) is None
    html = response.content.decode()
    assert "logget ud, fordi du ikke har været aktiv i 30 minutter" in html


def test_active_privileged_session_stays(client, leader):
    password_login(client, leader.email)
    _age_session(client, idle=29 * 60)
    assert client.get(reverse("dashboard")).status_code == 200


def test_idle_timeout_follows_the_setting(client, leader, settings):
    settings.ICS_SESSION_PRIVILEGED_IDLE_SECONDS = 5
    password_login(client, leader.email)
    _age_session(client, idle=10)
    assert_refused(client.get(reverse("dashboard")))


def test_idle_admin_session_expires_too(client, admin):
    password_login(client, admin.email)
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert client.get(ADMIN_HOME).status_code == 200
    _age_session(client, idle=31 * 60)
    assert_refused(client.get(ADMIN_HOME))
    assert logged_in_user_id(client) is None


def test_caseworker_has_no_idle_timeout_but_the_absolute_lifetime(client, caseworker):
    password_login(client, caseworker.email)
    _age_session(client, idle=3 * 60 * 60, started=3 * 60 * 60)
    assert client.get(reverse("dashboard")).status_code == 200
    _age_session(client, started=12 * 60 * 60 + 60)
    response = client.get(reverse("dashboard"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("account_login"))
    assert logged_in_user_id(client) is None
    assert "du havde været logget ind i 12 timer" in response.content.decode()


def test_becoming_privileged_in_a_session_renews_its_key(client, caseworker, municipality):
    password_login(client, caseworker.email)
    client.get(reverse("dashboard"))
    before = client.session.session_key
    MembershipFactory(person=caseworker, municipality=municipality, role="leder")
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.session.session_key != before
