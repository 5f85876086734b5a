"""The geometry of the ICS triangle figure (the SVG the triangle block draws).

A triangle with the child's needs in the middle and the dimensions as pieces on its sides (left: the
child's development, right: parenting capacity, bottom: family and network). The method's own words
(sides, dimensions, their order) come from `content.method`; this module only places them.
"""

from . import method

VIEWBOX = (720, 640)
CORNERS = {"top": (360, 40), "left": (40, 560), "right": (680, 560)}
CENTRE = (360, 390)  # the circle with "The child's needs"
CENTRE_RADIUS = 66
SIDE_EDGES = {
    "barnets-udvikling": ("top", "left"),
    "foraeldrekompetencer": ("top", "right"),
    "familie-og-netvaerk": ("left", "right"),
}
# Where each side's name is written, outside the triangle, and its angle.
SIDE_LABELS = {
    "barnets-udvikling": (98, 236, -58.4),
    "foraeldrekompetencer": (622, 236, 58.4),
    "familie-og-netvaerk": (360, 622, 0),
}
PILL_WIDTH = 152
LINE_HEIGHT = 17


def wrap(label, width=14):
    """Split a label into short lines for the figure."""
    lines, current = [], ""
    for word in label.split():
        candidate = f"{current} {word}".strip()
        if current and len(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


def outline():
    """The triangle itself: its viewBox, the polygon's points, one edge per side and the centre."""
    return {
        "viewbox": f"0 0 {VIEWBOX[0]} {VIEWBOX[1]}",
        "points": " ".join(f"{x},{y}" for x, y in CORNERS.values()),
        "edges": [
            {"key": key, "x1": CORNERS[a][0], "y1": CORNERS[a][1], "x2": CORNERS[b][0], "y2": CORNERS[b][1]}
            for key, (a, b) in SIDE_EDGES.items()
        ],
        "centre_x": CENTRE[0], "centre_y": CENTRE[1], "centre_r": CENTRE_RADIUS,
    }


def _piece(dim, item, x, y):
    lines = wrap(dim.label)
    height = LINE_HEIGHT * len(lines) + 16
    top = round(y - height / 2)
    first_baseline = y - (len(lines) - 1) * LINE_HEIGHT / 2
    return {
        "key": dim.key, "label": dim.label, "text": item.get("text"), "highlighted": bool(item.get("highlighted")),
        "x": x, "y": y, "rect_x": x - PILL_WIDTH // 2, "rect_y": top, "height": height, "width": PILL_WIDTH,
        "star_x": x + PILL_WIDTH // 2 - 8, "star_y": top + 4,
        "lines": [{"text": line, "y": round(first_baseline + i * LINE_HEIGHT, 1)} for i, line in enumerate(lines)],
    }


def triangle_layout(value):
    """Sides with their dimensions (in the method's order) and a position on the figure for each:
    the dimensions present are spread evenly along their side's edge."""
    by_key = {item.get("dimension"): item for item in value.get("dimensions") or []}
    sides = []
    for side in method.SIDES:
        present = [dim for dim in side.dimensions if dim.key in by_key]
        start, end = (CORNERS[c] for c in SIDE_EDGES[side.key])
        pieces = []
        for index, dim in enumerate(present):
            t = (index + 1) / (len(present) + 1)
            x = round(start[0] + t * (end[0] - start[0]))
            y = round(start[1] + t * (end[1] - start[1]))
            pieces.append(_piece(dim, by_key[dim.key], x, y))
        label_x, label_y, angle = SIDE_LABELS[side.key]
        sides.append({"key": side.key, "label": side.label, "dimensions": pieces,
                      "label_x": label_x, "label_y": label_y, "angle": angle})
    return sides
