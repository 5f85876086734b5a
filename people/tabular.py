"""Read an uploaded spreadsheet (CSV or XLSX) into rows, the way Danish users save them.

Danish Excel writes CSV with semicolons, in Windows-1252 or UTF-8 with a byte-order mark; others write
commas and plain UTF-8. All of these read correctly here, æ, ø and å included. Used by every import
(roster, earlier completions) so the rules are the same everywhere.

A file cannot make the server do more work than its size allows: the upload is at most `MAX_BYTES`; an
XLSX file's parts may unpack to at most `MAX_UNCOMPRESSED_BYTES`, and a sheet that declares an absurd
range (a 1.6 KB file can declare A1:XFD1500, a grid of 24 million cells) is refused before a row is
read. Rows are read one at a time, only as wide as the header and only until the row limit is passed.
Every error the parsers raise becomes a Danish message naming the row (and, where known, the column).
"""

import csv
import datetime
import io
import itertools
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000  # data rows, the header not counted
MAX_COLUMNS = 100  # an import has a handful of columns; a header wider than this is not a list of people
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024  # all parts of an XLSX file together, unpacked
MAX_ZIP_MEMBERS = 1_000
MAX_DECLARED_ROWS = 2 * MAX_ROWS  # room for blank rows; a sheet declaring more is not a list we can read

# What openpyxl and the zip and XML layers under it raise for a file that is not a readable workbook.
# (defusedxml's refusals of entities and DTDs are ValueErrors; openpyxl's typed attributes raise TypeError.)
XLSX_ERRORS = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, KeyError, ParseError,
    InvalidFileException, ValueError, TypeError,
)


class TableError(Exception):
    """The file as a whole cannot be read; the message is Danish and says why."""


@dataclass
class Row:
    number: int  # the row number the user sees in their spreadsheet
    values: dict  # normalised header -> cell text (stripped)


def _normalise_header(name):
    return (name or "").strip().lower().replace("\ufeff", "")


def _is_blank(cells):
    return not any((cell or "").strip() for cell in cells)


# --- CSV -----------------------------------------------------------------------------------------


def _encoding(raw: bytes) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", "strict"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252", "replace"
    return "utf-8", "strict"


def _text_stream(raw: bytes):
    encoding, errors = _encoding(raw)
    return io.TextIOWrapper(io.BytesIO(raw), encoding=encoding, errors=errors, newline="")


def _delimiter(first_line: str) -> str:
    delimiter = ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","
    if "\t" in first_line and first_line.count("\t") > first_line.count(delimiter):
        delimiter = "\t"
    return delimiter


def _failing_column(lines, delimiter: str, limit: int) -> int:
    """The column (from 1) of the record starting at `lines` where a field grows past `limit`, or the last
    column the record reaches. Only used to name the place of an error the csv module reported."""
    column, length, quoted = 1, 0, False
    for char in itertools.chain.from_iterable(lines):
        if char == '"':
            quoted = not quoted  # a doubled quote inside a quoted field toggles twice
        elif not quoted and char == delimiter:
            column, length = column + 1, 0
        elif not quoted and char in "\r\n":
            break
        else:
            length += 1
            if length > limit:
                break
    return column


def _csv_rows(raw: bytes):
    """(row number, cells) for every record, read lazily; TableError naming row and column for a record
    the csv module cannot read (a field longer than its limit, among others)."""
    stream = _text_stream(raw)
    delimiter = _delimiter(stream.readline())
    stream.seek(0)
    reader = csv.reader(stream, delimiter=delimiter)
    number = 0
    while True:
        start_line = reader.line_num  # lines consumed before this record
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            limit = csv.field_size_limit()
            lines = itertools.islice(_text_stream(raw), start_line, None)
            column = _failing_column(lines, delimiter, limit)
            if "field larger than field limit" in str(exc):
                message = _("Row %(row)s, column %(column)s: the cell is longer than %(limit)s characters.")
            else:
                message = _("Row %(row)s, column %(column)s: the text cannot be read as CSV.")
            raise TableError(message % {"row": number, "column": column, "limit": limit}) from exc
        yield number, cells


# --- XLSX ----------------------------------------------------------------------------------------


def _check_archive(raw: bytes) -> None:
    """Refuse a zip that is not a workbook, or one whose parts would unpack to more than the bound.
    The sizes are those the zip declares; Python's zipfile never unpacks a part beyond its declared size."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise TableError(_("The file could not be read as an Excel workbook (.xlsx).")) from exc
    if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
        raise TableError(
            _("The workbook unpacks to more than %(mb)s MB. Copy the list into a new workbook, or save it as CSV.")
            % {"mb": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)}
        )


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_declared_size(sheet) -> None:
    """A read-only sheet knows the range its XML declares (the <dimension> element) without reading rows."""
    rows, columns = sheet.max_row, sheet.max_column
    if (rows or 0) > MAX_DECLARED_ROWS or (columns or 0) > MAX_COLUMNS:
        raise TableError(
            _("The sheet declares %(rows)s rows and %(columns)s columns; an import may have at most %(max_rows)s "
              "rows and %(max_columns)s columns. Copy the list into a new workbook, or save it as CSV.")
            % {"rows": rows, "columns": columns, "max_rows": MAX_ROWS, "max_columns": MAX_COLUMNS}
        )


def _check_row_number(number: int) -> None:
    if number > MAX_DECLARED_ROWS:
        raise TableError(_("Row %(row)s is below the last row an import reads (%(max)s). Move the list to the "
                           "top of the sheet.") % {"row": number, "max": MAX_DECLARED_ROWS})


def _xlsx_rows(raw: bytes):
    """(row number, cells) for the first sheet: the header row as found (at most `MAX_COLUMNS` wide), then
    rows only as wide as the header, never past row `MAX_DECLARED_ROWS`."""
    _check_archive(raw)
    workbook = None
    number = 0
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        if not workbook.worksheets:
            raise TableError(_("The workbook has no sheet with data."))
        sheet = workbook.worksheets[0]
        _check_declared_size(sheet)
        # From here on read the rows that are there: openpyxl would otherwise pad every row to the declared
        # width and stop at the declared last row, even when the declaration is wrong.
        sheet.reset_dimensions()
        # The header: the first row with text, read one column wider than allowed to see one too wide.
        for values in sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True):
            number += 1
            _check_row_number(number)
            header = [_cell_text(v) for v in values]
            if not _is_blank(header):
                break
        else:
            return
        while not header[-1].strip():
            header.pop()
        if len(header) > MAX_COLUMNS:
            raise TableError(_("The first row has more than %(max)s columns.") % {"max": MAX_COLUMNS})
        yield number, header
        for values in sheet.iter_rows(min_row=number + 1, max_col=len(header), values_only=True):
            number += 1
            _check_row_number(number)
            yield number, [_cell_text(v) for v in values]
    except XLSX_ERRORS as exc:
        if number == 0:
            raise TableError(_("The file could not be read as an Excel workbook (.xlsx).")) from exc
        raise TableError(
            _("Row %(row)s: the row could not be read from the workbook. Copy the list into a new workbook, "
              "or save it as CSV.") % {"row": number + 1}
        ) from exc
    finally:
        if workbook is not None:
            workbook.close()


# --- Both ----------------------------------------------------------------------------------------


def _non_blank_rows(numbered_rows):
    """The header and the data rows, blank rows left out; TableError once the data rows pass the limit
    (reading stops there)."""
    count = -1  # the header is not counted
    for number, cells in numbered_rows:
        if _is_blank(cells):
            continue
        count += 1
        if count > MAX_ROWS:
            raise TableError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
        yield number, cells


def read_table(uploaded, *, required_columns, optional_columns=()):
    """Return the rows of an uploaded file as `Row`s keyed by the (lower-case) column names.

    `required_columns` and `optional_columns` map a canonical name to the header spellings accepted
    for it (Danish and English), e.g. {"email": ["email", "e-mail", "mail"]}.
    """
    raw = uploaded.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise TableError(_("The file is larger than 5 MB. Split it into smaller files."))
    if not raw.strip():
        raise TableError(_("The file is empty."))
    name = (getattr(uploaded, "name", "") or "").lower()
    if name.endswith(".xlsx") or raw[:2] == b"PK":
        numbered_rows = _xlsx_rows(raw)
    elif name.endswith((".csv", ".txt")) or not name:
        if b"\x00" in raw[:1024]:
            raise TableError(_("The file is not a CSV text file."))
        numbered_rows = _csv_rows(raw)
    else:
        raise TableError(_("Upload a CSV file or an Excel workbook (.xlsx)."))
    grid = _non_blank_rows(numbered_rows)
    first = next(grid, None)
    if first is None:
        raise TableError(_("The file is empty."))

    headers = [_normalise_header(h) for h in first[1]]
    columns = {}
    wanted = {**required_columns, **dict(optional_columns)}
    for canonical, spellings in wanted.items():
        for index, header in enumerate(headers):
            if header in [s.lower() for s in spellings]:
                columns[canonical] = index
                break
    missing = [spellings[0] for canonical, spellings in required_columns.items() if canonical not in columns]
    if missing:
        raise TableError(
            _("The first row must name the columns. Missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    rows = []
    for number, cells in grid:
        values = {
            canonical: (cells[index].strip() if index < len(cells) and cells[index] is not None else "")
            for canonical, index in columns.items()
        }
        rows.append(Row(number=number, values=values))
    return rows


def parse_date(text):
    """A date as Danes write it (31-12-2024, 31.12.2024, 31/12/2024) or ISO (2024-12-31); None if unreadable."""
    text = (text or "").strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%y", "%d.%m.%y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
