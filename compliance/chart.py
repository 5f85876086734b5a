"""A server-rendered bar chart of the monthly compliance percentage (SVG, no JavaScript)."""

from django.utils import formats

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 14, 40


def _n(value):
    """A number for an SVG attribute: always a dot, never the Danish decimal comma."""
    return f"{value:.1f}"


def trend_chart(points):
    """Geometry for templates/compliance/includes/trend_chart.html from `selectors.trend` points."""
    n = max(len(points), 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / n
    bar_w = max(slot * 0.7, 2)
    bars = []
    for i, p in enumerate(points):
        value = p.percent or 0
        h = plot_h * value / 100
        x = LEFT + i * slot + (slot - bar_w) / 2
        bars.append({
            "x": _n(x), "y": _n(TOP + plot_h - h), "w": _n(bar_w), "h": _n(h),
            "label_x": _n(x + bar_w / 2),
            "month": formats.date_format(p.month, "b y"),
            "show_label": i % 3 == (n - 1) % 3,
            "point": p,
        })
    gridlines = [
        {"y": _n(TOP + plot_h - plot_h * v / 100), "value": v} for v in (0, 25, 50, 75, 100)
    ]
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "axis_label_x": LEFT - 6, "right": WIDTH - RIGHT,
        "baseline": _n(TOP + plot_h), "label_y": _n(HEIGHT - BOTTOM + 16), "bars": bars, "gridlines": gridlines,
    }
