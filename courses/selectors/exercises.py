"""Reading the exercise blocks of a lesson (quiz, magnet board, case exercise) and the display state
the lesson page shows for a learner: their latest attempts with the author's feedback.

The answer key lives only in the lesson's StreamField on the server; courses.services.exercises
checks posts against it with the readers here.

A quiz's rules, read by the page and enforced by the service alike (`quiz_standing`): the correct
answers, the feedback and the explanations are shown once the learner has passed, or after the block's
number of attempts (`reveal_after`); before that, only whether each question was right (and, for a
question answered right, its feedback). After an attempt that did not pass, a new attempt waits for the
block's pause (`retry_pause` minutes).

A lesson's exercises are done (`outstanding_exercises`) when every quiz is passed, every magnet board
checked and every case exercise submitted; only then can the lesson be marked as completed."""

import datetime
import math
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from content import method as ics_method
from content.blocks import CARD_KINDS

from ..models import LessonPage, MagnetBoardAttempt, QuizAttempt
from .learner_records import lesson_attempts


def quiz_questions(value) -> list[tuple[str, dict, dict]]:
    """[(question_id, question_value, {answer_id: answer_value})] of a quiz block, in order."""
    questions = []
    for question in value["questions"].bound_blocks:
        answers = {answer.id: answer.value for answer in question.value["answers"].bound_blocks}
        questions.append((question.id, question.value, answers))
    return questions


def board_cards(block_type: str, value) -> list[tuple[str, dict]]:
    """[(card_id, card_value)] of a magnet board, or of a case exercise's "place the facts" task."""
    field = "cards" if block_type == "magnet_board" else "facts"
    return [(card.id, card.value) for card in value[field].bound_blocks]


def case_tasks(value) -> list[tuple[str, dict]]:
    """[(task_id, task_value)] of a case exercise."""
    return [(task.id, task.value) for task in value["tasks"].bound_blocks]


DEFAULT_REVEAL_AFTER = 3
DEFAULT_RETRY_PAUSE_MINUTES = 1


@dataclass(frozen=True)
class QuizStanding:
    """Where a learner stands with one quiz (see the module docstring)."""

    attempts_used: int
    passed: bool  # some attempt passed
    reveal_after: int
    retry_at: datetime.datetime | None  # a new attempt waits until then (None: it may be made now)

    @property
    def revealed(self) -> bool:
        return self.passed or self.attempts_used >= self.reveal_after

    @property
    def attempts_before_reveal(self) -> int:
        return 0 if self.revealed else self.reveal_after - self.attempts_used


def _setting(value, name, default, lowest):
    number = value.get(name)
    return default if number is None else max(lowest, int(number))


def quiz_standing(*, value, attempts, now=None) -> QuizStanding:
    """The learner's standing with a quiz block from their attempts at it (oldest first)."""
    now = now or timezone.now()
    reveal_after = _setting(value, "reveal_after", DEFAULT_REVEAL_AFTER, 1)
    pause = datetime.timedelta(minutes=_setting(value, "retry_pause", DEFAULT_RETRY_PAUSE_MINUTES, 0))
    passed = any(attempt.passed for attempt in attempts)
    retry_at = None
    if attempts and not passed and pause:
        retry_at = attempts[-1].submitted_at + pause
        if retry_at <= now:
            retry_at = None
    return QuizStanding(attempts_used=len(attempts), passed=passed, reveal_after=reveal_after, retry_at=retry_at)


def quiz_feedback(*, value, attempt: QuizAttempt, revealed: bool) -> list[dict]:
    """Per question: whether the learner's choices were right. Which answers are correct, the author's
    feedback and the explanation only once `revealed`, or for a question the learner got right."""
    result = []
    for number, (qid, question, answers) in enumerate(quiz_questions(value), 1):
        picked = set(attempt.answers.get(qid, []))
        correct_ids = {aid for aid, answer in answers.items() if answer["correct"]}
        correct = picked == correct_ids
        key = revealed or correct
        result.append({
            "number": number,
            "question": question["question"],
            "explanation": question["explanation"] if key else "",
            "correct": correct,
            "answers": [
                {"text": answer["text"], "chosen": aid in picked, "is_correct": key and answer["correct"],
                 "feedback": answer["feedback"] if key and aid in picked else ""}
                for aid, answer in answers.items()
            ],
        })
    return result


CARD_KIND_LABELS = dict(CARD_KINDS)


def magnet_feedback(*, cards, attempt: MagnetBoardAttempt | None) -> list[dict]:
    result = []
    for number, (cid, card) in enumerate(cards, 1):
        item = {"id": cid, "number": number, "text": card["text"], "placed": "", "placed_label": "",
                "checked": False}
        if attempt is not None and cid in attempt.placements:
            placed = attempt.placements[cid]
            kind, marked = card.get("kind") or "", (attempt.kinds or {}).get(cid, "")
            item.update(
                placed=placed, placed_label=ics_method.dimension_label(placed), checked=True,
                correct=bool(attempt.results.get(cid)), correct_label=ics_method.dimension_label(card["dimension"]),
                dimension_correct=placed == card["dimension"], explanation=card["explanation"],
                kind=kind, kind_label=CARD_KIND_LABELS.get(kind, ""), marked_label=CARD_KIND_LABELS.get(marked, ""),
                kind_correct=not kind or marked == kind,
            )
        result.append(item)
    return result


def exercise_states(*, lesson: LessonPage, person, retry: str = "", now=None, children=None) -> dict[str, dict]:
    """The display state of every exercise block on the lesson for this person, keyed by block id
    (at most three queries whatever the number of blocks: one per kind of exercise on it; none while the
    learner's records are kept, courses.selectors.learner_records). Anonymous viewers get forms without state.
    Each state has `title` and `done` (quiz passed, board checked, case submitted). `children`: the
    lesson's exercise blocks when the caller has them already (courses.selectors.lesson_page keeps them)."""
    now = now or timezone.now()
    exercise_children = lesson.exercise_blocks() if children is None else children
    if not exercise_children:
        return {}
    authenticated = bool(person and person.is_authenticated)
    kinds = {child.block_type for child in exercise_children}
    quiz_attempts, latest_magnet, case_answers = {}, {}, {}
    boards = "magnet_board" in kinds or any(
        child.block_type == "case_exercise" and board_cards(child.block_type, child.value) for child in exercise_children
    )  # a case's "place the facts" task is a magnet board
    if authenticated:
        attempts = lesson_attempts(person_id=person.pk, lesson_id=lesson.pk, quiz="quiz" in kinds, magnet=boards,
                                   case="case_exercise" in kinds)
        for attempt in attempts.quiz:
            quiz_attempts.setdefault(attempt.block_id, []).append(attempt)
        for attempt in attempts.magnet:
            latest_magnet[attempt.block_id] = attempt
        case_answers = {a.block_id: a for a in attempts.case}
    states = {}
    for child in exercise_children:
        state = {"kind": child.block_type, "block_id": child.id, "lesson_id": lesson.pk,
                 "authenticated": authenticated, "title": child.value["title"]}
        if child.block_type == "quiz":
            attempts = quiz_attempts.get(child.id, [])
            attempt = attempts[-1] if attempts else None
            standing = quiz_standing(value=child.value, attempts=attempts, now=now)
            state["action"] = reverse("courses:quiz_submit", args=[lesson.pk, child.id])
            state["attempt"] = attempt
            state["standing"] = standing
            state["done"] = standing.passed
            # The form again only when asked for and allowed (the service refuses an early attempt too).
            state["retry"] = retry == child.id and standing.retry_at is None
            state["retry_wait"] = math.ceil((standing.retry_at - now).total_seconds()) if standing.retry_at else 0
            if attempt is not None:
                state["feedback"] = quiz_feedback(value=child.value, attempt=attempt, revealed=standing.revealed)
        elif child.block_type == "magnet_board":
            attempt = latest_magnet.get(child.id)
            state["action"] = reverse("courses:magnet_submit", args=[lesson.pk, child.id])
            state["attempt"] = attempt
            state["retry"] = retry == child.id
            state["done"] = attempt is not None
            state["cards"] = magnet_feedback(cards=board_cards(child.block_type, child.value), attempt=attempt)
        else:
            answer = case_answers.get(child.id)
            state["save_action"] = reverse("courses:case_save", args=[lesson.pk, child.id])
            state["submit_action"] = reverse("courses:case_submit", args=[lesson.pk, child.id])
            state["answer"] = answer
            state["submitted"] = bool(answer and answer.is_submitted)
            state["done"] = state["submitted"]
            state["tasks"] = [
                {"id": tid, "number": number, "task": task["task"],
                 "text": (answer.answers.get(tid, "") if answer else ""),
                 "model_answer": task["model_answer"] if answer and answer.is_submitted else None}
                for number, (tid, task) in enumerate(case_tasks(child.value), 1)
            ]
            cards = board_cards(child.block_type, child.value)
            if cards:
                attempt = latest_magnet.get(child.id)
                state["magnet_action"] = reverse("courses:magnet_submit", args=[lesson.pk, child.id])
                state["magnet_attempt"] = attempt
                state["magnet_retry"] = retry == child.id + "-fakta"
                state["cards"] = magnet_feedback(cards=cards, attempt=attempt)
        states[child.id] = state
    return states


def state_fingerprint(state: dict) -> str | None:
    """Everything an exercise's rendering depends on besides the page revision and the language, as a
    short string (courses.selectors.lesson_page caches the rendering under it), or None when it also
    depends on the clock: a quiz whose retry pause is running shows the time left. Attempts are never
    changed once made, so an attempt's id stands for its content; a case answer changes in place and is
    named by its revision and times."""
    if not state["authenticated"]:
        return "anonymous"
    kind = state["kind"]
    if kind == "quiz":
        standing, attempt = state["standing"], state["attempt"]
        if standing.retry_at is not None:
            return None
        return f"quiz:{attempt.pk if attempt else 0}:{standing.attempts_used}:{standing.passed:d}:{state['retry']:d}"
    if kind == "magnet_board":
        attempt = state["attempt"]
        return f"magnet:{attempt.pk if attempt else 0}:{state['retry']:d}"
    answer, facts = state["answer"], state.get("magnet_attempt")
    saved = (f"{answer.pk}:{answer.revision}:{answer.updated_at.timestamp()}:"
             f"{answer.submitted_at.timestamp() if answer.submitted_at else 0}") if answer else "0"
    return f"case:{saved}:{facts.pk if facts else 0}:{state.get('magnet_retry', False):d}"


def outstanding_exercises(states: dict[str, dict]) -> list[dict]:
    """The exercises of a lesson not yet done, in page order, from `exercise_states` (no query):
    [{"kind", "title", "block_id"}]. Empty when the lesson holds no exercise or all are done."""
    return [{"kind": state["kind"], "title": state["title"], "block_id": state["block_id"]}
            for state in states.values() if not state.get("done")]


def outstanding_exercises_for(*, lesson: LessonPage, person) -> list[dict]:
    """`outstanding_exercises` read for one learner (at most three queries)."""
    return outstanding_exercises(exercise_states(lesson=lesson, person=person))


def exercises_missing_text(outstanding: list[dict]) -> str:
    """What is left before the lesson can be marked as completed, in one Danish sentence:
    "Du kan markere lektionen som gennemført, når du har bestået quizzen »…« og afleveret casen »…«."."""
    todo = {
        "quiz": _("passed the quiz »%(title)s«"),
        "case_exercise": _("submitted the case »%(title)s«"),
        "magnet_board": _("checked the magnet board »%(title)s«"),
    }
    items = [todo[item["kind"]] % {"title": item["title"]} for item in outstanding]
    listed = items[0] if len(items) == 1 else _("%(first)s and %(last)s") % {
        "first": ", ".join(items[:-1]), "last": items[-1]}
    return _("You can mark the lesson as completed once you have %(todo)s.") % {"todo": listed}
