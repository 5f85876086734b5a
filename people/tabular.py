"""Read an uploaded spreadsheet (CSV or XLSX) into rows, the way Danish users save them.

Danish Excel writes CSV with semicolons, in Windows-1252 or UTF-8 with a byte-order mark; others write
commas and plain UTF-8. All of these read correctly here, æ, ø and å included. Used by every import
(roster, earlier completions) so the rules are the same everywhere.
"""

import csv
import datetime
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000


class TableError(Exception):
    """The file as a whole cannot be read; the message is Danish and says why."""


@dataclass
class Row:
    number: int  # the row number the user sees in their spreadsheet (the header is row 1)
    values: dict  # normalised header -> cell text (stripped)


def _normalise_header(name):
    return (name or "").strip().lower().replace("\ufeff", "")


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _read_csv(raw: bytes):
    text = _decode(raw)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","
    if "\t" in first_line and first_line.count("\t") > first_line.count(delimiter):
        delimiter = "\t"
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _read_xlsx(raw: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise TableError(_("The file could not be read as an Excel workbook (.xlsx).")) from exc
    sheet = workbook.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        cells = []
        for value in row:
            if value is None:
                cells.append("")
            elif isinstance(value, datetime.datetime):
                cells.append(value.date().isoformat())
            elif isinstance(value, datetime.date):
                cells.append(value.isoformat())
            elif isinstance(value, float) and value.is_integer():
                cells.append(str(int(value)))
            else:
                cells.append(str(value))
        rows.append(cells)
    workbook.close()
    return rows


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
        grid = _read_xlsx(raw)
    elif name.endswith((".csv", ".txt")) or not name:
        if b"\x00" in raw[:1024]:
            raise TableError(_("The file is not a CSV text file."))
        grid = _read_csv(raw)
    else:
        raise TableError(_("Upload a CSV file or an Excel workbook (.xlsx)."))
    grid = [row for row in grid if any((cell or "").strip() for cell in row)]
    if not grid:
        raise TableError(_("The file is empty."))
    if len(grid) - 1 > MAX_ROWS:
        raise TableError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})

    headers = [_normalise_header(h) for h in grid[0]]
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
    for offset, cells in enumerate(grid[1:], start=2):
        values = {
            canonical: (cells[index].strip() if index < len(cells) and cells[index] is not None else "")
            for canonical, index in columns.items()
        }
        rows.append(Row(number=offset, values=values))
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
