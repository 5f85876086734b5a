"""Certificates (PDF, deterministic code, QR) and the public verification page; "my data" downloads."""

import csv
import datetime
import io
import json
import time

import pytest
from django.urls import reverse

from courses import certificates
from courses.models import CompletionMethod
from courses.services.completion import completion_record, completion_revoke
from courses.services.enrolment import enrolment_self
from courses.services.progress import lesson_complete
from tests.courses.test_learning_support import elearning, staff  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def completion(caseworker, elearning, provider):  # noqa: F811
    caseworker.full_name = "Søren Ærø Ålund"
    caseworker.save()
    completion, _ = completion_record(
        person=caseworker, course=elearning.course, completed_on=datetime.date(2025, 3, 14),
        method=CompletionMethod.IMPORTED, provider=provider,
    )
    return completion


def test_code_is_derived_from_the_completion_and_stable(completion):
    assert completion.verification_code == certificates.verification_code_for(completion.pk)
    assert certificates.verification_code_for(completion.pk + 1) != completion.verification_code
    assert certificates.normalise_code(completion.verification_code.lower().replace("-", " ")) == \
        completion.verification_code
    assert certificates.normalise_code("ABC") is None


def test_certificate_html_holds_the_danish_facts_and_a_qr_code(completion, provider):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("da"):
        html = render_to_string(certificates.CERTIFICATE_TEMPLATE, certificates.certificate_context(completion))
    assert "Kursusbevis" in html
    assert "Søren Ærø Ålund" in html
    assert completion.course.title in html
    assert "14. marts 2025" in html
    assert provider.name in html
    assert completion.verification_code in html
    assert "data:image/png;base64," in html
    assert certificates.verification_url(completion.verification_code) in html


def test_pdf_download_is_the_same_every_time_and_only_for_the_owner(client, completion, caseworker, leader,
                                                                    other_leader):
    url = reverse("courses:certificate_pdf", args=[completion.pk])
    client.force_login(caseworker)
    first = client.get(url)
    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert first.content.startswith(b"%PDF")
    assert completion.verification_code in first["Content-Disposition"]
    time.sleep(1.1)  # a PDF stamped with the time of rendering would differ now
    second = client.get(url)
    assert first.content == second.content
    client.force_login(leader)  # the person's leader may fetch it
    assert client.get(url).status_code == 200
    client.force_login(other_leader)
    assert client.get(url).status_code == 404


def test_verification_page_valid_shows_name_course_date_and_nothing_more(client, completion, caseworker,
                                                                         provider):
    response = client.get(reverse("courses:certificate_verify", args=[completion.verification_code]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Kursusbeviset er gyldigt" in text
    assert "Søren Ærø Ålund" in text
    assert completion.course.title in text
    assert "14. marts 2025" in text
    assert caseworker.email not in text
    assert provider.name not in text


def test_verification_page_for_a_revoked_certificate_says_so(client, completion, admin_user):
    completion_revoke(completion=completion, by=admin_user, reason="Fejlregistrering")
    response = client.get(reverse("courses:certificate_verify", args=[completion.verification_code]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "tilbagekaldt" in text
    assert "Søren" not in text
    assert "Fejlregistrering" not in text


def test_tampered_or_unknown_code_reveals_nothing(client, completion):
    code = completion.verification_code
    tampered = ("B" if code[0] != "B" else "C") + code[1:]
    for bad in (tampered, "ukendt", "<script>", code[:-1]):
        response = client.get(reverse("courses:certificate_verify", args=[bad]))
        text = response.content.decode()
        assert response.status_code == 404
        assert "Intet kursusbevis har denne kode" in text
        assert "Søren" not in text and completion.course.title not in text


def test_verify_form_normalises_what_was_typed(client, completion):
    typed = completion.verification_code.lower().replace("-", "")
    response = client.get(reverse("courses:certificate_verify_form"), {"kode": typed}, follow=True)
    assert "Kursusbeviset er gyldigt" in response.content.decode()


def test_my_data_as_json_and_csv_holds_own_records_only(client, completion, caseworker, municipality, elearning):  # noqa: F811
    other = staff(municipality)
    enrolment_self(person=caseworker, course=elearning.course)
    enrolment_self(person=other, course=elearning.course)
    lesson_complete(person=caseworker, lesson=elearning.lessons[0])
    client.force_login(caseworker)
    data = json.loads(client.get(reverse("courses:my_data_json")).content)
    assert data["person"][0]["email"] == caseworker.email
    assert "password" not in data["person"][0]
    assert len(data["memberships"]) == 1
    assert [e["person_id"] for e in data["enrolments"]] == [caseworker.pk]
    assert len(data["lesson_progress"]) == 1
    assert data["completions"][0]["verification_code"] == completion.verification_code
    assert "quiz_attempts" in data
    assert "registrations" in data
    response = client.get(reverse("courses:my_data_csv"))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["sektion", "nummer", "felt", "værdi"]
    assert ["person", "1", "full_name", "Søren Ærø Ålund"] in rows
    assert other.email not in text


def test_national_admin_revokes_over_http_and_others_get_404(client, completion, admin_user, leader):
    url = reverse("courses:completion_revoke", args=[completion.pk])
    client.force_login(leader)
    assert client.get(url).status_code == 404
    client.force_login(admin_user)
    response = client.post(url, {"reason": ""})
    from courses.models import CompletionRevocation

    assert response.status_code == 200 and not CompletionRevocation.objects.exists()
    response = client.post(url, {"reason": "Registreret på forkert person"}, follow=True)
    assert "tilbagekaldt" in response.content.decode()
    completion.refresh_from_db()
    assert completion.is_revoked and completion.revocation.reason == "Registreret på forkert person"


def test_coordinator_enters_a_completion_by_hand_with_a_reason(client, coordinator, provider, caseworker,
                                                               elearning, leader):  # noqa: F811
    from courses.models import Completion

    url = reverse("courses:completion_create")
    client.force_login(leader)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    data = {"person": caseworker.email, "course": elearning.course.pk, "completed_on": "2024-05-02",
            "provider": provider.pk, "reason": ""}
    response = client.post(url, data)
    assert response.status_code == 200 and not Completion.objects.exists()
    response = client.post(url, {**data, "person": "ingen@example.dk", "reason": "Papirliste"})
    assert "Vi kan ikke registrere et kursusbevis" in response.content.decode()
    from scheduling.models import Event, Registration

    cohort = Event.objects.create(kind=Event.Kind.COHORT, title="Hold", provider=provider,
                                  course_page=elearning.course)
    Registration.objects.create(event=cohort, person=caseworker, status=Registration.Status.CONFIRMED)
    response = client.post(url, {**data, "reason": "Fremmøde ført på papir"}, follow=True)
    completion = Completion.objects.get()
    assert completion.method == CompletionMethod.MANUAL and completion.recorded_by == coordinator
    assert completion.reason == "Fremmøde ført på papir" and completion.provider == provider
    assert completion.verification_code in response.content.decode()
    client.post(url, {**data, "reason": "Igen"})
    assert Completion.objects.count() == 1


def test_profile_section_lists_own_certificates(rf, completion, caseworker, admin_user):
    from django.template.loader import render_to_string

    from courses.wiring import certificates_section
    from people.permissions import access_for

    request = rf.get("/profil/")
    request.user = caseworker

    def render():
        section = certificates_section(request, access_for(caseworker))
        return render_to_string(section["template"], {"section": section}, request=request)

    html = render()
    assert reverse("courses:certificate_pdf", args=[completion.pk]) in html
    assert reverse("courses:my_data") in html
    completion_revoke(completion=completion, by=admin_user, reason="Fejl")
    html = render()
    assert reverse("courses:certificate_pdf", args=[completion.pk]) not in html
    assert "Tilbagekaldt" in html


def test_the_personal_data_csv_carries_no_formula(client, caseworker):
    caseworker.full_name = "=cmd|' /C calc'!A0"
    caseworker.save(update_fields=["full_name"])
    client.force_login(caseworker)
    text = client.get(reverse("courses:my_data_csv")).content.decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["person", "1", "full_name", "'=cmd|' /C calc'!A0"] in rows
