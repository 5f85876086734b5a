"""The ICS triangle figure's geometry (content.triangle_layout) and the SVG the block draws from it."""

from content import blocks, triangle_layout
from content import method as ics_method


def _value(keys):
    return {"dimensions": [{"dimension": key, "text": "", "highlighted": False} for key in keys]}


def test_pieces_lie_evenly_on_their_sides_edge():
    sides = triangle_layout.triangle_layout(_value(ics_method.DIMENSION_KEYS))
    assert [side["key"] for side in sides] == [side.key for side in ics_method.SIDES]
    bottom = sides[2]  # family and network: the bottom edge, from left (40, 560) to right (680, 560)
    assert [(d["x"], d["y"]) for d in bottom["dimensions"]] == [(200, 560), (360, 560), (520, 560)]
    left = sides[0]  # the child's development: four pieces from the top corner down to the left corner
    assert [d["key"] for d in left["dimensions"]] == [dim.key for dim in ics_method.SIDES[0].dimensions]
    assert left["dimensions"][0]["x"] == round(360 + (40 - 360) / 5)


def test_a_missing_dimension_leaves_no_gap():
    keys = [key for key in ics_method.DIMENSION_KEYS if key != "socialt-netvaerk"]
    bottom = triangle_layout.triangle_layout(_value(keys))[2]
    assert [d["x"] for d in bottom["dimensions"]] == [253, 467]


def test_long_labels_wrap_and_the_pill_grows():
    assert triangle_layout.wrap("Bolig, beskæftigelse og økonomi") == ["Bolig,", "beskæftigelse", "og økonomi"]
    piece = triangle_layout.triangle_layout(_value(["bolig-beskaeftigelse-oekonomi", "sundhedsforhold",
                                                    "trygt-omsorgsmiljoe"]))[2]["dimensions"][0]
    assert piece["height"] == 3 * triangle_layout.LINE_HEIGHT + 16
    assert [line["y"] for line in piece["lines"]] == [543.0, 560.0, 577.0]


def test_the_block_draws_the_outline_from_the_layout():
    block = blocks.TriangleBlock()
    html = block.render(block.to_python(block.meta.preview_value))
    assert 'viewBox="0 0 720 640"' in html
    assert 'points="360,40 40,560 680,560"' in html
    assert 'x1="40" y1="560" x2="680" y2="560"' in html
    assert '<circle cx="360" cy="390" r="66"/>' in html
    assert 'y="384"' in html and 'y="406"' in html
