"""Shared builders for the learning tests: a small Wagtail course tree under the home page.
(Named test_learning_* to stay in the learning helper's files; it holds no tests itself.)"""

import datetime
from types import SimpleNamespace

import pytest
from wagtail.models import Page
from wagtail.rich_text import RichText

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from tests.factories import MembershipFactory

_counter = {"n": 0}


def _next():
    _counter["n"] += 1
    return _counter["n"]


def restore_base_data():
    """The rows the data migrations write (Wagtail locale and root, our home page and default site, the
    admin groups), recreated after a transactional test has flushed them. Transactional tests call it
    first instead of relying on serialized_rollback, which does not survive Playwright's event loop
    (the connection a later test sees has lost its serialized copy)."""
    from importlib import import_module

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale

    ContentType.objects.clear_cache()  # ids cached before a flush may no longer exist
    Locale.objects.get_or_create(language_code="da")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(title="Root", slug="root")
    import_module("content.migrations.0002_create_homepage").create_homepage(apps, None)
    import_module("people.migrations.0003_admin_groups").create_groups(apps, None)
    # Rows restored with their original ids (e.g. the 98 municipalities) after a flush that restarted
    # the sequences would make the next insert collide: move every sequence past its table's largest id.
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)


@pytest.fixture
def base_data(transactional_db):
    restore_base_data()


def home_page():
    return Page.objects.get(depth=2).specific


def course_index():
    home = home_page()
    existing = CourseIndexPage.objects.filter(slug="kurser-test").first()
    if existing:
        return existing
    return home.add_child(instance=CourseIndexPage(title="Kurser", slug="kurser-test"))


def build_course(*, title=None, modules=(2, 1), course_days=0, kind="temaforloeb", optional=(), bodies=None,
                 slug=None, **fields):
    """A live course with modules of lessons: `modules` gives the number of lessons per module;
    `optional` holds (module index, lesson index) pairs of optional lessons; `bodies` maps the same
    pairs to a StreamField value for that lesson."""
    n = _next()
    index = course_index()
    course = index.add_child(instance=CoursePage(
        title=title or f"Kursus {n}", slug=slug or f"kursus-{n}", kind=kind, course_days=course_days, **fields,
    ))
    built_modules, lessons = [], []
    for m, count in enumerate(modules):
        module = course.add_child(instance=ModulePage(title=f"Modul {m + 1} ({n})", slug=f"modul-{n}-{m}"))
        built_modules.append(module)
        for i in range(count):
            lesson = LessonPage(
                title=f"Lektion {m + 1}.{i + 1} ({n})", slug=f"lektion-{n}-{m}-{i}",
                required=(m, i) not in optional,
            )
            lesson.body = (bodies or {}).get((m, i)) or [("paragraph", RichText("<p>Tekst til lektionen.</p>"))]
            module.add_child(instance=lesson)
            lessons.append(lesson)
    return SimpleNamespace(course=CoursePage.objects.get(pk=course.pk), modules=built_modules,
                           lessons=[LessonPage.objects.get(pk=lesson.pk) for lesson in lessons])


def staff(municipality, role="sagsbehandler", team=None, **kwargs):
    return MembershipFactory(municipality=municipality, team=team, role=role, **kwargs).person


@pytest.fixture
def elearning(db):
    return build_course(title="Børnefaglig undersøgelse – e-læring", modules=(2, 1), optional=((1, 0),))


TODAY = datetime.date.today


def quiz_block(title="Test dig selv"):
    return ("quiz", {
        "title": title, "introduction": "", "pass_mark": 80,
        "questions": [{"question": "Hvor mange dimensioner har ICS-trekanten?", "multiple": False, "explanation": "",
                       "answers": [{"text": "Syv", "correct": False, "feedback": ""},
                                   {"text": "Ti", "correct": True, "feedback": ""}]}],
    })
