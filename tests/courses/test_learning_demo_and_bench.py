"""The demo learning data (idempotent, the promised accounts) and the benchmark command."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from courses.demo import learning as demo_learning
from courses.models import (
    Completion,
    CompletionMethod,
    CompletionRevocation,
    CourseKind,
    Enrolment,
    LessonProgress,
)
from courses.selectors.progress import course_progress
from tests.courses.test_learning_support import build_course

pytestmark = pytest.mark.django_db


def _snapshot():
    return (Completion.objects.count(), CompletionRevocation.objects.count(), Enrolment.objects.count(),
            LessonProgress.objects.count())


def test_demo_learning_is_idempotent_and_gives_the_promised_mix():
    from people import demo as people_demo

    people_demo.load()
    basic = build_course(title="ICS-grundkursus", slug="ics-grundkursus", modules=(2, 2), course_days=3,
                         kind=CourseKind.BASIC).course
    build_course(title="ICS-superbrugerkursus", slug="ics-superbrugerkursus", modules=(1,), course_days=5,
                 kind=CourseKind.SUPERUSER)
    brush = build_course(title="ICS brush-up", slug="ics-brush-up", modules=(3,), optional=((0, 2),),
                         kind="brush-up").course
    demo_learning.load()
    first = _snapshot()
    demo_learning.load()
    assert _snapshot() == first

    User = get_user_model()
    sofie = User.objects.get(email="sagsbehandler1@skanderborg.demo")
    basic_progress = course_progress(person=sofie, course=basic)
    assert 0 < basic_progress.percent < 100 and basic_progress.due_date
    brush_progress = course_progress(person=sofie, course=brush)
    assert brush_progress.done == 1 and brush_progress.next_lesson is not None and not brush_progress.completion
    methods = set(Completion.objects.values_list("method", flat=True))
    assert {CompletionMethod.IMPORTED, CompletionMethod.E_LEARNING, CompletionMethod.MANUAL} <= methods
    assert CompletionRevocation.objects.count() == 1
    assert all(c.verification_code for c in Completion.objects.all())


def test_bench_command_prints_a_table_and_leaves_nothing_behind():
    User = get_user_model()
    users_before = User.objects.count()
    out = io.StringIO()
    call_command("bench_learning", sizes=[3, 12], stdout=out)
    text = out.getvalue()
    lines = [line for line in text.splitlines() if line.strip().split(" ")[0] in {"3", "12"}]
    assert len(lines) == 2, text
    assert "dashboard ms" in text and "team view ms" in text
    # The same number of queries at both sizes: the views do not grow with the data.
    q = [[int(part.split()[-1]) for part in line.split("|")[1:]] for line in lines]
    assert q[0][1:] == q[1][1:]  # my courses and team view (the dashboard also holds other apps' panels)
    assert User.objects.count() == users_before
