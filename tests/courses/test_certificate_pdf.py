"""The certificate PDF is fit to hand out (issue 11, item 7): one page with the logo, the course's hours and
days, the provider, a signature line, the verification code and its URL; laid out by WeasyPrint and read
back (tests/pdf_layout.py)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from courses.certificates import CERTIFICATE_TEMPLATE, certificate_context, verification_url
from courses.models import CompletionMethod
from courses.services.completion import completion_record
from tests.compliance.factories import course_page
from tests.pdf_layout import layout
from web.pdf import render_document

D = datetime.date
pytestmark = pytest.mark.django_db


def laid_out(completion):
    with translation.override("da"):
        return layout(render_document(CERTIFICATE_TEMPLATE, certificate_context(completion)))


def test_certificate_pdf_is_one_page_with_logo_hours_provider_signature_and_code(client, caseworker, provider):
    course = course_page("grundkursus")
    course.course_hours, course.course_days = 24, 3
    course.save()
    caseworker.full_name = "Søren Ærø Ålund"
    caseworker.save()
    done, _ = completion_record(person=caseworker, course=course, completed_on=D(2025, 3, 14),
                                method=CompletionMethod.IMPORTED, provider=provider)
    client.force_login(caseworker)
    response = client.get(reverse("courses:certificate_pdf", args=[done.pk]))
    assert response.content.startswith(b"%PDF")
    [page] = laid_out(done)
    for text in ("Kursusbevis", "Søren Ærø Ålund", course.title, "14. marts 2025", "24 timer", "3 kursusdage",
                 provider.name, "Kursusudbyder", done.verification_code, verification_url(done.verification_code)):
        assert text in page.text, text
    assert page.images == 2  # the logo and the QR code


def test_certificate_without_hours_or_provider_leaves_them_off(caseworker):
    done, _ = completion_record(person=caseworker, course=course_page("grundkursus"), completed_on=D(2025, 3, 14),
                                method=CompletionMethod.IMPORTED)
    [page] = laid_out(done)
    assert "timer" not in page.text and "Omfang" not in page.text
    assert "ICS Akademi" in page.text and "Udstedt af" in page.text
