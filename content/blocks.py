"""The teaching-material toolbox: every StreamField block of ICS Akademi and the one shared
StreamBlock pages are built from.

Each block's Meta carries an icon, a template, a Danish label (through gettext), help text and a
preview value, so editors see a real example in the block chooser. Validation messages are Danish and
say what is wrong and where.

The exercise blocks (magnet board, case exercise, quiz) only describe the exercise and its answer
key. Checking and storing a learner's answers is the courses app's job (courses);
their templates render the answer key only once the learner has answered (the template gets an
``ex`` context prepared by the lesson page; without it the block renders as a preview).
"""

import uuid

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from . import method as ics_method
from . import triangle_layout

RICH_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
SHORT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


def _struct_error(message, field=None):
    error = ValidationError(message)
    if field:
        return StructBlockValidationError(block_errors={field: error})
    return StructBlockValidationError(non_block_errors=ErrorList([error]))


def _uid(parent_context):
    """A stable id prefix for the block's HTML: the StreamField block id when the page passes it."""
    block_id = (parent_context or {}).get("block_id") or (parent_context or {}).get("id")
    return str(block_id) if block_id else f"preview-{uuid.uuid4().hex[:8]}"


def _searchable(block, value, names):
    content = []
    for name in names:
        content.extend(block.child_blocks[name].get_searchable_content(value[name]))
    return content


class UidMixin:
    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["uid"] = _uid(parent_context)
        return context


# --- Text and media ---------------------------------------------------------------------------

class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "content/blocks/rich_text.html"
        preview_template = "content/blocks/preview.html"
        label = _("Text")
        help_text = _("Running text with headings, lists and links.")
        description = _("Running text with headings, lists and links.")
        preview_value = (
            "<h3>Barnet i centrum</h3><p>I ICS står barnets behov i midten. Alt, hvad vi ved om barnet og "
            "familien, placeres på en af trekantens ti dimensioner – både ressourcer og problemer.</p>"
        )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"), max_length=250,
        help_text=_("Describe what the image shows for someone who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "content/blocks/image.html"
        preview_template = "content/blocks/preview.html"
        label = _("Image")
        help_text = _("An image with a required alternative text and an optional caption.")
        description = _("An image with a required alternative text and an optional caption.")
        preview_value = {"image": None, "alt_text": "Tegning af ICS-trekanten med barnet i midten", "caption": ""}

    def clean(self, value):
        if not (value.get("alt_text") or "").strip():
            raise _struct_error(
                _("Write an alternative text: describe what the image shows for someone who cannot see it."),
                "alt_text",
            )
        return super().clean(value)


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    # A link rather than an embedded player: the site's Content-Security-Policy allows no third-party
    # frames, and the learner should choose to leave the site. The transcript carries the content.
    video = blocks.URLBlock(label=_("Video address"), help_text=_("A link to the video, e.g. on YouTube or Vimeo."))
    duration = blocks.CharBlock(label=_("Duration"), required=False, max_length=20, help_text=_("E.g. 6 min."))
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), features=SHORT_FEATURES,
        help_text=_("Everything said and shown in the video, for those who cannot hear or see it. Required."),
    )

    class Meta:
        icon = "media"
        template = "content/blocks/video.html"
        preview_template = "content/blocks/preview.html"
        label = _("Video with transcript")
        help_text = _("A video from an external service with a required transcript.")
        description = _("A video from an external service with a required transcript.")
        preview_value = {
            "title": "Sådan bruger et team ICS-magneterne",
            "video": None,
            "duration": "5 min.",
            "transcript": "<p>Teamet samles om tavlen. Sagsbehandleren læser de nye oplysninger op, og "
                          "kollegerne placerer dem på trekantens dimensioner …</p>",
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), max_length=200, help_text=_("Say what the document is."))
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        template = "content/blocks/document.html"
        preview_template = "content/blocks/preview.html"
        label = _("Document download")
        help_text = _("A document the learner can download, such as a question guide.")
        description = _("A document the learner can download, such as a question guide.")
        preview_value = {"document": None, "title": "Spørgeguide til tragtmodellen",
                         "description": "To sider til morgenmødet."}


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"), default="tip",
        choices=[("tip", _("Tip")), ("remember", _("Remember")), ("important", _("Important")),
                 ("reflection", _("Reflection"))],
    )
    title = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=SHORT_FEATURES)

    class Meta:
        icon = "warning"
        template = "content/blocks/callout.html"
        preview_template = "content/blocks/preview.html"
        label = _("Callout")
        help_text = _("A highlighted box: a tip, something to remember, something important or a question "
                      "for reflection.")
        description = _("A highlighted box for tips, reminders and reflection questions.")
        preview_value = {"kind": "reflection", "title": "Til eftertanke",
                         "text": "<p>Hvornår har du sidst skrevet en ressource ned i en underretningssag?</p>"}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    source = blocks.CharBlock(label=_("Source"), required=False, max_length=200)
    # Invented words are never presented as a source's own: an example is labelled as one.
    example = blocks.BooleanBlock(
        label=_("Invented example"), required=False,
        help_text=_("Tick when the words are an example written for the course, not someone's actual words. "
                    "The page then labels it as an example."),
    )

    class Meta:
        icon = "openquote"
        template = "content/blocks/quote.html"
        preview_template = "content/blocks/preview.html"
        label = _("Quote")
        help_text = _("A quotation with its source.")
        description = _("A quotation with its source.")
        preview_value = {"quote": "Vi skal ikke vide alt om familien – vi skal vide det, der er nødvendigt.",
                         "source": "En superbruger", "example": True}


# --- The ICS triangle -------------------------------------------------------------------------

class TriangleDimensionBlock(blocks.StructBlock):
    dimension = blocks.ChoiceBlock(label=_("Dimension"), choices=ics_method.dimension_choices)
    text = blocks.RichTextBlock(label=_("Text"), features=SHORT_FEATURES, required=False)
    highlighted = blocks.BooleanBlock(
        label=_("Highlight"), required=False, help_text=_("Draw attention to this dimension."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Dimension")

    def clean(self, value):
        if value.get("dimension") not in ics_method.DIMENSIONS:
            raise _struct_error(_("Choose one of the ten dimensions of the ICS triangle."), "dimension")
        return super().clean(value)


def _default_triangle_dimensions():
    return [{"dimension": key, "text": "", "highlighted": False} for key in ics_method.DIMENSION_KEYS]


class TriangleBlock(UidMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("Heading"), max_length=200, default="ICS-trekanten")
    introduction = blocks.RichTextBlock(label=_("Introduction"), features=SHORT_FEATURES, required=False)
    dimensions = blocks.ListBlock(
        TriangleDimensionBlock(), label=_("Dimensions"), default=_default_triangle_dimensions(),
        help_text=_("Write a text for each dimension. The triangle must keep all three sides."),
    )

    class Meta:
        icon = "pick"
        template = "content/blocks/triangle.html"
        preview_template = "content/blocks/preview.html"
        label = _("ICS triangle")
        help_text = _("The ICS triangle with its three sides and ten dimensions; each dimension opens the text "
                      "you write for it.")
        description = _("The ICS triangle as an interactive figure where each dimension opens its text.")
        preview_value = {
            "title": "ICS-trekanten",
            "introduction": "<p>Barnets behov står i midten.</p>",
            "dimensions": [
                {"dimension": key, "highlighted": key == "trygt-omsorgsmiljoe",
                 "text": f"<p>Hvad ved vi om {ics_method.DIMENSIONS[key].label.lower()}?</p>"}
                for key in ics_method.DIMENSION_KEYS
            ],
        }

    def clean(self, value):
        keys = [item.get("dimension") for item in value.get("dimensions") or []]
        duplicates = sorted({ics_method.dimension_label(k) for k in keys if keys.count(k) > 1})
        if duplicates:
            raise _struct_error(
                _("Each dimension may appear only once in the triangle: %(dimensions)s.")
                % {"dimensions": ", ".join(duplicates)}
            )
        sides_present = {ics_method.DIMENSIONS[k].side for k in keys if k in ics_method.DIMENSIONS}
        missing = [side.label for side in ics_method.SIDES if side.key not in sides_present]
        if missing:
            raise _struct_error(
                _("The triangle must keep its three sides. Add at least one dimension for: %(sides)s.")
                % {"sides": ", ".join(missing)}
            )
        return super().clean(value)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["sides"] = triangle_layout.triangle_layout(value)
        context["outline"] = triangle_layout.outline()
        return context


# --- The funnel model -------------------------------------------------------------------------

class FunnelPhaseBlock(blocks.StructBlock):
    phase = blocks.ChoiceBlock(
        label=_("Phase"), choices=[(key, label) for key, label, _q in ics_method.FUNNEL_PHASES],
    )
    questions = blocks.ListBlock(blocks.CharBlock(label=_("Question")), label=_("Guiding questions"))
    notes = blocks.RichTextBlock(label=_("Notes for this case"), features=SHORT_FEATURES, required=False)

    class Meta:
        icon = "list-ol"
        label = _("Phase")


def _default_funnel_phases():
    return [{"phase": key, "questions": list(questions), "notes": ""} for key, _l, questions in ics_method.FUNNEL_PHASES]


class FunnelBlock(UidMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("Heading"), max_length=200, default="Tragtmodellen")
    case = blocks.RichTextBlock(
        label=_("The case"), features=SHORT_FEATURES, required=False,
        help_text=_("A fictional notification or case the funnel is worked through on. Never real child data."),
    )
    phases = blocks.ListBlock(FunnelPhaseBlock(), label=_("Phases"), default=_default_funnel_phases())

    class Meta:
        icon = "order-down"
        template = "content/blocks/funnel.html"
        preview_template = "content/blocks/preview.html"
        label = _("Funnel model")
        help_text = _("The funnel model's three phases with guiding questions and your notes, shown one phase "
                      "at a time.")
        description = _("The funnel model as a stepper: concern, hypotheses, funnelling.")
        preview_value = {
            "title": "Tragtmodellen på en underretning",
            "case": "<p>Skolen underretter om Emil på 9 år, der ofte kommer sulten i skole.</p>",
            "phases": [
                {"phase": key, "questions": list(questions), "notes": ""}
                for key, _l, questions in ics_method.FUNNEL_PHASES
            ],
        }

    def clean(self, value):
        keys = [phase.get("phase") for phase in value.get("phases") or []]
        if keys != list(ics_method.FUNNEL_PHASE_KEYS):
            raise _struct_error(
                _("The funnel has exactly three phases in this order: concern, hypotheses, funnelling.")
            )
        return super().clean(value)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["phases"] = [
            {"number": number, "key": phase["phase"], "label": ics_method.FUNNEL_PHASE_LABELS.get(phase["phase"], ""),
             "questions": list(phase["questions"]), "notes": phase["notes"]}
            for number, phase in enumerate(value["phases"], 1)
        ]
        return context


# --- Magnets ----------------------------------------------------------------------------------

CARD_KINDS = (("resource", _("Resource")), ("concern", _("Concern")))
CARD_KIND_KEYS = tuple(key for key, _label in CARD_KINDS)


class MagnetCardBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Fact"), max_length=300, help_text=_("One piece of information from the case."))
    dimension = blocks.ChoiceBlock(label=_("Correct dimension"), choices=ics_method.dimension_choices)
    kind = blocks.ChoiceBlock(
        label=_("Resource or concern"), choices=CARD_KINDS, required=False,
        help_text=_("Optional. A marked card also asks the learner whether the fact is a resource or a concern; "
                    "the checked board shows the two apart."),
    )
    explanation = blocks.TextBlock(
        label=_("Explanation"), required=False, help_text=_("Shown after the learner has checked the board."),
    )

    class Meta:
        icon = "tag"
        label = _("Magnet card")

    def clean(self, value):
        if value.get("dimension") not in ics_method.DIMENSIONS:
            raise _struct_error(
                _("The card must point at one of the ten dimensions of the ICS triangle."), "dimension"
            )
        return super().clean(value)


def magnet_cards_plain(cards):
    """The cards without their correct dimension or kind (those stay on the server); `ask_kind` says
    whether the learner is asked if the fact is a resource or a concern."""
    return [{"id": card.id, "number": number, "text": card.value["text"], "ask_kind": bool(card.value.get("kind"))}
            for number, card in enumerate(cards.bound_blocks, 1)]


class MagnetBoardBlock(UidMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("Heading"), max_length=200)
    instructions = blocks.RichTextBlock(label=_("Instructions"), features=SHORT_FEATURES, required=False)
    cards = blocks.ListBlock(MagnetCardBlock(), label=_("Magnet cards"), min_num=1)

    class Meta:
        icon = "grip"
        template = "content/blocks/magnet_board.html"
        preview_template = "content/blocks/preview.html"
        label = _("Magnet board")
        help_text = _("Cards with facts the learner places on the dimensions of the triangle, by dragging or "
                      "by keyboard. The server checks each card.")
        description = _("Place the facts of a case on the triangle's dimensions.")
        preview_value = {
            "title": "Placér oplysningerne",
            "instructions": "<p>Træk hvert kort hen på den dimension, det hører til.</p>",
            "cards": [
                {"text": "Emil kommer ofte sulten i skole", "dimension": "trygt-omsorgsmiljoe", "kind": "concern",
                 "explanation": ""},
                {"text": "Emil spiller fodbold to gange om ugen", "dimension": "fritid-og-venskaber",
                 "kind": "resource", "explanation": ""},
            ],
        }

    def get_searchable_content(self, value):
        """Title, instructions and card texts; never the correct dimensions or explanations."""
        return _searchable(self, value, ["title", "instructions"]) + [card["text"] for card in value["cards"]]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["cards_plain"] = magnet_cards_plain(value["cards"])
        context["ask_kinds"] = any(card["ask_kind"] for card in context["cards_plain"])
        context["sides"] = ics_method.SIDES
        return context

    def clean(self, value):
        if not value.get("cards"):
            raise _struct_error(_("Add at least one magnet card."))
        return super().clean(value)


# --- Case exercise ----------------------------------------------------------------------------

class CaseTaskBlock(blocks.StructBlock):
    task = blocks.TextBlock(label=_("Task"))
    model_answer = blocks.RichTextBlock(
        label=_("Model answer"), features=SHORT_FEATURES,
        help_text=_("Shown only after the learner has submitted."),
    )

    class Meta:
        icon = "help"
        label = _("Task")


class CaseExerciseBlock(UidMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("Heading"), max_length=200)
    vignette = blocks.RichTextBlock(
        label=_("Case vignette"), features=SHORT_FEATURES,
        help_text=_("A fictional case. Never real child or family data, never a CPR number."),
    )
    tasks = blocks.ListBlock(CaseTaskBlock(), label=_("Tasks"), min_num=1)
    facts = blocks.ListBlock(
        MagnetCardBlock(), label=_("Place the facts on the triangle (optional)"), required=False, default=[],
        help_text=_("Optional: facts from the case the learner places on the triangle, as on a magnet board."),
    )

    class Meta:
        icon = "clipboard-list"
        template = "content/blocks/case_exercise.html"
        preview_template = "content/blocks/preview.html"
        label = _("Case exercise")
        help_text = _("A fictional case with tasks. The learner's answers are saved while they write and can be "
                      "changed until submitted; then your model answer is shown.")
        description = _("A case vignette with tasks and model answers.")
        preview_value = {
            "title": "Case: Emil på 9 år",
            "vignette": "<p>Skolen underretter om Emil, der ofte kommer sulten i skole …</p>",
            "tasks": [{"task": "Hvad er bekymringen – og hvem er bekymret?",
                       "model_answer": "<p>Skolen er bekymret for …</p>"}],
            "facts": [],
        }

    def get_searchable_content(self, value):
        """The case and its tasks; never the model answers or the facts' dimensions."""
        return (_searchable(self, value, ["title", "vignette"]) + [task["task"] for task in value["tasks"]]
                + [card["text"] for card in value.get("facts") or []])

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["tasks_plain"] = [
            {"id": task.id, "number": number, "task": task.value["task"], "text": "", "model_answer": None}
            for number, task in enumerate(value["tasks"].bound_blocks, 1)
        ]
        context["cards_plain"] = magnet_cards_plain(value["facts"]) if value.get("facts") else []
        context["ask_kinds"] = any(card["ask_kind"] for card in context["cards_plain"])
        context["sides"] = ics_method.SIDES
        return context

    def clean(self, value):
        if not value.get("tasks"):
            raise _struct_error(_("Add at least one task."))
        return super().clean(value)


# --- Quiz -------------------------------------------------------------------------------------

class QuizAnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.TextBlock(
        label=_("Feedback"), required=False,
        help_text=_("Shown when this answer was chosen, once the question is answered correctly or the correct "
                    "answers are shown."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Answer")


class QuizQuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"))
    multiple = blocks.BooleanBlock(
        label=_("Several answers may be correct"), required=False,
        help_text=_("Ticked: the learner chooses every correct answer (check boxes). Otherwise one answer."),
    )
    answers = blocks.ListBlock(QuizAnswerBlock(), label=_("Answers"), min_num=2)
    explanation = blocks.TextBlock(label=_("Explanation"), required=False,
                                   help_text=_("Shown once the question is answered correctly or the correct "
                                               "answers are shown."))

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        answers = value.get("answers") or []
        correct = sum(1 for answer in answers if answer.get("correct"))
        if len(answers) < 2:
            raise _struct_error(_("A question needs at least two answers."), "answers")
        if correct == 0:
            raise _struct_error(
                _("The question “%(question)s” needs at least one correct answer.")
                % {"question": (value.get("question") or "")[:80]}
            )
        if correct > 1 and not value.get("multiple"):
            raise _struct_error(
                _("The question “%(question)s” has several correct answers: tick “Several answers "
                  "may be correct” or keep one correct answer.") % {"question": (value.get("question") or "")[:80]}
            )
        return super().clean(value)


class QuizBlock(UidMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("Heading"), max_length=200)
    introduction = blocks.RichTextBlock(label=_("Introduction"), features=SHORT_FEATURES, required=False)
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"), min_value=1, max_value=100, default=80,
        help_text=_("The share of questions that must be answered correctly to pass."),
    )
    questions = blocks.ListBlock(QuizQuestionBlock(), label=_("Questions"), min_num=1)
    reveal_after = blocks.IntegerBlock(
        label=_("Show the correct answers after (attempts)"), min_value=1, max_value=10, default=3,
        help_text=_("A learner sees the correct answers, the feedback and the explanations once they pass, or "
                    "after this many attempts without passing. Before that they see only which questions were "
                    "right."),
    )
    retry_pause = blocks.IntegerBlock(
        label=_("Pause before a new attempt (minutes)"), min_value=0, max_value=60, default=1,
        help_text=_("After an attempt that did not pass, the learner can try again when this many minutes have "
                    "passed (0: at once)."),
    )

    class Meta:
        icon = "tick-inverse"
        template = "content/blocks/quiz.html"
        preview_template = "content/blocks/preview.html"
        label = _("Quiz")
        help_text = _("Single- and multiple-choice questions with feedback per answer and a pass mark. Scored on "
                      "the server.")
        description = _("Questions with feedback and a pass mark.")
        preview_value = {
            "title": "Test dig selv",
            "introduction": "",
            "pass_mark": 80,
            "reveal_after": 3,
            "retry_pause": 1,
            "questions": [{
                "question": "Hvor mange dimensioner har ICS-trekanten?",
                "multiple": False,
                "explanation": "",
                "answers": [{"text": "Syv", "correct": False, "feedback": ""},
                            {"text": "Ti", "correct": True, "feedback": ""}],
            }],
        }

    def get_searchable_content(self, value):
        """Questions and answer texts; never which answers are correct, the feedback or explanations."""
        content = _searchable(self, value, ["title", "introduction"])
        for question in value["questions"]:
            content.append(question["question"])
            content.extend(answer["text"] for answer in question["answers"])
        return content

    def get_context(self, value, parent_context=None):
        """The questions without the answer key: which answers are correct, the feedback and the
        explanations reach the page only through the learner's checked attempt."""
        context = super().get_context(value, parent_context=parent_context)
        context["questions_plain"] = [
            {"id": question.id, "number": number, "question": question.value["question"],
             "multiple": bool(question.value["multiple"]),
             "answers": [{"id": answer.id, "text": answer.value["text"]}
                         for answer in question.value["answers"].bound_blocks]}
            for number, question in enumerate(value["questions"].bound_blocks, 1)
        ]
        return context

    def clean(self, value):
        if not value.get("questions"):
            raise _struct_error(_("Add at least one question."))
        return super().clean(value)


# --- The shared StreamBlock -------------------------------------------------------------------

class BaseStreamBlock(blocks.StreamBlock):
    """Every block a page of teaching material can hold."""

    paragraph = RichTextBlock()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    quote = QuoteBlock()
    triangle = TriangleBlock()
    funnel = FunnelBlock()
    magnet_board = MagnetBoardBlock()
    case_exercise = CaseExerciseBlock()
    quiz = QuizBlock()

    class Meta:
        block_counts = {}

    def clean(self, value):
        if self.required and not self.is_deferred_validation and len(value) == 0:
            raise StreamBlockValidationError(non_block_errors=ErrorList([ValidationError(
                _("Add at least one block of content: a page without content cannot be published.")
            )]))
        return super().clean(value)


EXERCISE_BLOCK_TYPES = ("magnet_board", "case_exercise", "quiz")

