"""Builders for the teaching-material tests: a national course tree (under the "Kurser" index the
migration creates) with one lesson holding a quiz, a magnet board and a case exercise.
(Named test_material_* to stay in the material helper's files; it holds no tests itself.)"""

import itertools
from types import SimpleNamespace

from wagtail.models import Locale, Page, Site

from content.models import HomePage
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage

_numbers = itertools.count(1)

QUIZ = {
    "title": "Quiz om trekanten", "introduction": "", "pass_mark": 100,
    "questions": [
        {"question": "Hvor mange dimensioner har trekanten?", "multiple": False, "explanation": "FORKLARING-TI",
         "answers": [{"text": "Syv", "correct": False, "feedback": "FEEDBACK-SYV-FORKERT"},
                     {"text": "Ti", "correct": True, "feedback": "FEEDBACK-TI-RIGTIGT"}]},
        {"question": "Hvilke hører til Forældrekompetencer?", "multiple": True, "explanation": "",
         "answers": [{"text": "Trygt omsorgsmiljø", "correct": True, "feedback": "FEEDBACK-OMSORG"},
                     {"text": "Socialt netværk", "correct": False, "feedback": "FEEDBACK-NETVAERK"},
                     {"text": "Stimulering og vejledning", "correct": True, "feedback": "FEEDBACK-STIMULERING"}]},
    ],
}
MAGNETS = {
    "title": "Placér kortene", "instructions": "",
    "cards": [
        {"text": "Kommer sulten i skole", "dimension": "trygt-omsorgsmiljoe", "explanation": "FORKLARING-MAD"},
        {"text": "Spiller fodbold", "dimension": "fritid-og-venskaber", "explanation": "FORKLARING-FODBOLD"},
    ],
}
CASE = {
    "title": "Case: Emil", "vignette": "<p>Emil er 9 år (opdigtet).</p>",
    "tasks": [{"task": "Hvad er bekymringen?", "model_answer": "<p>MODELSVAR-BEKYMRING</p>"},
              {"task": "Hvilke ressourcer ser du?", "model_answer": "<p>MODELSVAR-RESSOURCER</p>"}],
    "facts": [],
}


def national_index():
    """The "Kurser" index from the data migration (created again if a transactional test flushed it)."""
    existing = CourseIndexPage.objects.filter(municipality__isnull=True).order_by("path").first()
    if existing is not None:
        return existing
    return home_page().add_child(instance=CourseIndexPage(title="Kurser", slug="kurser"))


def home_page():
    """The site's home page; rebuilt when a transactional test elsewhere flushed the migration data."""
    home = Page.objects.filter(depth=2).first()
    if home is not None:
        return home
    Locale.objects.get_or_create(language_code="da")
    root = Page.objects.filter(depth=1).first() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="ICS Akademi", slug="forside"))
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    return home


def local_index(municipality):
    home = home_page()
    n = next(_numbers)
    return home.add_child(instance=CourseIndexPage(
        title=f"Lokalt materiale {n}", slug=f"lokalt-{n}", municipality=municipality,
    ))


def build_lesson(*, index=None, body=None, title=None, live=True):
    """A course → module → lesson under the index; the lesson holds a quiz, magnets and a case."""
    n = next(_numbers)
    index = index or national_index()
    course = index.add_child(instance=CoursePage(title=f"Materialekursus {n}", slug=f"materialekursus-{n}"))
    module = course.add_child(instance=ModulePage(title=f"Modul {n}", slug=f"modul-m{n}"))
    lesson = LessonPage(title=title or f"Lektion {n}", slug=f"lektion-m{n}", live=live)
    lesson.body = body if body is not None else [
        ("paragraph", "<p>Indledning.</p>"), ("quiz", QUIZ), ("magnet_board", MAGNETS), ("case_exercise", CASE),
    ]
    module.add_child(instance=lesson)
    lesson = LessonPage.objects.get(pk=lesson.pk)
    return SimpleNamespace(course=course, module=module, lesson=lesson, **ids(lesson))


def ids(lesson):
    """Block, question, answer, card and task ids of the lesson's exercises."""
    found = {}
    for child in lesson.body:
        if child.block_type == "quiz":
            found["quiz_id"] = child.id
            questions = list(child.value["questions"].bound_blocks)
            found["questions"] = [
                SimpleNamespace(id=q.id, answers={a.value["text"]: a.id for a in q.value["answers"].bound_blocks})
                for q in questions
            ]
        elif child.block_type == "magnet_board":
            found["magnet_id"] = child.id
            found["cards"] = {c.value["text"]: c.id for c in child.value["cards"].bound_blocks}
        elif child.block_type == "case_exercise":
            found["case_id"] = child.id
            found["tasks"] = [t.id for t in child.value["tasks"].bound_blocks]
    return found


def correct_quiz_post(built):
    q1, q2 = built.questions
    return {
        f"q-{q1.id}": [q1.answers["Ti"]],
        f"q-{q2.id}": [q2.answers["Trygt omsorgsmiljø"], q2.answers["Stimulering og vejledning"]],
    }
