"""A leader's first steps in a real browser: log in, dashboard, staff, invite; axe on every page."""

import re

import pytest
from django.core import mail

from people.models import Invitation
from tests.conftest import assert_accessible, browser_login

# tests/conftest.py restores the data migrations' reference data for transactional tests.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_public_pages_are_accessible(page, live_server):
    for path in ["/", "/konto/login/", "/tilgaengelighed/", "/privatliv/", "/hjaelp/", "/konto/password/reset/"]:
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == "da"
        assert_accessible(page)


def test_leader_invites_a_caseworker_who_accepts(page, live_server, leader, municipality, caseworker):
    browser_login(page, live_server, leader.email)
    assert "Velkommen" in page.locator("h1").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Medarbejdere", exact=True).first.click()
    assert caseworker.email in page.content()
    assert_accessible(page)

    page.goto(live_server.url + "/medarbejdere/inviter/")
    page.get_by_label("Fulde navn").fill("Karen Ny Blom")
    page.get_by_label("E-mail").fill("karen.blom@example.dk")
    page.get_by_label("Rolle").select_option("sagsbehandler")
    page.get_by_label("Startdato").fill("2026-12-01")
    assert_accessible(page)
    page.get_by_role("button", name="Send invitation").click()
    assert page.get_by_text("Der er sendt en invitation til karen.blom@example.dk").is_visible()
    invitation = Invitation.objects.get(email="karen.blom@example.dk")
    assert invitation.municipality == municipality

    # The invitee opens the link from the mail in a fresh session.
    link = re.search(r"https?://\S+/invitation/\S+/", mail.outbox[-1].body).group(0)
    page.context.clear_cookies()
    page.goto(live_server.url + link[link.index("/invitation/"):])
    assert page.locator("h1").inner_text() == "Velkommen til ICS Akademi", page.content()[:3000]
    page.fill("input[name=password1]", "karens-gode-kodeord")
    page.fill("input[name=password2]", "karens-gode-kodeord")
    assert_accessible(page)
    page.get_by_role("button", name="Opret konto").click()
    assert "Velkommen, Karen" in page.locator("h1").inner_text()


def test_keyboard_reaches_main_content_via_skip_link(page, live_server, caseworker):
    browser_login(page, live_server, caseworker.email)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Spring til indholdet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
