"""Every lesson page of the demo courses, as a learner sees it, is free of the retired terms.

The courses part of the demo is loaded (courses.demo.material), each lesson page is fetched as a
signed-in caseworker, and its user-visible text is taken from the HTML (text outside <script> and
<style>, plus alt, title, aria-label and placeholder attributes). The answer keys a learner sees only
after answering (model answers, feedback, explanations, card explanations) are checked from the
lesson's content as well.

The rule for the terms Barnets lov replaced (»foranstaltning«, »handleplan«): they may appear only in a
sentence that explains the change, i.e. a sentence that also names today's term (»indsats«, »barnets
plan« or »ungeplan«) and marks the change (»tidligere«, »før 2024«, »afløst«, »hedder nu«, »kaldte« or
»serviceloven«). Every other retired term is refused anywhere.
"""

import json
import re
from html.parser import HTMLParser

import pytest
from django.utils.html import strip_tags

from courses.demo import material as demo_material
from courses.models import CoursePage, LessonPage

pytestmark = pytest.mark.django_db

DEMO_COURSES = ("ics-grundkursus", "ics-superbrugerkursus", "ics-brush-up")

# Refused anywhere in user-visible text (case-insensitive).
RETIRED = {
    "Compliance (the product says »licensstatus«)": r"\bcompliance\b",
    "Licensoverholdelse": r"\blicensoverholdelse\w*",
    "booke/booking (the site says »tilmelde«)": r"\bbook(e|er|es|et|ede|ing\w*)?\b",
    "begivenhed (the site says »arrangement«)": r"\bbegivenhed\w*",
    "the pre-2019 dimension name »Skoleforhold og læring«": r"(?<!dagtilbud, )\bskoleforhold og læring",
    "the wrong dimension name »Dagtilbud, skole og læring«": r"\bdagtilbud, skole og læring",
    "allauth's »Loggede succesfuldt ind«": r"loggede succesfuldt ind",
    "»hvert 1. år«": r"hvert 1\. år",
    "a genitive glued onto a name (»Skanderborg'«)": r"[a-zæøå]' ",
    "quotation marks other than » «": r"[“”„\"]",
}

# Allowed only in a sentence that explains the change to Barnets lov.
REPLACED = {"foranstaltning": r"\bforanstaltning\w*", "handleplan": r"\bhandleplan\w*"}
TODAYS_TERMS = ("indsats", "barnets plan", "ungeplan")
CHANGE_MARKERS = ("tidligere", "før 2024", "afløst", "hedder nu", "kaldte", "serviceloven")


class _VisibleText(HTMLParser):
    ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        self.parts.extend(value for name, value in attrs if name in self.ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return "\n".join(parser.parts)


def _sentences(text: str):
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def problems(text: str) -> list[str]:
    """The retired terms in `text`, each with the sentence it stands in."""
    found = []
    for sentence in _sentences(text):
        lowered = sentence.lower()
        for name, pattern in RETIRED.items():
            if re.search(pattern, sentence, flags=re.IGNORECASE):
                found.append(f"{name}: {sentence.strip()[:160]}")
        for name, pattern in REPLACED.items():
            if re.search(pattern, lowered) and not (
                any(term in lowered for term in TODAYS_TERMS) and any(mark in lowered for mark in CHANGE_MARKERS)
            ):
                found.append(f"{name} (outside a sentence explaining Barnets lov): {sentence.strip()[:160]}")
    return found


def _answer_keys(raw_blocks) -> str:
    """The texts a learner sees only after answering: model answers, feedback, explanations."""
    texts = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for child_key, child in value.items():
                walk(child, child_key)
        elif isinstance(value, list):
            for child in value:
                walk(child, key)
        elif isinstance(value, str) and key in ("model_answer", "feedback", "explanation"):
            texts.append(strip_tags(value))

    walk(json.loads(json.dumps(list(raw_blocks))))
    return "\n".join(texts)


# --- The rule itself, so a change to it is seen ----------------------------------------------


@pytest.mark.parametrize("sentence, refused", [
    ("Vælg en foranstaltning til barnet.", True),
    ("Skriv en handleplan med SMART-mål.", True),
    ("Den tidligere handleplan er afløst af barnets plan og ungeplanen.", False),
    ("Det, serviceloven kaldte en foranstaltning, hedder nu en indsats.", False),
    ("Handleplanen hedder nu noget andet.", True),  # no today's term named
    ("Book en plads på holdet.", True),
    ("Holdet kan ikke bookes.", True),
    ("Se licensstatus for dit team.", False),
    ("Compliance-rapport", True),
    ("Dimensionen Skoleforhold og læring", True),
    ("Dimensionen Dagtilbud, skoleforhold og læring", False),
    ("ICS-licensaftalen i Skanderborg' kommune", True),
    ("Citér barnet: »Jeg er træt.«", False),
    ("Citér barnet: ”Jeg er træt.”", True),
    ("Integrated Children's System", False),
])
def test_the_rule(sentence, refused):
    assert bool(problems(sentence)) is refused


def test_visible_text_leaves_out_scripts_and_keeps_alt_texts():
    html = ('<p>Synlig</p><script>var booke = 1;</script><style>.compliance{}</style>'
            '<img alt="Plakat af trekanten" src="x.png"><a href="/booking/">Tilmeld dig</a>')
    text = visible_text(html)
    assert "Synlig" in text and "Plakat af trekanten" in text and "Tilmeld dig" in text
    assert "booke" not in text and "compliance" not in text and "/booking/" not in text


# --- Every lesson page of the demo courses ---------------------------------------------------


def test_no_lesson_page_of_the_demo_courses_uses_a_retired_term(client, caseworker):
    demo_material.load()
    client.force_login(caseworker)
    lessons = []
    for slug in DEMO_COURSES:
        course = CoursePage.objects.get(slug=slug)
        lessons += list(LessonPage.objects.live().descendant_of(course).order_by("path"))
    assert len(lessons) >= 30
    found = {}
    for lesson in lessons:
        response = client.get(lesson.url)
        assert response.status_code == 200, lesson.url
        text = visible_text(response.content.decode()) + "\n" + _answer_keys(lesson.body.raw_data)
        assert lesson.title in text
        if problems(text):
            found[lesson.url] = problems(text)
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


# --- allauth's own messages get the site's wording -------------------------------------------


@pytest.mark.parametrize("template, danish", [
    ("account/messages/logged_in.txt", "Du er logget ind som"),
    ("account/messages/logged_out.txt", "Du er logget ud."),
    ("account/messages/password_changed.txt", "Din adgangskode er ændret."),
    ("mfa/messages/totp_activated.txt", "Login i to trin med en godkendelsesapp er slået til."),
])
def test_allauth_messages_read_as_the_sites_own_danish(template, danish, caseworker):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("da"):
        message = render_to_string(template, {"user": caseworker, "email": "a@b.dk"}).strip()
    assert danish in message
    assert not problems(message) and "succes" not in message.lower()
