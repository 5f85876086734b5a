"""Accounts: login by email, rate limits, no open sign-up, two-factor for national admins, Danish pages."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_login_with_email_lands_on_dashboard(client, caseworker):
    response = client.post(reverse("account_login"), {"login": caseworker.email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert caseworker.full_name.split()[0] in response.content.decode()


def test_login_page_is_danish_and_offers_no_signup(client):
    html = client.get(reverse("account_login")).content.decode()
    assert 'lang="da"' in html
    assert "Log ind" in html
    assert reverse("account_signup") not in html


def test_signup_is_closed(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "ny@example.dk", "password1": "en-lang-adgangskode-1", "password2": "en-lang-adgangskode-1"},
    )
    from people.models import User

    assert not User.objects.filter(email="ny@example.dk").exists()
    assert response.status_code == 200
    assert "lukket" in response.content.decode().lower()


def test_wrong_password_gives_the_same_answer_for_unknown_email(client, caseworker):
    known = client.post(reverse("account_login"), {"login": caseworker.email, "password": "forkert-kode"})
    unknown = client.post(reverse("account_login"), {"login": "ingen@example.dk", "password": "forkert-kode"})
    assert known.status_code == unknown.status_code == 200
    known_errors = [str(e) for e in known.context["form"].non_field_errors()]
    unknown_errors = [str(e) for e in unknown.context["form"].non_field_errors()]
    assert known_errors == unknown_errors
    assert known_errors and "adgangskode" in known_errors[0].lower()


def test_failed_logins_are_rate_limited(client, caseworker):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": caseworker.email, "password": "forkert-kode"})
    response = client.post(reverse("account_login"), {"login": caseworker.email, "password": PASSWORD})
    # Locked out for a while even with the right password.
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_national_admin_without_totp_is_sent_to_set_it_up(client):
    admin = MembershipFactory(role="national_admin", municipality=None).person
    client.force_login(admin)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_national_admin_with_totp_reaches_dashboard(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("dashboard")).status_code == 200


def test_caseworker_is_not_forced_to_use_totp(client, caseworker):
    client.force_login(caseworker)
    assert client.get(reverse("dashboard")).status_code == 200


def test_national_admin_login_asks_for_the_totp_code(client, admin_user):
    response = client.post(reverse("account_login"), {"login": admin_user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_password_change_works(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "nyt-kodeord-til-ics", "password2": "nyt-kodeord-til-ics"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("nyt-kodeord-til-ics")


def test_password_reset_sends_mail_only_for_known_address(client, caseworker, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": caseworker.email})
    client.post(reverse("account_reset_password"), {"email": "ukendt@example.dk"})
    recipients = [m.to[0] for m in mailoutbox]
    assert caseworker.email in recipients
    # allauth may tell the unknown address that it has no account, but never sends a reset link there.
    unknown = [m for m in mailoutbox if m.to[0] == "ukendt@example.dk"]
    assert all("/konto/password/reset/key/" not in m.body for m in unknown)


def test_english_switch(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/konto/login/"}, follow=True)
    assert "Log in to ICS Akademi" in response.content.decode()


def test_danish_even_when_the_browser_prefers_english(client):
    html = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Log ind på ICS Akademi" in html
