"""The demo teaching material: idempotent, valid against the blocks' own rules, and using every block."""

import json

import pytest
from wagtail.models import Revision

from content.blocks import BaseStreamBlock
from courses.demo import material as demo_material
from courses.models import CourseIndexPage, CourseKind, CoursePage, LessonPage, ModulePage

pytestmark = pytest.mark.django_db


def _counts():
    return (CourseIndexPage.objects.count(), CoursePage.objects.count(), ModulePage.objects.count(),
            LessonPage.objects.count(), Revision.objects.count())


def test_demo_material_is_idempotent_and_sets_up_the_courses():
    demo_material.load()
    first = _counts()
    national = CourseIndexPage.objects.get(municipality__isnull=True)
    assert CoursePage.objects.child_of(national).count() == 3
    assert ModulePage.objects.descendant_of(national).count() == 7
    assert first[3] >= 30
    demo_material.load()
    assert _counts() == first

    basic = CoursePage.objects.get(slug="ics-grundkursus")
    assert (basic.kind, basic.course_days, basic.required_by_licence) == (CourseKind.BASIC, 3, True)
    assert [m.course_day for m in ModulePage.objects.child_of(basic).order_by("path")] == [1, 2, 3]
    superuser = CoursePage.objects.get(slug="ics-superbrugerkursus")
    assert (superuser.kind, ModulePage.objects.child_of(superuser).count()) == (CourseKind.SUPERUSER, 3)
    assert CoursePage.objects.filter(kind="brush-up").exists()


def test_basic_course_uses_every_block_every_lesson_validates_and_no_cpr():
    import re

    demo_material.load()
    basic = CoursePage.objects.get(slug="ics-grundkursus")
    used = set()
    stream_block = BaseStreamBlock(required=True)
    for lesson in LessonPage.objects.live().descendant_of(basic):
        used |= {child.block_type for child in lesson.body}
        stream_block.clean(lesson.body)  # raises ValidationError if the demo breaks a block rule
    # Every block but the video: the demo has no real film whose own words it could transcribe, and an
    # invented transcript would present something invented as a source.
    assert used == set(BaseStreamBlock.base_blocks) - {"video"}
    assert not any(child.block_type == "video" for lesson in LessonPage.objects.all() for child in lesson.body)
    # A quiz on every course day.
    for module in ModulePage.objects.child_of(basic):
        lessons = LessonPage.objects.live().descendant_of(module)
        assert any(child.block_type == "quiz" for lesson in lessons for child in lesson.body), module.title
    for lesson in LessonPage.objects.all():
        assert not re.search(r"\b\d{6}-?\d{4}\b", str(lesson.body.raw_data)), lesson.title


CHILDREN = ("Emil", "Sara", "Line", "Noah", "Aya", "Malik", "Liva")


def _cases(course):
    for lesson in LessonPage.objects.live().descendant_of(course).order_by("path"):
        for child in lesson.body:
            if child.block_type == "case_exercise":
                yield lesson, child.value


def test_the_case_vignettes_span_the_ages_and_no_course_uses_a_child_more_than_twice():
    from django.utils.html import strip_tags

    demo_material.load()
    vignettes = {}
    for course in CoursePage.objects.filter(slug__in=["ics-grundkursus", "ics-superbrugerkursus", "ics-brush-up"]):
        for _lesson, value in _cases(course):
            vignette = strip_tags(value["vignette"].source)
            assert "opdigtet" in vignette, (course.slug, value["title"])  # marked as fictional
            named = [name for name in CHILDREN if vignette.startswith(name) or f" {name}" in vignette[:80]]
            if not named:  # the one case about an organisation, not a child
                assert "Afdelingen er opdigtet" in vignette, value["title"]
                continue
            vignettes.setdefault(named[0], value)
        lessons_per_child = {}
        for lesson in LessonPage.objects.live().descendant_of(course):
            visible = strip_tags(json.dumps(list(lesson.body.raw_data), ensure_ascii=False))
            for name in CHILDREN:
                if name in visible:
                    lessons_per_child.setdefault(name, set()).add(lesson.pk)
        assert all(len(pks) <= 2 for pks in lessons_per_child.values()), (course.slug, lessons_per_child)
    # At least the five new vignettes: an expected child, 0–2, 3–5, 15–17 (ungeplan) and a disability.
    assert {"Line", "Noah", "Aya", "Malik", "Liva"} <= set(vignettes)
    ages = {name: strip_tags(vignettes[name]["vignette"].source) for name in ("Noah", "Aya", "Malik", "Liva")}
    assert "1½ år" in ages["Noah"] and "4 år" in ages["Aya"] and "16 år" in ages["Malik"]
    assert "venter" in strip_tags(vignettes["Line"]["vignette"].source)
    assert "cerebral parese" in ages["Liva"]
    # Each new case has tasks on the triangle, the funnel and SMART goals, each with a model answer.
    for name in ("Line", "Noah", "Aya", "Malik", "Liva"):
        tasks = [task["task"] for task in vignettes[name]["tasks"]]
        joined = " ".join(tasks)
        assert "trekant" in joined and "tragt" in joined and "SMART" in joined, name
        assert all(strip_tags(task["model_answer"].source).strip() for task in vignettes[name]["tasks"]), name
    assert "ungeplan" in " ".join(strip_tags(t["model_answer"].source) for t in vignettes["Malik"]["tasks"])


def test_the_sara_funnel_model_answer_covers_what_a_trainer_asks_for():
    from django.utils.html import strip_tags

    demo_material.load()
    basic = CoursePage.objects.get(slug="ics-grundkursus")
    sara = next(value for _lesson, value in _cases(basic) if value["title"] == "Case: Sara på 14 år")
    answer = " ".join(strip_tags(task["model_answer"].source) for task in sara["tasks"])
    for needed in ("Sundhedsforhold", "Trygt omsorgsmiljø", "Dagtilbud, skoleforhold og læring",
                   "Fritidsforhold og venskaber", "Bolig, beskæftigelse og økonomi", "Lad ligge",
                   "forældremyndighed", "lillebror", "partsbeføjelser", "Barnets lov § 3"):
        assert needed.lower() in answer.lower(), needed


def test_the_superuser_course_runs_over_five_days_and_ends_in_a_self_assessment():
    demo_material.load()
    superuser = CoursePage.objects.get(slug="ics-superbrugerkursus")
    modules = list(ModulePage.objects.child_of(superuser).order_by("path"))
    assert superuser.course_days == 5
    assert [m.course_day for m in modules] == [1, 3, 5]
    assert ["1–2", "3–4", "5"] == [m.title.split("kursusdag ")[1].split(")")[0] for m in modules]
    last = LessonPage.objects.live().descendant_of(modules[-1]).order_by("path").last()
    assert last.slug == "selvevaluering"
    assert any(child.block_type == "quiz" for child in last.body)
    text = json.dumps(list(LessonPage.objects.get(slug="superbrugerens-rolle").body.raw_data), ensure_ascii=False)
    for title in ("Ledelsen går foran", "En plan giver retning", "ICS-superbrugerne guider kollegerne",
                  "Medarbejdere bliver klædt på", "Ting tager tid", "ICS bliver en del af den daglige praksis",
                  "Samarbejdspartnere bliver inddraget"):
        assert title in text, title


def test_the_new_lessons_exist_and_the_barnets_lov_lesson_is_required():
    demo_material.load()
    basic = CoursePage.objects.get(slug="ics-grundkursus")
    slugs = set(LessonPage.objects.live().descendant_of(basic).values_list("slug", flat=True))
    assert {"statusudtalelser", "samtalen-med-barnet", "netvaerksinddragelse", "screening-og-afdaekning",
            "undersoegelsesplan", "analyse-og-vurdering", "opfoelgning-paa-maal", "beskrivende-sprog"} <= slugs
    brush = CoursePage.objects.get(slug="ics-brush-up")
    assert LessonPage.objects.descendant_of(brush).get(slug="barnets-lov").required
    note = json.dumps(list(LessonPage.objects.descendant_of(brush).get(slug="trekanten-2019").body.raw_data),
                      ensure_ascii=False)
    assert "Tidligere dimension" in note and "Basisomsorg" in note


def test_every_magnet_card_of_the_demo_says_resource_or_concern():
    demo_material.load()
    for lesson in LessonPage.objects.all():
        for child in lesson.body:
            cards = child.value["cards"] if child.block_type == "magnet_board" else (
                child.value["facts"] if child.block_type == "case_exercise" else [])
            for card in cards:
                assert card["kind"] in ("resource", "concern"), (lesson.title, card["text"])
