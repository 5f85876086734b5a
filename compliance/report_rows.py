"""The municipal report's table rows, each rendered once per content and kept.

A report lists everyone on the municipality's staff, and the template engine takes about a third of a
millisecond a row: for 150 people, half of the report's time, at every view and every filter. A row's
HTML depends only on the row (a StatusRow: values, and dataclasses of values, so its repr names every
one of them, down to the days left and the booking's course days), the language, the municipality's
address and whether the report shows today (the column of actions). Under a digest of those a kept row
cannot be stale: any change to the person's evidence, or the next day, makes another key.

The rows are kept in this process's memory only (CACHES["local"]): a deploy restarts the processes, so
a row rendered by an earlier template is never served. They are kept for an hour: the gain is a
leader's repeated views and filters within minutes, and a row holds a name and an e-mail address, which
an erasure changes (the row's key with it) but cannot remove from every process's memory."""

import hashlib

from django.core.cache import caches
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

ROW_TEMPLATE = "compliance/includes/report_row.html"
KEEP_SECONDS = 3600


def row_key(row, *, municipality, is_today: bool) -> str:
    digest = hashlib.blake2b(repr(row).encode(), digest_size=16).hexdigest()
    return f"compliance:report-row:{get_language()}:{municipality.slug}:{int(is_today)}:{digest}"


def rendered_rows(rows, *, municipality, is_today: bool) -> SafeString:
    """The rows' <tr> elements in order, rendering only those not kept."""
    keys = [row_key(row, municipality=municipality, is_today=is_today) for row in rows]
    local = caches["local"]
    kept = local.get_many(keys)
    template = get_template(ROW_TEMPLATE)
    rendered, html = {}, []
    for key, row in zip(keys, rows, strict=True):
        if key not in kept:
            kept[key] = rendered[key] = template.render(
                {"r": row, "municipality": municipality, "is_today": is_today}
            )
        html.append(kept[key])
    if rendered:
        local.set_many(rendered, KEEP_SECONDS)
    return mark_safe("".join(html))
