"""people.tabular: a spreadsheet cannot make an import do more work than its size allows, and every
parser error is a Danish message that says where."""

import io
import re
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from compliance.models import RosterImport
from people import tabular
from people.tabular import TableError, read_table

REQUIRED = {"email": ["email", "e-mail"]}
OPTIONAL = {"name": ["navn", "name"]}


@pytest.fixture(autouse=True)
def danish():
    with translation.override("da"):
        yield


def upload(content: bytes, name: str):
    return SimpleUploadedFile(name, content)


def read(content: bytes, name="liste.csv"):
    return read_table(upload(content, name), required_columns=REQUIRED, optional_columns=OPTIONAL)


def workbook_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_sheet_xml(raw: bytes, edit) -> bytes:
    """The same workbook with the first sheet's XML changed by `edit(xml_bytes)`."""
    source, out = zipfile.ZipFile(io.BytesIO(raw)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, edit(data) if info.filename == "xl/worksheets/sheet1.xml" else data)
    return out.getvalue()


def declaring(raw: bytes, ref: bytes) -> bytes:
    return with_sheet_xml(raw, lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="' + ref + b'"', xml))


def measured(function):
    """(result or raised exception, seconds, peak bytes allocated while it ran)."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = function()
    except TableError as exc:
        result = exc
    finally:
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, seconds, peak


SMALL_LIST = [["Navn", "Email"], ["Åse Ørsted", "aase@example.dk"]]


def test_an_ordinary_workbook_and_csv_read_with_the_spreadsheet_row_numbers():
    rows = read(workbook_bytes([*SMALL_LIST, [None, None], ["Bo", "bo@example.dk"]]), "liste.xlsx")
    assert [(r.number, r.values) for r in rows] == [
        (2, {"email": "aase@example.dk", "name": "Åse Ørsted"}), (4, {"email": "bo@example.dk", "name": "Bo"}),
    ]
    rows = read("\ufeffNavn;Email\r\nÅse Ørsted;aase@example.dk\r\n;\r\nBo;bo@example.dk\r\n".encode())
    assert [(r.number, r.values["name"]) for r in rows] == [(2, "Åse Ørsted"), (4, "Bo")]
    rows = read("Navn;Email\r\nÅse Ørsted;aase@example.dk\r\n".encode("cp1252"))
    assert rows[0].values["name"] == "Åse Ørsted"


def test_the_dimension_bomb_is_refused_quickly_in_bounded_memory_with_a_danish_message():
    bomb = declaring(workbook_bytes(SMALL_LIST), b"A1:XFD1500")
    assert len(bomb) < 10_000  # a few kilobytes declaring 24 million cells
    result, seconds, peak = measured(lambda: read(bomb, "liste.xlsx"))
    assert isinstance(result, TableError)
    assert "1500 rækker og 16384 kolonner" in str(result)
    assert seconds < 2
    assert peak < 20 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_a_far_declared_last_row_is_refused_too():
    result, _seconds, peak = measured(lambda: read(declaring(workbook_bytes(SMALL_LIST), b"A1:B1048576"), "l.xlsx"))
    assert isinstance(result, TableError) and "1048576 rækker" in str(result)
    assert peak < 20 * 1024 * 1024


def test_a_wrong_declaration_is_not_trusted_rows_are_read_as_they_are():
    """A sheet that declares A1:B2 but holds more rows is read in full (openpyxl would stop at row 2)."""
    raw = declaring(workbook_bytes([["Navn", "Email"]] + [[f"P{i}", f"p{i}@example.dk"] for i in range(10)]), b"A1:B2")
    assert len(read(raw, "liste.xlsx")) == 10


def test_rows_are_read_only_as_wide_as_the_header():
    """Without a declared range, a row with a cell far to the right costs no more than the header's width."""
    far_cell = b'<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>'
    raw = with_sheet_xml(
        workbook_bytes([["Navn", "Email"]]),
        lambda xml: re.sub(rb'<dimension ref="[^"]*" ?/>', b"", xml).replace(b"</sheetData>", far_cell + b"</sheetData>"),
    )
    result, _seconds, peak = measured(lambda: read(raw, "liste.xlsx"))
    assert result == [] and peak < 5 * 1024 * 1024


def test_a_row_far_below_the_list_stops_reading_with_a_message():
    far_row = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    raw = with_sheet_xml(
        workbook_bytes(SMALL_LIST),
        lambda xml: re.sub(rb'<dimension ref="[^"]*" ?/>', b"", xml).replace(b"</sheetData>", far_row + b"</sheetData>"),
    )
    result, _seconds, peak = measured(lambda: read(raw, "liste.xlsx"))
    assert isinstance(result, TableError) and str(result).startswith("Række 40001 ")
    assert peak < 20 * 1024 * 1024


def test_a_zip_bomb_is_refused_from_the_sizes_it_declares_before_openpyxl_opens_it(monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b" " * (tabular.MAX_UNCOMPRESSED_BYTES + 1))
    assert len(buffer.getvalue()) < 200_000

    def never(*args, **kwargs):
        raise AssertionError("openpyxl was asked to open the bomb")

    monkeypatch.setattr(tabular, "load_workbook", never)
    result, _seconds, peak = measured(lambda: read(buffer.getvalue(), "liste.xlsx"))
    assert isinstance(result, TableError) and "mere end 50 MB udpakket" in str(result)
    assert peak < 5 * 1024 * 1024


@pytest.mark.parametrize("raw", [
    b"PK\x03\x04 not a zip at all",
    workbook_bytes(SMALL_LIST)[:2000],  # truncated
], ids=["garbage", "truncated"])
def test_a_broken_workbook_is_a_danish_message(raw):
    with pytest.raises(TableError, match="kunne ikke læses som et Excel-regneark"):
        read(raw, "liste.xlsx")


def test_an_unreadable_row_in_a_workbook_names_the_row():
    raw = with_sheet_xml(workbook_bytes([*SMALL_LIST, ["Bo", "bo@example.dk"]]), lambda xml: xml.replace(b'r="3"', b'r="x"', 1))
    with pytest.raises(TableError, match=r"^Række 3: rækken kunne ikke læses"):
        read(raw, "liste.xlsx")


def test_a_csv_field_over_the_limit_names_row_and_column():
    content = "Navn;Email\r\nÅse;aase@example.dk\r\nBo;" + "x" * 1_000_000 + "\r\n"
    with pytest.raises(TableError) as caught:
        read(content.encode())
    assert str(caught.value) == "Række 3, kolonne 2: cellen er længere end 131072 tegn."


def test_a_quoted_csv_field_over_the_limit_names_its_column():
    content = 'navn,email\r\n"Åse, ""A""","aase@example.dk"\r\n"' + "y" * 200_000 + '",bo@example.dk\r\n'
    with pytest.raises(TableError, match=r"^Række 3, kolonne 1: "):
        read(content.encode())


def test_the_row_limit_stops_reading(monkeypatch):
    monkeypatch.setattr(tabular, "MAX_ROWS", 3)
    seen = []
    original = tabular._csv_rows

    def counting(raw):
        for item in original(raw):
            seen.append(item[0])
            yield item

    monkeypatch.setattr(tabular, "_csv_rows", counting)
    with pytest.raises(TableError, match="mere end 3 rækker"):
        read(("navn;email\r\n" + "A;a@example.dk\r\n" * 1000).encode())
    assert len(seen) == 5  # the header, three rows, and the one past the limit; not the other 996
    assert len(read(("navn;email\r\n" + "A;a@example.dk\r\n" * 3).encode())) == 3


def test_the_row_limit_applies_to_workbooks(monkeypatch):
    monkeypatch.setattr(tabular, "MAX_ROWS", 3)
    with pytest.raises(TableError, match="mere end 3 rækker"):
        read(workbook_bytes([["Navn", "Email"]] + [["A", "a@example.dk"]] * 4), "liste.xlsx")


@pytest.mark.django_db
def test_a_long_csv_field_through_the_roster_upload_is_a_message_not_a_500(client, municipality, leader):
    client.force_login(leader)
    content = "navn;email;rolle\r\nBo;" + "x" * 1_000_000 + ";sagsbehandler\r\n"
    response = client.post(
        reverse("compliance:roster_upload", args=[municipality.slug]),
        {"file": SimpleUploadedFile("personale.csv", content.encode())},
        HTTP_ACCEPT_LANGUAGE="da",
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Række 2, kolonne 2: cellen er længere end 131072 tegn." in page.content.decode()
    assert not RosterImport.objects.exists()


@pytest.mark.django_db
def test_the_dimension_bomb_through_the_roster_upload_is_a_message(client, municipality, leader):
    client.force_login(leader)
    bomb = declaring(workbook_bytes([["navn", "email", "rolle"], ["Bo", "bo@example.dk", "sagsbehandler"]]),
                     b"A1:XFD1500")
    response = client.post(
        reverse("compliance:roster_upload", args=[municipality.slug]),
        {"file": SimpleUploadedFile("personale.xlsx", bomb)},
    )
    assert response.status_code == 302
    assert "16384 kolonner" in client.get(response["Location"]).content.decode()
    assert not RosterImport.objects.exists()
