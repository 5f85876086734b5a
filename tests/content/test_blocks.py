"""Block validation in the admin: Danish messages, nothing accepted that breaks the method."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from content import blocks
from content import method as ics_method


@pytest.fixture(autouse=True)
def danish():
    with translation.override("da"):
        yield


def _messages(error):
    return " ".join(str(m) for m in error.messages) if hasattr(error, "messages") else str(error)


def _all_errors(error):
    """Every message in a nested block validation error, as one string."""
    parts = []
    for attribute in ("non_block_errors", "block_errors"):
        value = getattr(error, attribute, None)
        if not value:
            continue
        items = value.values() if isinstance(value, dict) else value.as_data() if hasattr(value, "as_data") else value
        for item in items:
            parts.append(_all_errors(item))
    if not parts:
        parts.append(_messages(error))
    return " ".join(parts)


def test_ics_triangle_constant_has_three_sides_and_ten_dimensions():
    assert [side.label for side in ics_method.SIDES] == ["Barnets udvikling", "Forældrekompetencer", "Familie og netværk"]
    assert [len(side.dimensions) for side in ics_method.SIDES] == [4, 3, 3]
    assert len(ics_method.DIMENSIONS) == 10
    assert len(set(ics_method.DIMENSION_KEYS)) == 10


def test_triangle_default_holds_all_ten_dimensions_and_validates():
    block = blocks.TriangleBlock()
    value = block.to_python(block.get_prep_value(block.get_default()))
    assert [item["dimension"] for item in value["dimensions"]] == list(ics_method.DIMENSION_KEYS)
    block.clean(value)


def test_triangle_must_keep_its_three_sides():
    block = blocks.TriangleBlock()
    value = block.normalize({
        "title": "Trekanten", "introduction": "",
        "dimensions": [{"dimension": key, "text": "", "highlighted": False}
                       for key in ics_method.DIMENSION_KEYS if ics_method.DIMENSIONS[key].side != "familie-og-netvaerk"],
    })
    with pytest.raises(ValidationError) as caught:
        block.clean(value)
    message = _all_errors(caught.value)
    assert "tre sider" in message
    assert "Familie og netværk" in message


def test_triangle_refuses_a_dimension_twice():
    block = blocks.TriangleBlock()
    dims = [{"dimension": key, "text": "", "highlighted": False} for key in ics_method.DIMENSION_KEYS]
    dims.append({"dimension": "socialt-netvaerk", "text": "igen", "highlighted": False})
    with pytest.raises(ValidationError) as caught:
        block.clean(block.normalize({"title": "T", "introduction": "", "dimensions": dims}))
    assert "Socialt netværk" in _all_errors(caught.value)


def test_magnet_card_must_point_at_an_existing_dimension():
    block = blocks.MagnetBoardBlock()
    value = block.normalize({"title": "Magneter", "instructions": "", "cards": [
        {"text": "Et faktum", "dimension": "barnets-skostoerrelse", "explanation": ""},
    ]})
    with pytest.raises(ValidationError) as caught:
        block.clean(value)
    assert "ti dimensioner" in _all_errors(caught.value)


def test_magnet_board_with_valid_cards_passes():
    block = blocks.MagnetBoardBlock()
    block.clean(block.normalize({"title": "Magneter", "instructions": "", "cards": [
        {"text": "Et faktum", "dimension": "socialt-netvaerk", "explanation": ""},
    ]}))


def _quiz(answers, multiple=False):
    return {"title": "Quiz", "introduction": "", "pass_mark": 80, "questions": [
        {"question": "Hvad står i midten?", "multiple": multiple, "explanation": "",
         "answers": [{"text": text, "correct": correct, "feedback": ""} for text, correct in answers]},
    ]}


def test_quiz_question_needs_a_correct_answer():
    block = blocks.QuizBlock()
    with pytest.raises(ValidationError) as caught:
        block.clean(block.normalize(_quiz([("Barnet", False), ("Forældrene", False)])))
    message = _all_errors(caught.value)
    assert "mindst ét rigtigt svar" in message
    assert "Hvad står i midten?" in message


def test_single_choice_question_with_two_correct_answers_is_refused():
    block = blocks.QuizBlock()
    with pytest.raises(ValidationError):
        block.clean(block.normalize(_quiz([("Barnet", True), ("Barnets behov", True)])))
    # Marked as multiple choice, the same answers are fine.
    block.clean(block.normalize(_quiz([("Barnet", True), ("Barnets behov", True)], multiple=True)))


def test_image_needs_alt_text():
    block = blocks.ImageBlock()
    with pytest.raises(ValidationError) as caught:
        block.clean(block.normalize({"image": None, "alt_text": "  ", "caption": ""}))
    assert "alternativ tekst" in _all_errors(caught.value).lower()


def test_funnel_keeps_its_three_phases_in_order():
    block = blocks.FunnelBlock()
    phases = [{"phase": key, "questions": ["?"], "notes": ""} for key in ("hypoteser", "bekymring", "tragtning")]
    with pytest.raises(ValidationError):
        block.clean(block.normalize({"title": "Tragt", "case": "", "phases": phases}))


def test_empty_body_cannot_be_published_but_a_draft_may_be_saved():
    block = blocks.BaseStreamBlock(required=True)
    with pytest.raises(ValidationError) as caught:
        block.clean(block.normalize([]))
    assert "kan ikke udgives" in _all_errors(caught.value)
    block.defer_required_validation()
    block.clean(block.normalize([]))


@pytest.mark.parametrize("name", list(blocks.BaseStreamBlock.base_blocks))
def test_every_block_has_icon_template_label_help_and_preview(name):
    block = blocks.BaseStreamBlock.base_blocks[name]
    assert block.meta.icon and block.meta.icon != "placeholder"
    assert block.meta.template.startswith("content/blocks/")
    assert str(block.label)
    assert str(getattr(block.meta, "help_text", "") or "")
    assert block.get_preview_value() is not None


@pytest.mark.parametrize("name", ["triangle", "funnel", "magnet_board", "case_exercise", "quiz", "callout", "quote"])
def test_block_preview_renders(name):
    block = blocks.BaseStreamBlock.base_blocks[name]
    html = block.render(block.get_preview_value(), context={})
    assert "<" in html and len(html) > 100


def test_search_index_never_holds_the_answer_key():
    quiz = blocks.QuizBlock()
    value = quiz.normalize({"title": "Quiz", "introduction": "", "pass_mark": 80, "questions": [
        {"question": "Hvad står i midten?", "multiple": False, "explanation": "HEMMELIG-FORKLARING",
         "answers": [{"text": "Barnets behov", "correct": True, "feedback": "HEMMELIG-FEEDBACK"},
                     {"text": "Forældrene", "correct": False, "feedback": ""}]},
    ]})
    content = " ".join(quiz.get_searchable_content(value))
    assert "Hvad står i midten?" in content and "Barnets behov" in content
    assert "HEMMELIG" not in content
    case = blocks.CaseExerciseBlock()
    value = case.normalize({"title": "Case", "vignette": "<p>Emil (opdigtet)</p>", "facts": [],
                            "tasks": [{"task": "Hvad ser du?", "model_answer": "<p>HEMMELIGT-MODELSVAR</p>"}]})
    content = " ".join(case.get_searchable_content(value))
    assert "Hvad ser du?" in content and "HEMMELIGT" not in content
    board = blocks.MagnetBoardBlock()
    value = board.normalize({"title": "Tavle", "instructions": "", "cards": [
        {"text": "Kommer sulten i skole", "dimension": "trygt-omsorgsmiljoe", "explanation": "HEMMELIG"}]})
    content = " ".join(board.get_searchable_content(value))
    assert "Kommer sulten" in content and "HEMMELIG" not in content and "omsorgsmilj" not in content.lower()
