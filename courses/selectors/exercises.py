"""Reading the exercise blocks of a lesson (quiz, magnet board, case exercise) and the display state
the lesson page shows for a learner: their latest attempts with the author's feedback.

The answer key lives only in the lesson's StreamField on the server; courses.services.exercises
checks posts against it with the readers here."""

from django.urls import reverse

from content import method as ics_method

from ..models import CaseAnswer, LessonPage, MagnetBoardAttempt, QuizAttempt


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
from content.blocks import CARD_KINDS
    return [(card.id, card.value) for card in value[field].bound_blocks]


def case_tasks(value) -> list[tuple[str, dict]]:
    """[(task_id, task_value)] of a case exercise."""
    return [(task.id, task.value) for task in value["tasks"].bound_blocks]


def quiz_feedback(*, value, attempt: QuizAttempt) -> list[dict]:
    """Per question: the learner's choices with the author's feedback, and which answers were right."""
    result = []
    for number, (qid, question, answers) in enumerate(quiz_questions(value), 1):
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
                dimension_correct=placed == card["dimension"], explanation=card["explanation"],
                kind=kind, kind_label=CARD_KIND_LABELS.get(kind, ""), marked_label=CARD_KIND_LABELS.get(marked, ""),
                kind_correct=not kind or marked == kind,
            )
        result.append(item)
    return result


def exercise_states(*, lesson: LessonPage, person, retry: str = "") -> dict[str, dict]:
    """The display state of every exercise block on the lesson for this person, keyed by block id
    (at most three queries whatever the number of blocks: one per kind of exercise on it). Anonymous viewers get forms without state."""
    exercise_children = lesson.exercise_blocks()
    if not exercise_children:
        return {}
    authenticated = bool(person and person.is_authenticated)
    kinds = {child.block_type for child in exercise_children}
    latest_quiz, latest_magnet, case_answers = {}, {}, {}
    if authenticated and "quiz" in kinds:
        for attempt in QuizAttempt.objects.filter(person=person, lesson=lesson).order_by("submitted_at", "pk"):
            latest_quiz[attempt.block_id] = attempt
    boards = "magnet_board" in kinds or any(
        child.block_type == "case_exercise" and board_cards(child.block_type, child.value) for child in exercise_children
    )  # a case's "place the facts" task is a magnet board
    if authenticated and boards:
        for attempt in MagnetBoardAttempt.objects.filter(person=person, lesson=lesson).order_by("submitted_at", "pk"):
            latest_magnet[attempt.block_id] = attempt
    if authenticated and "case_exercise" in kinds:
        case_answers = {a.block_id: a for a in CaseAnswer.objects.filter(person=person, lesson=lesson)}
    states = {}
    for child in exercise_children:
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
            state["cards"] = magnet_feedback(cards=board_cards(child.block_type, child.value), attempt=attempt)
        else:
            answer = case_answers.get(child.id)
            state["save_action"] = reverse("courses:case_save", args=[lesson.pk, child.id])
            state["submit_action"] = reverse("courses:case_submit", args=[lesson.pk, child.id])
            state["answer"] = answer
            state["submitted"] = bool(answer and answer.is_submitted)
            state["tasks"] = [
CARD_KIND_LABELS = dict(CARD_KINDS)


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
