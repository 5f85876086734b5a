"""The demo teaching material: idempotent, valid against the blocks' own rules, and using every block."""

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
    assert first[3] >= 15
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
    assert used == set(BaseStreamBlock.base_blocks)
    # A quiz on every course day.
    for module in ModulePage.objects.child_of(basic):
        lessons = LessonPage.objects.live().descendant_of(module)
        assert any(child.block_type == "quiz" for lesson in lessons for child in lesson.body), module.title
    for lesson in LessonPage.objects.all():
        assert not re.search(r"\b\d{6}-?\d{4}\b", str(lesson.body.raw_data)), lesson.title
