"""A server-rendered bar chart of the monthly compliance percentage (SVG, no JavaScript)."""

from django.utils import formats

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 14, 40


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
            "x": round(x, 1), "y": round(TOP + plot_h - h, 1), "w": round(bar_w, 1), "h": round(h, 1),
            "label_x": round(x + bar_w / 2, 1),
            "month": formats.date_format(p.month, "M y"),
            "show_label": i % 3 == (n - 1) % 3,
            "point": p,
        })
    gridlines = [
        {"y": round(TOP + plot_h - plot_h * v / 100, 1), "value": v} for v in (0, 25, 50, 75, 100)
    ]
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "baseline": TOP + plot_h,
        "label_y": HEIGHT - BOTTOM + 16, "bars": bars, "gridlines": gridlines,
    }
