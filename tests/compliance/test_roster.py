"""Roster import: file formats, a Danish error per row and column, nothing written before confirming,
an idempotent upsert by email, leavers ended not deleted, new people invited."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from compliance import roster
from compliance.models import RosterImport
from people.models import Invitation, Membership, MembershipEvent
from tests.factories import MembershipFactory, TeamFactory, UserFactory

D = datetime.date
pytestmark = pytest.mark.django_db

HEADER = "navn;email;rolle;team;startdato;slutdato\r\n"


def csv_file(lines, encoding="utf-8-sig", name="personale.csv"):
    return SimpleUploadedFile(name, (HEADER + "".join(line + "\r\n" for line in lines)).encode(encoding))


@pytest.fixture
def setup(municipality, other_municipality, leader):
    team = TeamFactory(municipality=municipality, name="Familieafdelingen Nord")
    existing = UserFactory(email="kendt@example.dk", full_name="Kendt Person")
    MembershipFactory(person=existing, municipality=municipality, role="sagsbehandler", team=team,
                      start_date=D(2022, 1, 1))
    elsewhere = UserFactory(email="anden@example.dk")
    MembershipFactory(person=elsewhere, municipality=other_municipality, role="sagsbehandler")
    return {"team": team, "existing": existing, "elsewhere": elsewhere}


def upload(client, municipality, file):
    return client.post(reverse("compliance:roster_upload", args=[municipality.slug]), {"file": file})


def test_bad_rows_are_reported_per_row_and_column_and_nothing_is_written(
    client, municipality, other_municipality, leader, setup, django_capture_on_commit_callbacks
):
    client.force_login(leader)
    before = (Membership.objects.count(), Invitation.objects.count(), MembershipEvent.objects.count())
    file = csv_file([
        "Ny Person;ny@example.dk;sagsbehandler;Familieafdelingen Nord;01-02-2026;",   # 2 good
        "Dato Fejl;dato@example.dk;sagsbehandler;;31-02-2026;",                         # 3 unreadable date
        "Team Fejl;team@example.dk;sagsbehandler;Ukendt team;01-02-2026;",               # 4 unknown team
        "Rolle Fejl;rolle@example.dk;direktør;;01-02-2026;",                              # 5 unknown role
        "Dobbelt;ny@example.dk;sagsbehandler;;01-02-2026;",                               # 6 same email twice
        "Baglæns;baglaens@example.dk;sagsbehandler;;01-02-2026;01-01-2026",               # 7 end before start
        "Anden Kommune;anden@example.dk;sagsbehandler;;01-02-2026;",                      # 8 other municipality
    ])
    response = upload(client, municipality, file)
    assert response.status_code == 302
    preview = client.get(response["Location"])
    rows = preview.context["rows"]
    errors = {r.number: dict((str(c), m) for c, m in r.error_list()) for r in rows if not r.ok}
    assert sorted(errors) == [3, 4, 5, 6, 7]
    assert "Startdato" in errors[3] and "31-02-2026" in errors[3]["Startdato"]
    assert "Team" in errors[4] and "Ukendt team" in errors[4]["Team"]
    assert "Rolle" in errors[5]
    assert "række 2" in errors[6]["E-mail"]
    assert "Slutdato" in errors[7]
    # Someone on another municipality's staff reads exactly like a new person: nothing is revealed.
    by_number = {r.number: r for r in rows}
    assert str(by_number[8].action_label) == str(by_number[2].action_label)
    assert other_municipality.name not in preview.content.decode()
    assert preview.context["good_count"] == 2
    html = preview.content.decode()
    assert "Række 3" in html
    # Nothing has been written by uploading and previewing.
    assert (Membership.objects.count(), Invitation.objects.count(), MembershipEvent.objects.count()) == before

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(response["Location"])
    assert response.status_code == 302
    assert Invitation.objects.filter(email="ny@example.dk", municipality=municipality).count() == 1
    assert Invitation.objects.count() == before[1] + 2
    assert sorted(m.to[0] for m in mail.outbox) == ["anden@example.dk", "ny@example.dk"]
    # The existing account is invited, never attached silently: no membership until they accept.
    assert not Membership.objects.filter(person=setup["elsewhere"], municipality=municipality).exists()


def test_danish_excel_csv_in_windows_1252(client, municipality, leader, setup):
    client.force_login(leader)
    file = csv_file(["Søren Ærø Ålund;soeren@example.dk;Sagsbehandler;Familieafdelingen Nord;1.3.2026;"],
                    encoding="cp1252")
    response = upload(client, municipality, file)
    rows = client.get(response["Location"]).context["rows"]
    assert rows[0].ok and rows[0].values["name"] == "Søren Ærø Ålund"
    assert rows[0].start == D(2026, 3, 1)


def test_xlsx_import(client, municipality, leader, setup):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Navn", "E-mail", "Rolle", "Team", "Startdato", "Slutdato"])
    sheet.append(["Xl Person", "xl@example.dk", "superbruger", "Familieafdelingen Nord", datetime.datetime(2025, 5, 1), None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(leader)
    response = upload(client, municipality, SimpleUploadedFile("liste.xlsx", buffer.getvalue()))
    rows = client.get(response["Location"]).context["rows"]
    assert rows[0].ok and rows[0].role == "superbruger" and rows[0].start == D(2025, 5, 1)


def test_unreadable_file_gives_a_danish_message(client, municipality, leader, setup):
    client.force_login(leader)
    response = upload(client, municipality, SimpleUploadedFile("liste.csv", b"foo;bar\r\n1;2\r\n"))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Mangler" in page.content.decode()
    assert not RosterImport.objects.exists()


def test_upsert_is_idempotent_and_leavers_are_ended(municipality, leader, setup):
    existing = setup["existing"]
    rows = [
        {"number": 2, "name": "Kendt Person", "email": "KENDT@example.dk", "role": "sagsbehandler",
         "team": "Familieafdelingen Nord", "start": "01-01-2022", "end": "30-06-2026"},
        {"number": 3, "name": "Ny Person", "email": "ny@example.dk", "role": "", "team": "", "start": "2026-02-01",
         "end": ""},
    ]
    result = roster.apply_rows(rows, municipality=municipality, by=leader)
    assert result.counts == {"end": 1, "invite": 1}
    membership = Membership.objects.get(person=existing, municipality=municipality)
    assert membership.end_date == D(2026, 6, 30)  # ended, not deleted
    assert membership.events.filter(action="ended").exists()
    events, invitations = MembershipEvent.objects.count(), Invitation.objects.count()
    # The same file again changes nothing.
    again = roster.apply_rows(rows, municipality=municipality, by=leader)
    assert set(again.counts) <= {"unchanged", "skip"} and sum(again.counts.values()) == 2
    assert (MembershipEvent.objects.count(), Invitation.objects.count()) == (events, invitations)


def test_an_existing_account_is_invited_never_attached_and_team_change_updates(municipality, leader, setup):
    from people import services as people_services

    person = UserFactory(email="konto@example.dk")
    rows = [{"number": 2, "name": "Konto", "email": "konto@example.dk", "role": "sagsbehandler", "team": "",
             "start": "01-01-2026", "end": ""}]
    assert roster.apply_rows(rows, municipality=municipality, by=leader).counts == {"invite": 1}
    assert not Membership.objects.filter(person=person, municipality=municipality).exists()
    invitation = Invitation.objects.get(email="konto@example.dk", municipality=municipality)
    people_services.invitation_accept(invitation=invitation)
    assert Membership.objects.filter(person=person, municipality=municipality).exists()
    other_team = TeamFactory(municipality=municipality, name="Syd")
    rows[0]["team"] = "syd"
    assert roster.apply_rows(rows, municipality=municipality, by=leader).counts == {"update": 1}
    assert Membership.objects.get(person=person, municipality=municipality).team == other_team


def test_preview_of_another_leaders_import_is_404(client, municipality, leader, other_leader, other_municipality):
    staged = RosterImport.objects.create(municipality=municipality, uploaded_by=leader, rows=[])
    client.force_login(other_leader)
    assert client.get(reverse("compliance:roster_preview", args=[municipality.slug, staged.pk])).status_code == 404
    assert client.get(reverse("compliance:roster_preview", args=[other_municipality.slug, staged.pk])).status_code == 404


def test_confirming_twice_imports_once(client, municipality, leader, setup):
    client.force_login(leader)
    response = upload(client, municipality, csv_file(["Ny Person;ny@example.dk;sagsbehandler;;01-02-2026;"]))
    client.post(response["Location"])
    client.post(response["Location"])
    assert Invitation.objects.filter(email="ny@example.dk").count() == 1


def test_manual_add_with_errors_shown_on_the_field(client, municipality, leader, setup):
    client.force_login(leader)
    url = reverse("compliance:staff", args=[municipality.slug])
    response = client.post(url, {"name": "Anden", "email": "ikke-en-adresse", "role": "sagsbehandler",
                                 "start": "2026-01-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    response = client.post(url, {"name": "Helt Ny", "email": "helt.ny@example.dk", "role": "sagsbehandler",
                                 "team": setup["team"].pk, "start": "2026-01-01"})
    assert response.status_code == 302
    assert Invitation.objects.filter(email="helt.ny@example.dk", team=setup["team"]).exists()
