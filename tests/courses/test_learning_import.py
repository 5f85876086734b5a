"""Import of earlier completions: every encoding Danish Excel writes, XLSX, per-row Danish errors,
nothing written before confirmation, and a re-import that changes nothing."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses import imports
from courses.models import Completion, CompletionMethod, CourseKind
from tests.courses.test_learning_support import build_course, staff
from tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(municipality, other_municipality, leader):
    course = build_course(title="ICS-grundkursus på Ærø", modules=(1,), course_days=3, kind=CourseKind.BASIC).course
    provider = ProviderFactory(name="Københavns Professionshøjskole", slug="kp")
    ane = staff(municipality)
    ane.email, ane.full_name = "ane.ørsted@kommune.dk", "Ane Ørsted"
    ane.save()
    bo = staff(municipality)
    bo.email = "bo@kommune.dk"
    bo.save()
    outsider = staff(other_municipality)
    outsider.email = "fremmed@andenkommune.dk"
    outsider.save()
    return {"course": course, "provider": provider, "ane": ane, "bo": bo, "outsider": outsider, "leader": leader}


GOOD_CSV = (
    "E-mail;Kursus;Dato;Udbyder\n"
    "ane.ørsted@kommune.dk;ICS-grundkursus på Ærø;14-03-2022;Københavns Professionshøjskole\n"
    "bo@kommune.dk;ics-grundkursus på ærø;2021-09-01;\n"
)


def _upload(content: bytes, name="forloeb.csv"):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize("encoding,bom", [("utf-8", False), ("utf-8", True), ("cp1252", False)])
def test_danish_csv_in_every_encoding_reads_æøå(setup, encoding, bom):
    raw = GOOD_CSV.encode(encoding)
    if bom:
        raw = b"\xef\xbb\xbf" + raw
    preview = imports.import_preview(by=setup["leader"], uploaded=_upload(raw))
    assert [r.errors for r in preview.rows] == [[], []]
    first, second = preview.rows
    assert first.person_id == setup["ane"].pk and first.person_name == "Ane Ørsted"
    assert first.course_id == setup["course"].pk
    assert first.provider_id == setup["provider"].pk
    assert first.completed_on == "2022-03-14"
    assert second.completed_on == "2021-09-01" and second.provider_id is None
    assert not Completion.objects.exists()  # a preview writes nothing


def test_comma_separated_csv_and_xlsx(setup):
    comma = GOOD_CSV.replace(";", ",").encode("utf-8")
    preview = imports.import_preview(by=setup["leader"], uploaded=_upload(comma))
    assert len(preview.new_rows) == 2

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["email", "kursus", "dato", "udbyder"])
    sheet.append(["ane.ørsted@kommune.dk", "ICS-grundkursus på Ærø", datetime.date(2022, 3, 14),
                  "Københavns Professionshøjskole"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = imports.import_preview(by=setup["leader"], uploaded=_upload(buffer.getvalue(), "forloeb.xlsx"))
    assert len(preview.new_rows) == 1
    assert preview.rows[0].completed_on == "2022-03-14"


def test_bad_rows_get_a_danish_message_per_row_and_column(setup):
    future = (datetime.date.today() + datetime.timedelta(days=3)).strftime("%d-%m-%Y")
    raw = (
        "email;kursus;dato;udbyder\n"
        "ane.ørsted@kommune.dk;ICS-grundkursus på Ærø;14-03-2022;\n"      # 2 good
        "bo@kommune.dk;Ukendt kursus;14-03-2022;\n"                        # 3 unknown course
        f"bo@kommune.dk;ICS-grundkursus på Ærø;{future};\n"                 # 4 future date
        "ingen@kommune.dk;ICS-grundkursus på Ærø;14-03-2022;\n"           # 5 unknown email
        "fremmed@andenkommune.dk;ICS-grundkursus på Ærø;14-03-2022;\n"    # 6 other municipality
        "ane.ørsted@kommune.dk;ICS-grundkursus på Ærø;15-03-2022;\n"      # 7 duplicate of row 2
        "bo@kommune.dk;ICS-grundkursus på Ærø;32-13-2022;Ukendt udbyder\n"  # 8 bad date, unknown provider
    ).encode()
    preview = imports.import_preview(by=setup["leader"], uploaded=_upload(raw))
    errors = {r.number: [(str(column), message) for column, message in r.errors] for r in preview.rows}
    assert errors[2] == []
    assert errors[3] == [("kursus", "Ukendt kursus »Ukendt kursus«.")]
    assert errors[4][0][0] == "dato" and "ligger i fremtiden" in errors[4][0][1]
    assert errors[5] == [("e-mail", "Ingen person med e-mailen ingen@kommune.dk i din kommune.")]
    assert errors[6] == [("e-mail", "Ingen person med e-mailen fremmed@andenkommune.dk i din kommune.")]
    assert errors[7] == [("e-mail", "Dublet: samme person og kursus som række 2.")]
    assert {c for c, _m in errors[8]} == {"dato", "udbyder"}
    assert len(preview.new_rows) == 1
    assert not Completion.objects.exists()


def test_confirm_writes_then_reimport_changes_nothing(setup):
    preview = imports.import_preview(by=setup["leader"], uploaded=_upload(GOOD_CSV.encode("utf-8")))
    result = imports.import_confirm(by=setup["leader"], payload=preview.payload())
    assert result == {"created": 2, "skipped": 0}
    ane = Completion.objects.get(person=setup["ane"])
    assert ane.method == CompletionMethod.IMPORTED
    assert ane.recorded_by == setup["leader"]
    assert ane.provider == setup["provider"]
    assert ane.completed_on == datetime.date(2022, 3, 14)
    assert "række 2" in ane.reason
    assert ane.verification_code

    again = imports.import_preview(by=setup["leader"], uploaded=_upload(GOOD_CSV.encode("cp1252")))
    assert not again.new_rows and len(again.existing_rows) == 2
    assert "Findes allerede" in again.existing_rows[0].note
    assert imports.import_confirm(by=setup["leader"], payload=again.payload()) == {"created": 0, "skipped": 0}
    # Even a stale preview confirmed twice writes nothing more.
    assert imports.import_confirm(by=setup["leader"], payload=preview.payload()) == {"created": 0, "skipped": 2}
    assert Completion.objects.count() == 2


def test_a_caseworker_may_not_import_and_a_forged_payload_is_refused(setup, caseworker):
    with pytest.raises(PermissionDenied):
        imports.import_preview(by=caseworker, uploaded=_upload(GOOD_CSV.encode()))
    forged = {"filename": "x.csv", "rows": [{"number": 2, "person_id": setup["outsider"].pk,
                                             "course_id": setup["course"].pk, "completed_on": "2022-01-01",
                                             "provider_id": None}]}
    with pytest.raises(PermissionDenied):
        imports.import_confirm(by=setup["leader"], payload=forged)
    assert not Completion.objects.exists()


def test_national_admin_may_import_anyone(setup, admin_user):
    raw = "email;kursus;dato\nfremmed@andenkommune.dk;ICS-grundkursus på Ærø;01-02-2020\n".encode()
    preview = imports.import_preview(by=admin_user, uploaded=_upload(raw))
    assert len(preview.new_rows) == 1


def test_unreadable_file_is_a_danish_error(setup):
    with pytest.raises(ValidationError) as exc:
        imports.import_preview(by=setup["leader"], uploaded=_upload(b"navn;alder\nx;1\n"))
    assert "Mangler" in " ".join(exc.value.messages)


def test_import_over_http_preview_then_confirm(client, setup):
    client.force_login(setup["leader"])
    url = reverse("courses:import_completions")
    raw = (GOOD_CSV + "ingen@kommune.dk;ICS-grundkursus på Ærø;14-03-2022;\n").encode("cp1252")
    response = client.post(url, {"file": _upload(raw)})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Række 4" in text and "Ingen person med e-mailen ingen@kommune.dk" in text
    assert not Completion.objects.exists()
    response = client.post(reverse("courses:import_confirm"), follow=True)
    assert "2 tidligere forløb gemt" in response.content.decode()
    assert Completion.objects.count() == 2
    # Confirming again without a new preview writes nothing and says why.
    response = client.post(reverse("courses:import_confirm"), follow=True)
    assert "Upload filen igen" in response.content.decode()
    assert Completion.objects.count() == 2
    client.force_login(setup["ane"])
    assert client.get(url).status_code == 403
