"""Server-rendered SVG charts of the barometer report and the national overview (no JavaScript), in
the style of compliance/chart.py: geometry here, markup in templates/implementation/includes/, every
chart followed by its data table. Segments carry their value as text and a <title>, never colour alone."""

from django.utils.formats import number_format

from .models import Answer

WIDTH = 720
# Fills as attributes (WeasyPrint's SVG ignores CSS classes); text on a segment in the colour that
# contrasts with it (4.5:1 or better).
SEGMENT_FILL = {"1": "#a3242a", "2": "#e0866b", "3": "#d5dbe2", "4": "#9fbce0", "5": "#15406e", "ved-ikke": "#f3f4f6"}
SEGMENT_TEXT = {"1": "#ffffff", "5": "#ffffff"}
GROUP_FILL = ["#15406e", "#b35f00", "#2f7d4f", "#6b4fa0", "#4a5561"]
PHASE_FILL = {"beslutning": "#9fbce0", "klar": "#6b9bd1", "i-gang": "#2f5f99", "forankring": "#15406e",
              "ingen": "#d5dbe2"}


def _n(value):
    """A number for an SVG attribute: always a dot, never the Danish decimal comma."""
    return f"{value:.1f}"


def distribution_chart(rows):
    """100 % stacked bars, one per group: the share of each answer and the mean at the end.
    `rows` is [(label, Cell)]; a suppressed cell draws no bar, only the reason."""
    label_w, mean_w, bar_h, gap, top = 170, 70, 26, 12, 8
    plot_w = WIDTH - label_w - mean_w
    out = []
    for i, (label, cell) in enumerate(rows):
        y = top + i * (bar_h + gap)
        segments = []
        if not cell.suppressed and cell.answered:
            x = label_w
            for value, value_label, percent in cell.percents():
                w = plot_w * percent / 100
                if w <= 0:
                    continue
                segments.append({
                    "x": _n(x), "w": _n(w), "cls": f"seg-{value}", "label": value_label,
                    "fill": SEGMENT_FILL[value], "text_fill": SEGMENT_TEXT.get(value, "#1b1f24"),
                    "percent": number_format(percent, 0), "show": w >= 28, "text_x": _n(x + w / 2),
                })
                x += w
        out.append({
            "label": label, "y": _n(y), "text_y": _n(y + bar_h / 2), "segments": segments, "cell": cell,
            "mean": None if cell.mean is None else number_format(cell.mean, 1),
        })
    height = top + len(rows) * (bar_h + gap) + 4
    return {"width": WIDTH, "height": int(height), "label_x": label_w - 8, "plot_x": label_w, "plot_w": plot_w,
            "bar_h": bar_h, "mean_x": WIDTH - mean_w + 8, "rows": out, "legend": LEGEND}


LEGEND = [(SEGMENT_FILL[v], Answer(v).label) for v in Answer.values]


def means_chart(phases, groups, labels):
    """Grouped bars: the mean (1–5) of each group in each phase, side by side."""
    height, left, right, top, bottom = 280, 40, 10, 16, 46
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    slot = plot_w / max(len(phases), 1)
    bar_w = min(slot * 0.8 / max(len(groups), 1), 40)
    bars, ticks = [], []
    for i, phase in enumerate(phases):
        start = left + i * slot + (slot - bar_w * len(groups)) / 2
        ticks.append({"x": _n(left + i * slot + slot / 2), "label": phase.label})
        for j, g in enumerate(groups):
            mean = phase.cells[g].mean
            if mean is None:
                h = 0
            else:
                h = plot_h * (mean - 1) / 4
            x = start + j * bar_w
            bars.append({
                "x": _n(x), "y": _n(top + plot_h - h), "w": _n(bar_w - 2), "h": _n(h), "fill": GROUP_FILL[j % len(GROUP_FILL)],
                "value": "–" if mean is None else number_format(mean, 1), "text_x": _n(x + (bar_w - 2) / 2),
                "text_y": _n(top + plot_h - h - 4), "group": labels[g], "phase": phase.label,
            })
    gridlines = [{"y": _n(top + plot_h - plot_h * (v - 1) / 4), "value": v} for v in (1, 2, 3, 4, 5)]
    return {"width": WIDTH, "height": height, "left": left, "right": WIDTH - right, "axis_label_x": left - 6,
            "baseline": _n(top + plot_h), "label_y": _n(height - bottom + 18), "bars": bars, "ticks": ticks,
            "gridlines": gridlines, "legend": [(GROUP_FILL[j % len(GROUP_FILL)], labels[g]) for j, g in enumerate(groups)]}


def phase_count_chart(counts):
    """Vertical bars: how many municipalities stand in each phase. `counts` is [(key, label, n)]."""
    height, left, right, top, bottom = 240, 40, 10, 18, 44
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    peak = max([n for _k, _l, n in counts] + [1])
    slot = plot_w / max(len(counts), 1)
    bar_w = slot * 0.6
    bars = []
    for i, (key, label, n) in enumerate(counts):
        h = plot_h * n / peak
        x = left + i * slot + (slot - bar_w) / 2
        bars.append({"x": _n(x), "y": _n(top + plot_h - h), "w": _n(bar_w), "h": _n(h), "n": n, "label": label,
                     "text_x": _n(x + bar_w / 2), "text_y": _n(top + plot_h - h - 4), "fill": PHASE_FILL.get(key, "#6b9bd1")})
    return {"width": WIDTH, "height": height, "left": left, "right": WIDTH - right,
            "baseline": _n(top + plot_h), "label_y": _n(height - bottom + 18), "bars": bars}
