"""Checking and storing learners' answers to the exercise blocks of a lesson (quiz, magnet board,
case exercise), and the display state the lesson page shows for them.

The answer key lives only in the lesson's StreamField on the server. A post is checked against it
strictly: unknown question or card ids, duplicate answers, several answers to a single-choice question,
or someone else's answer id are refused with a Danish message (ExerciseError) and nothing is saved.
After a submission, courses.signals.exercise_submitted is sent once the transaction commits.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from content import method as ics_method

from .models import CaseAnswer, LessonPage, MagnetBoardAttempt, QuizAttempt
from .signals import exercise_submitted

QUIZ_PREFIX = "q-"
CARD_PREFIX = "card-"
TASK_PREFIX = "task-"
MAX_ANSWER_LENGTH = 20000


class ExerciseError(Exception):
    """A post that cannot be accepted; the message is for the learner."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class FoundBlock:
    block_type: str
    block_id: str
    value: object
    child: object


def find_exercise(*, lesson: LessonPage, block_id: str, block_type: str) -> FoundBlock:
    for child in lesson.body:
        if child.id == block_id and child.block_type == block_type:
            return FoundBlock(child.block_type, child.id, child.value, child)
    raise ExerciseError(_("This exercise no longer exists on the page. Reload the page and try again."), status=404)


def _notify(*, person, lesson, kind):
    transaction.on_commit(lambda: exercise_submitted.send(
        sender=LessonPage, person_id=person.pk, lesson_id=lesson.pk, kind=kind,
    ))


def _prefixed_keys(data, prefix):
    return [key for key in data.keys() if key.startswith(prefix)]


def _check_previous_attempt(model, *, person, lesson, block_id, data):
    """A retry names the attempt it follows; it must be the learner's own attempt at this block."""
    posted = (data.get("attempt") or "").strip()
    if not posted:
        return
    if not posted.isdigit() or not model.objects.filter(
        pk=int(posted), person=person, lesson=lesson, block_id=block_id
    ).exists():
        raise ExerciseError(_("This answer does not belong to you. Reload the page to continue with your own "
                              "answer."), status=403)


# --- Quiz ---------------------------------------------------------------------------------------


def _quiz_questions(value):
    """[(question_id, question_value, {answer_id: answer_value})] in order."""
    questions = []
    for question in value["questions"].bound_blocks:
        answers = {answer.id: answer.value for answer in question.value["answers"].bound_blocks}
        questions.append((question.id, question.value, answers))
    return questions


def quiz_parse(*, value, data) -> dict[str, list[str]]:
    """The chosen answer ids per question, or ExerciseError for anything that does not fit the quiz."""
    questions = _quiz_questions(value)
    by_id = {qid: (number, question, answers) for number, (qid, question, answers) in enumerate(questions, 1)}
    chosen = {}
    for key in _prefixed_keys(data, QUIZ_PREFIX):
        qid = key[len(QUIZ_PREFIX):]
        if qid not in by_id:
            raise ExerciseError(_("The answer refers to a question that is not in this quiz. Reload the page "
                                  "and answer again."))
        number, question, answers = by_id[qid]
        picked = [a for a in data.getlist(key) if a != ""]
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
    missing = [str(number) for number, (qid, _q, _a) in enumerate(questions, 1) if qid not in chosen]
    if missing:
        raise ExerciseError(_("Answer every question before you submit. Missing: question %(numbers)s.")
                            % {"numbers": ", ".join(missing)})
    return chosen


def quiz_score(*, value, chosen: dict[str, list[str]]) -> tuple[int, int, bool]:
    questions = _quiz_questions(value)
    score = 0
    for qid, _question, answers in questions:
        correct = {aid for aid, answer in answers.items() if answer["correct"]}
        if set(chosen.get(qid, [])) == correct:
            score += 1
    max_score = len(questions)
    passed = max_score > 0 and score * 100 >= (value["pass_mark"] or 0) * max_score
    return score, max_score, passed


@transaction.atomic
def quiz_submit(*, person, lesson: LessonPage, block_id: str, data) -> QuizAttempt:
    found = find_exercise(lesson=lesson, block_id=block_id, block_type="quiz")
    _check_previous_attempt(QuizAttempt, person=person, lesson=lesson, block_id=block_id, data=data)
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


def quiz_feedback(*, value, attempt: QuizAttempt) -> list[dict]:
    """Per question: the learner's choices with the author's feedback, and which answers were right."""
    result = []
    for number, (qid, question, answers) in enumerate(_quiz_questions(value), 1):
        picked = set(attempt.answers.get(qid, []))
        correct_ids = {aid for aid, answer in answers.items() if answer["correct"]}
        result.append({
            "number": number,
            "question": question["question"],
            "explanation": question["explanation"],
            "correct": picked == correct_ids,
            "answers": [
                {"text": answer["text"], "chosen": aid in picked, "is_correct": answer["correct"],
                 "feedback": answer["feedback"] if aid in picked else ""}
                for aid, answer in answers.items()
            ],
        })
    return result


# --- Magnet board (also the "place the facts" task of a case exercise) --------------------------


def _cards(found: FoundBlock):
    field = "cards" if found.block_type == "magnet_board" else "facts"
    return [(card.id, card.value) for card in found.value[field].bound_blocks]


def magnet_parse(*, cards, data) -> dict[str, str]:
    by_id = {cid: number for number, (cid, _v) in enumerate(cards, 1)}
    placements = {}
    for key in _prefixed_keys(data, CARD_PREFIX):
        cid = key[len(CARD_PREFIX):]
        if cid not in by_id:
            raise ExerciseError(_("The answer refers to a card that is not on this board. Reload the page and "
                                  "try again."))
        values = [v for v in data.getlist(key) if v != ""]
        if len(values) > 1:
            raise ExerciseError(_("Card %(number)s is placed more than once.") % {"number": by_id[cid]})
        if values and values[0] not in ics_method.DIMENSIONS:
            raise ExerciseError(_("Card %(number)s is placed on a dimension that does not exist.")
                                % {"number": by_id[cid]})
        if values:
            placements[cid] = values[0]
    missing = [str(number) for cid, number in by_id.items() if cid not in placements]
    if missing:
        raise ExerciseError(_("Place every card before you check. Missing: card %(numbers)s.")
                            % {"numbers": ", ".join(missing)})
    return placements


@transaction.atomic
def magnet_submit(*, person, lesson: LessonPage, block_id: str, data) -> MagnetBoardAttempt:
    found = None
    for block_type in ("magnet_board", "case_exercise"):
        try:
            found = find_exercise(lesson=lesson, block_id=block_id, block_type=block_type)
            break
        except ExerciseError:
            continue
    if found is None or not _cards(found):
        raise ExerciseError(_("This exercise no longer exists on the page. Reload the page and try again."),
                            status=404)
    cards = _cards(found)
    _check_previous_attempt(MagnetBoardAttempt, person=person, lesson=lesson, block_id=block_id, data=data)
    placements = magnet_parse(cards=cards, data=data)
    results = {cid: placements[cid] == card["dimension"] for cid, card in cards}
    attempt = MagnetBoardAttempt(
        person=person, lesson=lesson, block_id=block_id, placements=placements, results=results,
        score=sum(results.values()), max_score=len(cards), submitted_at=timezone.now(),
    )
    attempt.full_clean()
    attempt.save()
    if found.block_type == "magnet_board":
        _notify(person=person, lesson=lesson, kind="magnet_board")
    return attempt


def magnet_feedback(*, cards, attempt: MagnetBoardAttempt | None) -> list[dict]:
    result = []
    for number, (cid, card) in enumerate(cards, 1):
        item = {"id": cid, "number": number, "text": card["text"], "placed": "", "placed_label": "",
                "checked": False}
        if attempt is not None and cid in attempt.placements:
            placed = attempt.placements[cid]
            item.update(
                placed=placed, placed_label=ics_method.dimension_label(placed), checked=True,
                correct=bool(attempt.results.get(cid)), correct_label=ics_method.dimension_label(card["dimension"]),
                explanation=card["explanation"],
            )
        result.append(item)
    return result


# --- Case exercise ------------------------------------------------------------------------------


def _case_tasks(value):
    return [(task.id, task.value) for task in value["tasks"].bound_blocks]


def case_parse(*, value, data) -> dict[str, str]:
    tasks = _case_tasks(value)
    by_id = {tid: number for number, (tid, _v) in enumerate(tasks, 1)}
    answers = {}
    for key in _prefixed_keys(data, TASK_PREFIX):
        tid = key[len(TASK_PREFIX):]
        if tid not in by_id:
            raise ExerciseError(_("The answer refers to a task that is not in this case. Reload the page and try "
                                  "again."))
        texts = data.getlist(key)
        if len(texts) != 1:
            raise ExerciseError(_("Task %(number)s has more than one answer.") % {"number": by_id[tid]})
        if len(texts[0]) > MAX_ANSWER_LENGTH:
            raise ExerciseError(_("The answer to task %(number)s is too long (at most %(max)s characters).")
                                % {"number": by_id[tid], "max": MAX_ANSWER_LENGTH})
        answers[tid] = texts[0].replace("\x00", "")
    return answers


@transaction.atomic
def case_save(*, person, lesson: LessonPage, block_id: str, data, submit: bool = False) -> CaseAnswer:
    """Save the learner's draft (autosave) or submit it. A submitted answer can no longer change."""
    found = find_exercise(lesson=lesson, block_id=block_id, block_type="case_exercise")
    answers = case_parse(value=found.value, data=data)
    posted_id = (data.get("answer") or "").strip()
    answer = (
        CaseAnswer.objects.select_for_update()
        .filter(person=person, lesson=lesson, block_id=block_id).first()
    )
    if posted_id:
        if not posted_id.isdigit() or answer is None or str(answer.pk) != posted_id:
            raise ExerciseError(_("This answer does not belong to you. Reload the page to continue with your own "
                                  "answer."), status=403)
    if answer is not None and answer.is_submitted:
        raise ExerciseError(_("You have already submitted this case; the answers can no longer be changed."),
                            status=409)
    if answer is None:
        answer = CaseAnswer(person=person, lesson=lesson, block_id=block_id, answers={})
    merged = dict(answer.answers)
    merged.update(answers)
    if not merged:
        raise ExerciseError(_("Write an answer to at least one task before saving."))
    answer.answers = merged
    answer.updated_at = timezone.now()
    if submit:
        empty = [str(number) for number, (tid, _t) in enumerate(_case_tasks(found.value), 1)
                 if not (merged.get(tid) or "").strip()]
        if empty:
            raise ExerciseError(_("Answer every task before you submit. Missing: task %(numbers)s.")
                                % {"numbers": ", ".join(empty)})
        answer.submitted_at = timezone.now()
    answer.full_clean()
    answer.save()
    if submit:
        _notify(person=person, lesson=lesson, kind="case_exercise")
    return answer


# --- What the lesson page shows --------------------------------------------------------------


def exercise_states(*, lesson: LessonPage, person, retry: str = "") -> dict[str, dict]:
    """The display state of every exercise block on the lesson for this person, keyed by block id
    (three queries whatever the number of blocks). Anonymous viewers get forms without state."""
    exercise_children = lesson.exercise_blocks()
    if not exercise_children:
        return {}
    authenticated = bool(person and person.is_authenticated)
    latest_quiz, latest_magnet, case_answers = {}, {}, {}
    if authenticated:
        for attempt in QuizAttempt.objects.filter(person=person, lesson=lesson).order_by("submitted_at", "pk"):
            latest_quiz[attempt.block_id] = attempt
        for attempt in MagnetBoardAttempt.objects.filter(person=person, lesson=lesson).order_by("submitted_at", "pk"):
            latest_magnet[attempt.block_id] = attempt
        case_answers = {a.block_id: a for a in CaseAnswer.objects.filter(person=person, lesson=lesson)}
    states = {}
    for child in exercise_children:
        found = FoundBlock(child.block_type, child.id, child.value, child)
        state = {"kind": child.block_type, "block_id": child.id, "lesson_id": lesson.pk,
                 "authenticated": authenticated}
        if child.block_type == "quiz":
            attempt = latest_quiz.get(child.id)
            state["action"] = reverse("courses:quiz_submit", args=[lesson.pk, child.id])
            state["attempt"] = attempt
            state["retry"] = retry == child.id
            if attempt is not None:
                state["feedback"] = quiz_feedback(value=child.value, attempt=attempt)
        elif child.block_type == "magnet_board":
            attempt = latest_magnet.get(child.id)
            state["action"] = reverse("courses:magnet_submit", args=[lesson.pk, child.id])
            state["attempt"] = attempt
            state["retry"] = retry == child.id
            state["cards"] = magnet_feedback(cards=_cards(found), attempt=attempt)
        else:
            answer = case_answers.get(child.id)
            state["save_action"] = reverse("courses:case_save", args=[lesson.pk, child.id])
            state["submit_action"] = reverse("courses:case_submit", args=[lesson.pk, child.id])
            state["answer"] = answer
            state["submitted"] = bool(answer and answer.is_submitted)
            state["tasks"] = [
                {"id": tid, "number": number, "task": task["task"],
                 "text": (answer.answers.get(tid, "") if answer else ""),
                 "model_answer": task["model_answer"] if answer and answer.is_submitted else None}
                for number, (tid, task) in enumerate(_case_tasks(child.value), 1)
            ]
            if _cards(found):
                attempt = latest_magnet.get(child.id)
                state["magnet_action"] = reverse("courses:magnet_submit", args=[lesson.pk, child.id])
                state["magnet_attempt"] = attempt
                state["magnet_retry"] = retry == child.id + "-fakta"
                state["cards"] = magnet_feedback(cards=_cards(found), attempt=attempt)
        states[child.id] = state
    return states
