"""A leader's compliance journey in a real browser: the figure, the people behind a status, an export,
a roster import with one bad row, and booking an overdue caseworker on a cohort; axe on every page."""

import datetime

import pytest
from django.utils import timezone

from tests.conftest import assert_accessible, browser_login

from .factories import agreement, completion, course_page, staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_leader_compliance_journey(page, live_server, municipality, team, leader, provider, tmp_path):
    from scheduling.models import Registration
    from scheduling.services import events as scheduling_services

    agreement(municipality)
    late = staff(municipality, start=datetime.date(2020, 1, 1), team=team)
    done = staff(municipality, start=datetime.date(2022, 1, 1), team=team)
    completion(done, datetime.date(2022, 6, 1))
    start = timezone.now() + datetime.timedelta(days=30)
    scheduling_services.event_create(
        by=None, kind="hold", title="Grundkursus, hold 9", provider=provider, audience="aaben",
        course_page=course_page("grundkursus"), capacity=10, sessions=[(start, start + datetime.timedelta(hours=6))],
    )

    browser_login(page, live_server, leader.email)
    page.get_by_role("link", name="Licensstatus", exact=True).first.click()
    assert "Licensstatus i" in page.locator("h1").inner_text()
    assert "50,0 %" in page.content()
    assert_accessible(page)

    page.get_by_label("Status").select_option("overskredet")
    page.get_by_role("button", name="Filtrér").click()
    rows = page.locator("table.compliance-table tbody tr")
    assert rows.count() == 1 and late.full_name in rows.first.inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="Eksportér CSV").click()
    assert download.value.suggested_filename.endswith(".csv")

    # Book the overdue caseworker on the cohort.
    page.get_by_label(f"Vælg {late.full_name}").check()
    page.get_by_role("button", name="Tilmeld til et hold på grundkurset").click()
    assert page.get_by_label(late.full_name, exact=True).is_checked()  # chosen on the report, ticked here
    page.get_by_label("Grundkursus, hold 9", exact=True).check()
    assert_accessible(page)
    page.get_by_role("button", name="Se, hvem der kommer hvor").click()
    assert page.get_by_text("Får plads (1 person)").is_visible()
    assert not Registration.objects.filter(person=late).exists()  # the confirmation step writes nothing
    assert_accessible(page)
    page.get_by_role("button", name="Bekræft og tilmeld 1 person").click()
    assert page.get_by_text("1 person har fået plads på Grundkursus, hold 9.").is_visible()
    assert Registration.objects.filter(person=late, status="confirmed").exists()

    # Import a roster file with one bad row.
    roster = tmp_path / "medarbejdere.csv"
    roster.write_bytes((
        "navn;email;rolle;team;startdato;slutdato\r\n"
        f"Ny Kollega;ny.kollega@example.dk;sagsbehandler;{team.name};01-12-2026;\r\n"
        "Forkert Dato;forkert@example.dk;sagsbehandler;;32-01-2026;\r\n"
    ).encode("cp1252"))
    page.get_by_role("link", name="Medarbejderliste og import").click()
    assert_accessible(page)
    page.get_by_label("Medarbejderliste (CSV eller Excel)").set_input_files(str(roster))
    page.get_by_role("button", name="Upload og se forhåndsvisning").click()
    assert page.get_by_text("1 række har fejl og importeres ikke.").is_visible()
    assert page.get_by_text("Række 3, Startdato").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Importér 1 række").click()
    assert page.get_by_text("Importen er gennemført").is_visible()
