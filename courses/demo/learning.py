"""Demo learning data: enrolments, progress, completions (earlier imported ones too), certificates and
one revocation, so every learning view shows something real. Idempotent: a second run changes nothing.

Runs after the teaching material (courses/demo/material.py), whose course slugs it uses:
ics-grundkursus (3 course days), ics-superbrugerkursus (5 days) and ics-brush-up (open e-learning).
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from people.models import Provider

from ..models import (
    CaseAnswer,
    Completion,
    CompletionMethod,
    CompletionRevocation,
    CoursePage,
    Enrolment,
    EnrolmentSource,
    MagnetBoardAttempt,
    QuizAttempt,
)
from ..selectors.catalogue import course_outline
from ..selectors.exercises import board_cards, case_tasks
from ..services.completion import completion_record, completion_revoke
from ..services.progress import lesson_complete

User = get_user_model()


def _say(stdout, message):
    if stdout:
        stdout.write(message)


def _person(email):
    return User.objects.filter(email=email).first()


def _course(slug):
    return CoursePage.objects.live().filter(slug=slug).first()


def _enrol(person, course, *, source=EnrolmentSource.SELF, due_in_days=None, by=None):
    enrolment = Enrolment.objects.filter(person=person, course=course).first()
    if enrolment:
        return enrolment
    due = timezone.localdate() + datetime.timedelta(days=due_in_days) if due_in_days is not None else None
    return Enrolment.objects.create(person=person, course=course, source=source, due_date=due, assigned_by=by)


def _lessons(course):
    return [row.lesson for row in course_outline(course).lessons]


def _pass_quizzes(person, lessons):
    for lesson in lessons:
        for block_id in [child.id for child in lesson.exercise_blocks() if child.block_type == "quiz"]:
            if not QuizAttempt.objects.filter(person=person, lesson=lesson, block_id=block_id, passed=True).exists():
                QuizAttempt.objects.create(person=person, lesson=lesson, block_id=block_id, answers={}, score=1,
                                           max_score=1, passed=True)


def _do_exercises(person, lesson):
    """The lesson's exercises done, as a lesson is marked completed only then: quizzes passed, boards
    checked, cases submitted (with a short answer per task)."""
    _pass_quizzes(person, [lesson])
    now = timezone.now()
    for child in lesson.exercise_blocks():
        if child.block_type == "magnet_board" and not MagnetBoardAttempt.objects.filter(
                person=person, lesson=lesson, block_id=child.id).exists():
            cards = board_cards(child.block_type, child.value)
            MagnetBoardAttempt.objects.create(
                person=person, lesson=lesson, block_id=child.id, placements={cid: c["dimension"] for cid, c in cards},
                results={cid: True for cid, _c in cards}, score=len(cards), max_score=len(cards))
        elif child.block_type == "case_exercise":
            CaseAnswer.objects.get_or_create(person=person, lesson=lesson, block_id=child.id, defaults={
                "answers": {tid: "Mine noter til opgaven (demodata)." for tid, _t in case_tasks(child.value)},
                "updated_at": now, "submitted_at": now, "revision": 1,
            })


def _complete(person, lesson):
    _do_exercises(person, lesson)
    lesson_complete(person=person, lesson=lesson)


def _complete_lessons(person, course, lessons):
    _enrol(person, course)
    for lesson in lessons:
        _complete(person, lesson)


def _import(person, course, day, provider, by):
    return completion_record(
        person=person, course=course, completed_on=day, method=CompletionMethod.IMPORTED, provider=provider, by=by,
        reason="Importeret tidligere registrering (demodata)",
    )[0]


@transaction.atomic
def load(stdout=None):
    """Enrolments, progress and completions of the demo people in the demo courses."""
    basic, superuser_course, brush_up = _course("ics-grundkursus"), _course("ics-superbrugerkursus"), _course(
        "ics-brush-up")
    if basic is None or brush_up is None:
        _say(stdout, "  learning: the demo courses are missing; skipped")
        return
    via = Provider.objects.filter(slug="via").first()
    board = Provider.objects.filter(slug="socialstyrelsen").first()
    admin = _person("admin@ics.demo")
    before = (Completion.objects.count(), Enrolment.objects.count())

    basic_lessons = _lessons(basic)
    brush_lessons = _lessons(brush_up)
    required_brush = [lesson for lesson in brush_lessons if lesson.required]

    for slug in ("skanderborg", "vesthimmerland", "koebenhavn"):
        leader = _person(f"leder@{slug}.demo")
        superuser = _person(f"superbruger@{slug}.demo")
        cw1 = _person(f"sagsbehandler1@{slug}.demo")
        cw2 = _person(f"sagsbehandler2@{slug}.demo")
        if not all((leader, superuser, cw1, cw2)):
            continue
        # Earlier records from before the platform (imported by the leader).
        _import(leader, basic, datetime.date(2016, 4, 14), via, leader)
        _import(superuser, basic, datetime.date(2017, 11, 2), via, leader)
        _import(cw2, basic, datetime.date(2021, 9, 23), via, leader)
        if superuser_course is not None and admin is not None:
            completion_record(
                person=superuser, course=superuser_course, completed_on=datetime.date(2019, 3, 28),
                method=CompletionMethod.MANUAL, provider=board, by=admin,
                reason="Deltog på superbrugerkurset hos Socialstyrelsen; "
                       "fremmøde registreret på papir.",
            )
        # The newcomer: assigned the basic course with a due date, e-learning preparation under way,
        # and the open brush-up almost finished (the last required lesson is left to do in the demo).
        overdue = slug == "vesthimmerland"
        _enrol(cw1, basic, source=EnrolmentSource.ASSIGNED, due_in_days=-10 if overdue else 75, by=leader)
        for lesson in basic_lessons[: 2 if slug == "skanderborg" else 1]:
            _complete(cw1, lesson)
        if slug == "skanderborg" and len(required_brush) > 1:
            _enrol(cw1, brush_up, source=EnrolmentSource.SELF)
            _complete(cw1, required_brush[0])
        # The experienced caseworker finished the brush-up on the platform: an e-learning completion.
        _complete_lessons(cw2, brush_up, required_brush)
        # The superuser is half-way through the brush-up.
        _enrol(superuser, brush_up, source=EnrolmentSource.ASSIGNED, due_in_days=30, by=leader)
        if required_brush:
            _complete(superuser, required_brush[0])

    # One revoked completion, to show the verification page's "revoked" answer and the repair trail.
    cw2 = _person("sagsbehandler2@koebenhavn.demo")
    if cw2 and admin and superuser_course is not None:
        wrong = Completion.objects.filter(person=cw2, course=superuser_course).order_by("pk").first()
        if wrong is None:
            wrong, _created = completion_record(
                person=cw2, course=superuser_course, completed_on=datetime.date(2022, 6, 9),
                method=CompletionMethod.IMPORTED, provider=via, by=admin,
                reason="Importeret tidligere registrering (demodata)",
            )
        if not CompletionRevocation.objects.filter(completion=wrong).exists():
            completion_revoke(completion=wrong, by=admin,
                                       reason="Registreret på forkert person ved importen; rettet.")

    after = (Completion.objects.count(), Enrolment.objects.count())
    _say(stdout, f"  learning: {after[0] - before[0]} completions and {after[1] - before[1]} enrolments created")
