"""Values bound for a spreadsheet (CSV or XLSX export) that cannot run as formulas.

Excel and LibreOffice treat a cell that starts with `=`, `+`, `-` or `@` (and, in some versions, a tab
or carriage return) as a formula: a name typed as `=HYPERLINK(...)` in a form would run on the
leader's machine when she opens the export (OWASP's "CSV injection"). Such text is prefixed with an
apostrophe, which spreadsheets show as plain text; numbers and dates are left as they are.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """`value` as safe spreadsheet content: text that could start a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
