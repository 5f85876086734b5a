"""Checking and storing learners' answers to the exercise blocks of a lesson (quiz, magnet board,
case exercise). The display state the lesson page shows is read by courses.selectors.exercises.

The answer key lives only in the lesson's StreamField on the server. A post is checked against it
strictly: unknown question or card ids, duplicate answers, several answers to a single-choice question,
or someone else's answer id are refused with a Danish message (ExerciseError) and nothing is saved;
so is a case answer holding something shaped like a CPR number (web.validators.refuse_cpr).
After a submission, courses.signals.exercise_submitted is sent once the transaction commits.

A quiz attempt made before the pause after a failed one has passed is refused (status 429, "Du kan
prøve igen kl. 10.43"); the rules are `courses.selectors.exercises.quiz_standing`, the same the page shows.
Concurrent attempts by one learner are serialised by a row lock on the person.

Saving a case answer is idempotent: the row is created once (a concurrent first save finds it instead
of failing), the same text again changes nothing, and a draft carries the page's revision number
(`revision`), so a save that arrives after a later one (a retry after a timeout, two saves in flight)
never overwrites the later text.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from content import method as ics_method
from content.blocks import CARD_KIND_KEYS
from web.converters import parse_id
from web.forms import error_text
from web.validators import refuse_cpr

from ..models import CaseAnswer, LessonPage, MagnetBoardAttempt, QuizAttempt
from ..selectors.exercises import board_cards, case_tasks, quiz_questions, quiz_standing
from ..signals import exercise_submitted

QUIZ_PREFIX = "q-"
CARD_PREFIX = "card-"
KIND_PREFIX = "kind-"
TASK_PREFIX = "task-"
MAX_ANSWER_LENGTH = 20000


class ExerciseError(Exception):
    """A post that cannot be accepted; the message is for the learner."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def _gone() -> ExerciseError:
    return ExerciseError(_("This exercise no longer exists on the page. Reload the page and try again."), status=404)


def _not_yours() -> ExerciseError:
    return ExerciseError(
        _("This answer does not belong to you. Reload the page to continue with your own answer."), status=403,
    )


def find_exercise(*, lesson: LessonPage, block_id: str, block_types: tuple[str, ...]):
    """The lesson's top-level block with this id and one of these types (a StreamChild)."""
    for child in lesson.body:
        if child.id == block_id and child.block_type in block_types:
            return child
    raise _gone()


def _notify(*, person, lesson, kind):
    transaction.on_commit(lambda: exercise_submitted.send(
        sender=LessonPage, person_id=person.pk, lesson_id=lesson.pk, kind=kind,
    ))


def _posted(data, *, prefix, known, unknown_message):
    """(item id, posted values) for each posted field named `<prefix><item id>`; ExerciseError with
    `unknown_message` for an id that is not one of `known`."""
    for key in data.keys():
        if not key.startswith(prefix):
            continue
        item_id = key[len(prefix):]
        if item_id not in known:
            raise ExerciseError(unknown_message)
        yield item_id, data.getlist(key)


def _missing(item_ids, answered) -> str:
    """The numbers (counting from 1) of the items without an answer, as "2, 5"; "" when none is missing."""
    return ", ".join(str(number) for number, item_id in enumerate(item_ids, 1) if item_id not in answered)


def _check_previous_attempt(model, *, person, lesson, block_id, data):
    """A retry names the attempt it follows; it must be the learner's own attempt at this block."""
    posted = (data.get("attempt") or "").strip()
    if not posted:
        return
    attempt_id = parse_id(posted)
    if attempt_id is None or not model.objects.filter(
        pk=attempt_id, person=person, lesson=lesson, block_id=block_id
    ).exists():
        raise _not_yours()


# --- Quiz ---------------------------------------------------------------------------------------


def quiz_parse(*, value, data) -> dict[str, list[str]]:
    """The chosen answer ids per question, or ExerciseError for anything that does not fit the quiz."""
    questions = quiz_questions(value)
    by_id = {qid: (number, question, answers) for number, (qid, question, answers) in enumerate(questions, 1)}
    chosen = {}
    for qid, values in _posted(data, prefix=QUIZ_PREFIX, known=by_id, unknown_message=_(
        "The answer refers to a question that is not in this quiz. Reload the page and answer again."
    )):
        number, question, answers = by_id[qid]
        picked = [a for a in values if a != ""]
        if len(picked) != len(set(picked)):
            raise ExerciseError(_("Question %(number)s has the same answer more than once.") % {"number": number})
        unknown = [a for a in picked if a not in answers]
        if unknown:
            raise ExerciseError(_("Question %(number)s has an answer that does not belong to it.")
                                % {"number": number})
        if len(picked) > 1 and not question["multiple"]:
            raise ExerciseError(_("Question %(number)s takes only one answer.") % {"number": number})
        if picked:
            chosen[qid] = picked
    missing = _missing([qid for qid, _q, _a in questions], chosen)
    if missing:
        raise ExerciseError(_("Answer every question before you submit. Missing: question %(numbers)s.")
                            % {"numbers": missing})
    return chosen


def quiz_score(*, value, chosen: dict[str, list[str]]) -> tuple[int, int, bool]:
    questions = quiz_questions(value)
    score = 0
    for qid, _question, answers in questions:
        correct = {aid for aid, answer in answers.items() if answer["correct"]}
        if set(chosen.get(qid, [])) == correct:
            score += 1
    max_score = len(questions)
    passed = max_score > 0 and score * 100 >= (value["pass_mark"] or 0) * max_score
    return score, max_score, passed


def clock(moment) -> str:
    """A time of day as the learner reads it on the page: "10.43" (local time)."""
    return formats.time_format(timezone.localtime(moment), "H.i")


@transaction.atomic
def quiz_submit(*, person, lesson: LessonPage, block_id: str, data) -> QuizAttempt:
    found = find_exercise(lesson=lesson, block_id=block_id, block_types=("quiz",))
    _check_previous_attempt(QuizAttempt, person=person, lesson=lesson, block_id=block_id, data=data)
    get_user_model().objects.select_for_update().filter(pk=person.pk).first()  # one attempt at a time
    attempts = list(QuizAttempt.objects.filter(person=person, lesson=lesson, block_id=block_id)
                    .order_by("submitted_at", "pk"))
    standing = quiz_standing(value=found.value, attempts=attempts)
    if standing.retry_at is not None:
        raise ExerciseError(_("Take a short break and read the lesson again: you can try again at %(time)s.")
                            % {"time": clock(standing.retry_at)}, status=429)
    chosen = quiz_parse(value=found.value, data=data)
    score, max_score, passed = quiz_score(value=found.value, chosen=chosen)
    attempt = QuizAttempt(
        person=person, lesson=lesson, block_id=block_id, answers=chosen, score=score, max_score=max_score,
        passed=passed, submitted_at=timezone.now(),
    )
    attempt.full_clean()
    attempt.save()
    _notify(person=person, lesson=lesson, kind="quiz")
    return attempt


# --- Magnet board (also the "place the facts" task of a case exercise) --------------------------


def magnet_parse(*, cards, data) -> dict[str, str]:
    by_id = {cid: number for number, (cid, _v) in enumerate(cards, 1)}
    placements = {}
    for cid, posted in _posted(data, prefix=CARD_PREFIX, known=by_id, unknown_message=_(
        "The answer refers to a card that is not on this board. Reload the page and try again."
    )):
        values = [v for v in posted if v != ""]
        if len(values) > 1:
            raise ExerciseError(_("Card %(number)s is placed more than once.") % {"number": by_id[cid]})
        if values and values[0] not in ics_method.DIMENSIONS:
            raise ExerciseError(_("Card %(number)s is placed on a dimension that does not exist.")
                                % {"number": by_id[cid]})
        if values:
            placements[cid] = values[0]
    missing = _missing(by_id, placements)
    if missing:
        raise ExerciseError(_("Place every card before you check. Missing: card %(numbers)s.")
                            % {"numbers": missing})
    return placements


def magnet_kinds_parse(*, cards, data) -> dict[str, str]:
    """Resource or concern, for each card whose author marked it as one (the others are not asked)."""
    asked = {cid: number for number, (cid, card) in enumerate(cards, 1) if card.get("kind")}
    kinds = {}
    for cid, posted in _posted(data, prefix=KIND_PREFIX, known=asked, unknown_message=_(
        "The answer marks a card that is not on this board. Reload the page and try again."
    )):
        values = [v for v in posted if v != ""]
        if len(values) > 1:
            raise ExerciseError(_("Card %(number)s is marked more than once.") % {"number": asked[cid]})
        if values and values[0] not in CARD_KIND_KEYS:
            raise ExerciseError(_("Card %(number)s must be marked as a resource or a concern.")
                                % {"number": asked[cid]})
        if values:
            kinds[cid] = values[0]
    missing = ", ".join(str(number) for cid, number in asked.items() if cid not in kinds)
    if missing:
        raise ExerciseError(_("Mark every card as a resource or a concern before you check. Missing: card "
                              "%(numbers)s.") % {"numbers": missing})
    return kinds


def magnet_card_correct(card, placed: str, kind: str | None) -> bool:
    """Right dimension, and for a marked card also the right kind (resource or concern)."""
    return placed == card["dimension"] and (not card.get("kind") or kind == card["kind"])


@transaction.atomic
def magnet_submit(*, person, lesson: LessonPage, block_id: str, data) -> MagnetBoardAttempt:
    found = find_exercise(lesson=lesson, block_id=block_id, block_types=("magnet_board", "case_exercise"))
    cards = board_cards(found.block_type, found.value)
    if not cards:
        raise _gone()
    _check_previous_attempt(MagnetBoardAttempt, person=person, lesson=lesson, block_id=block_id, data=data)
    placements = magnet_parse(cards=cards, data=data)
    kinds = magnet_kinds_parse(cards=cards, data=data)
    results = {cid: magnet_card_correct(card, placements[cid], kinds.get(cid)) for cid, card in cards}
    attempt = MagnetBoardAttempt(
        person=person, lesson=lesson, block_id=block_id, placements=placements, kinds=kinds, results=results,
        score=sum(results.values()), max_score=len(cards), submitted_at=timezone.now(),
    )
    attempt.full_clean()
    attempt.save()
    if found.block_type == "magnet_board":
        _notify(person=person, lesson=lesson, kind="magnet_board")
    return attempt


# --- Case exercise ------------------------------------------------------------------------------


def case_parse(*, value, data) -> dict[str, str]:
    tasks = case_tasks(value)
    by_id = {tid: number for number, (tid, _v) in enumerate(tasks, 1)}
    answers = {}
    for tid, texts in _posted(data, prefix=TASK_PREFIX, known=by_id, unknown_message=_(
        "The answer refers to a task that is not in this case. Reload the page and try again."
    )):
        if len(texts) != 1:
            raise ExerciseError(_("Task %(number)s has more than one answer.") % {"number": by_id[tid]})
        if len(texts[0]) > MAX_ANSWER_LENGTH:
            raise ExerciseError(_("The answer to task %(number)s is too long (at most %(max)s characters).")
                                % {"number": by_id[tid], "max": MAX_ANSWER_LENGTH})
        answers[tid] = texts[0].replace("\x00", "")
        try:
            refuse_cpr(answers[tid])
        except ValidationError as exc:
            raise ExerciseError(error_text(exc)) from None
    return answers


@dataclass(frozen=True)
class CaseSaved:
    """The stored answer after a save; `changed` False when nothing was written (the same text again,
    or a save older than one already stored: `stale`)."""

    answer: CaseAnswer
    changed: bool
    stale: bool = False


def _revision(data) -> int | None:
    posted = (data.get("revision") or "").strip()
    if not posted:
        return None
    number = parse_id(posted)
    if number is None:
        raise ExerciseError(_("The draft's version number is not valid. Reload the page and try again."))
    return number


def _case_answer_locked(*, person, lesson, block_id) -> tuple[CaseAnswer, bool]:
    """The learner's answer row, created if missing (a concurrent first save finds the other's row),
    locked for the rest of the transaction; and whether this call created it."""
    answer, created = CaseAnswer.objects.get_or_create(
        person=person, lesson=lesson, block_id=block_id, defaults={"answers": {}},
    )
    if not created:
        answer = CaseAnswer.objects.select_for_update().get(pk=answer.pk)
    return answer, created


@transaction.atomic
def case_save(*, person, lesson: LessonPage, block_id: str, data, submit: bool = False) -> CaseSaved:
    """Save the learner's draft (autosave) or submit it. A submitted answer can no longer change.
    Idempotent (see the module docstring); on any error nothing is stored."""
    found = find_exercise(lesson=lesson, block_id=block_id, block_types=("case_exercise",))
    answers = case_parse(value=found.value, data=data)
    revision = _revision(data)
    posted_id = (data.get("answer") or "").strip()
    answer, created = _case_answer_locked(person=person, lesson=lesson, block_id=block_id)
    if posted_id and (created or str(answer.pk) != posted_id):
        raise _not_yours()
    if answer.is_submitted:
        raise ExerciseError(_("You have already submitted this case; the answers can no longer be changed."),
                            status=409)
    if not submit and revision is not None and revision <= answer.revision and not created:
        # A repeat (the same text) or a save that lost the race to a newer one (other text): the stored
        # text stays; `stale` tells the page to send its text again with a higher revision.
        repeat = all(answer.answers.get(tid) == text for tid, text in answers.items())
        return CaseSaved(answer=answer, changed=False, stale=not repeat)
    merged = dict(answer.answers)
    merged.update(answers)
    if not merged:
        raise ExerciseError(_("Write an answer to at least one task before saving."))
    if submit:
        written = {tid for tid, text in merged.items() if (text or "").strip()}
        empty = _missing([tid for tid, _t in case_tasks(found.value)], written)
        if empty:
            raise ExerciseError(_("Answer every task before you submit. Missing: task %(numbers)s.")
                                % {"numbers": empty})
    elif merged == answer.answers and not created:
        return CaseSaved(answer=answer, changed=False)
    now = timezone.now()
    answer.answers = merged
    answer.updated_at = now
    answer.revision = max(revision or 0, answer.revision + 1)
    if submit:
        answer.submitted_at = now
    answer.full_clean()
    answer.save()
    if submit:
        _notify(person=person, lesson=lesson, kind="case_exercise")
    return CaseSaved(answer=answer, changed=True)
