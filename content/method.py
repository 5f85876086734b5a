"""The ICS casework method's own vocabulary (not iCalendar): the ICS triangle (the simplified 2019
version: three sides, ten dimensions) and the funnel model's phases.

Keys are stable: they are stored in the teaching material (triangle texts, magnet cards) and in
learners' answers, so never rename one. Labels are the Danish terms the method uses; they are
names of the method, not interface text, so they are not translated.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    side: str


@dataclass(frozen=True)
class Side:
    key: str
    label: str
    dimensions: tuple[Dimension, ...]


def _side(key, label, dimensions):
    return Side(key, label, tuple(Dimension(dkey, dlabel, key) for dkey, dlabel in dimensions))


SIDES: tuple[Side, ...] = (
    _side("barnets-udvikling", "Barnets udvikling", [
        ("sundhedsforhold", "Sundhedsforhold"),
        ("udvikling-og-adfaerd", "Udvikling og adfærd"),
        ("dagtilbud-skole-laering", "Dagtilbud, skoleforhold og læring"),
        ("fritid-og-venskaber", "Fritidsforhold og venskaber"),
    ]),
    _side("foraeldrekompetencer", "Forældrekompetencer", [
        ("trygt-omsorgsmiljoe", "Trygt omsorgsmiljø"),
        ("stimulering-og-vejledning", "Stimulering og vejledning"),
        ("understoettelse-af-relationer", "Understøttelse af relationer"),
    ]),
    _side("familie-og-netvaerk", "Familie og netværk", [
        ("familieforhold-og-baggrund", "Familieforhold og baggrund"),
        ("bolig-beskaeftigelse-oekonomi", "Bolig, beskæftigelse og økonomi"),
        ("socialt-netvaerk", "Socialt netværk"),
    ]),
)

DIMENSIONS: dict[str, Dimension] = {dim.key: dim for side in SIDES for dim in side.dimensions}
DIMENSION_KEYS: tuple[str, ...] = tuple(DIMENSIONS)


def dimension_choices():
    """Choices grouped by side, for select boxes (Django's optgroup format)."""
    return [(side.label, [(dim.key, dim.label) for dim in side.dimensions]) for side in SIDES]


def dimension_label(key: str) -> str:
    dim = DIMENSIONS.get(key)
    return dim.label if dim else key


# The funnel model's three phases with their guiding questions (DOMAIN.md).
FUNNEL_PHASES = (
    ("bekymring", "Bekymring", [
        "Hvad er det præcist, vi er bekymrede for?",
        "Hvem er bekymret – og hvem er ikke?",
        "Hvad har barnet selv sagt?",
    ]),
    ("hypoteser", "Hypotesedannelse", [
        "Hvilke mulige forklaringer er der på det, vi ser?",
        "Hvilke ressourcer taler imod bekymringen?",
        "Hvad ved vi, og hvad antager vi?",
    ]),
    ("tragtning", "Tragtning", [
        "Hvilke dimensioner i trekanten skal undersøges nærmere?",
        "Hvilke kan vi lade ligge, og hvorfor?",
        "Hvordan og hos hvem indhenter vi den viden, der mangler?",
    ]),
)
FUNNEL_PHASE_KEYS = tuple(key for key, _label, _questions in FUNNEL_PHASES)
FUNNEL_PHASE_LABELS = {key: label for key, label, _questions in FUNNEL_PHASES}
