"""A server-rendered tile map of Denmark's municipalities (SVG, no JavaScript), coloured by the share of
staff who have completed the basic course.

It is a tile map, not a boundary map: one square per municipality, placed on a grid roughly where the
municipality lies (Jutland to the west, Funen in the middle, Zealand and the capital area to the east,
Bornholm apart), laid out once from approximate town positions and shipped as
compliance/data/municipality_tiles.csv (code, col, row). No package on PyPI or npm that this project can
reach was found to ship Danish municipality boundaries (searched: "denmark geojson", "kommuner"); the tiles
need no geodata. Each tile carries its value as
text and a <title>, the legend names every colour, and the table beside the map holds the same figures:
the status is never told by colour alone."""

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TILES_CSV = Path(__file__).resolve().parent / "data" / "municipality_tiles.csv"
TILE, GAP, PAD = 46, 3, 4

# (lower bound of the completed share in %, css class, legend label), highest first.
BANDS = (
    (90, "map-b4", lambda: _("%(low)s %% or more") % {"low": 90}),
    (75, "map-b3", lambda: _("%(low)s–%(high)s %%") % {"low": 75, "high": 89}),
    (50, "map-b2", lambda: _("%(low)s–%(high)s %%") % {"low": 50, "high": 74}),
    (0, "map-b1", lambda: _("under %(high)s %%") % {"high": 50}),
)
NO_FIGURE = ("map-b0", gettext_lazy("no agreement or no staff"))


@functools.cache
def tile_positions() -> dict[str, tuple[int, int]]:
    """{municipality code: (col, row)} from the shipped layout."""
    with TILES_CSV.open(encoding="utf-8") as handle:
        return {row["code"]: (int(row["col"]), int(row["row"])) for row in csv.DictReader(handle)}


def band(percent):
    if percent is None:
        return NO_FIGURE
    for lower, css, label in BANDS:
        if percent >= lower:
            return css, label()
    return BANDS[-1][1], BANDS[-1][2]()


@dataclass
class Tile:
    code: str
    name: str
    short: str
    x: int
    y: int
    css: str
    band_label: str
    percent: float | None
    overdue: int
    selected: bool  # within the screen's filters


def short_name(name: str) -> str:
    """Four letters of the name, e.g. "Skan", "Købe" (the full name is in the tile's title)."""
    return name.replace("-", "")[:4]


def tile_map(rows, *, selected_ids) -> dict:
    """Geometry for compliance/templates/compliance/includes/national_map.html from national rows
    (every municipality) and the ids the filters keep. Municipalities missing from the layout (a
    future merger) are left out of the map but stay in the table."""
    positions = tile_positions()
    tiles = []
    for row in rows:
        position = positions.get(row.municipality.code)
        if position is None:
            continue
        figures = row.figures
        percent = figures.percent if row.licensed else None
        css, label = band(percent)
        col, line = position
        tiles.append(Tile(
            code=row.municipality.code, name=row.municipality.name, short=short_name(row.municipality.name),
            x=PAD + col * (TILE + GAP), y=PAD + line * (TILE + GAP), css=css, band_label=str(label),
            percent=percent, overdue=figures.overdue, selected=row.municipality.pk in selected_ids,
        ))
    cols = max((c for c, _row in positions.values()), default=0) + 1
    lines = max((r for _col, r in positions.values()), default=0) + 1
    return {
        "tiles": tiles, "tile": TILE, "half": TILE // 2,
        "width": 2 * PAD + cols * (TILE + GAP) - GAP, "height": 2 * PAD + lines * (TILE + GAP) - GAP,
        "legend": [(css, label()) for _lower, css, label in BANDS] + [NO_FIGURE],
    }
