"""Template tags of the course pages: the learner's progress, the exercises' state and the local material.

    {% load learning_tags %}
    {% lesson_body page as parts %}               on a LessonPage: the body's parts (cached HTML or exercise)
    {% lesson_outline page as outline %}          on a LessonPage: breadcrumbs, module strip, previous/next
    {% lesson_exercises page as exercises %}      on a LessonPage: each exercise block's state by block id
    {% lesson_exercise page part exercises %}     on a LessonPage: one exercise part, rendered (cached per state)
    {% lesson_progress_controls page %}           on a LessonPage: progress and "Markér som gennemført"
    {% course_outline page as outline %}          on a CoursePage: its modules and lessons (CourseOutline)
    {% course_progress page %}                    on a CoursePage
    {% local_course_indexes as local_indexes %}   on the national CourseIndexPage: the viewer's local material

The page models import nothing from courses' selectors; these tags are where a page's template reads them.
"""

from django import template

from ..models import CoursePage, LessonPage, LessonProgress
from ..selectors import material
from ..selectors.catalogue import course_outline as course_outline_data
from ..selectors.catalogue import is_open_course
from ..selectors.completion import completion_rule_status
from ..selectors.exercises import exercise_states, exercises_missing_text, outstanding_exercises
from ..selectors.learner_records import course_records
from ..selectors.lesson_page import exercise_children, exercise_html, lesson_body_parts
from ..selectors.lesson_page import lesson_outline as lesson_outline_data
from ..selectors.progress import course_progress as course_progress_data
from ..selectors.progress import lesson_page_progress

register = template.Library()


@register.simple_tag(takes_context=True)
def lesson_exercises(context, page: LessonPage):
    request = context["request"]
    return exercise_states(lesson=page, person=request.user, retry=request.GET.get("igen", ""),
                           children=exercise_children(page, cached=not request.is_preview))


@register.simple_tag(takes_context=True)
def lesson_body(context, page: LessonPage):
    request = context["request"]
    return lesson_body_parts(page, context=context.flatten(), cached=not request.is_preview)


@register.simple_tag(takes_context=True)
def lesson_exercise(context, page: LessonPage, part, exercises):
    request = context["request"]
    return exercise_html(page, part, exercises.get(part.block_id), context=context.flatten(), request=request,
                         cached=not request.is_preview)


@register.simple_tag(takes_context=True)
def lesson_outline(context, page: LessonPage):
    request = context["request"]
    return lesson_outline_data(page, request=request, cached=not request.is_preview)


@register.simple_tag(takes_context=True)
def course_outline(context, page: CoursePage):
    return course_outline_data(page, request=context["request"])


@register.simple_tag(takes_context=True)
def local_course_indexes(context):
    return list(material.local_course_indexes(context["request"].user).select_related("municipality"))


@register.inclusion_tag("courses/learning/tag_lesson_controls.html", takes_context=True)
def lesson_progress_controls(context, page: LessonPage):
    """Progress and the completion buttons; "and continue" when the page's outline has a next lesson.
    Reads the course and its outline from `{% lesson_outline page as outline %}` (cached) and the
    exercises' state from `{% lesson_exercises page as exercises %}`: the button is offered only once
    they are done (the service refuses it before, too)."""
    request = context["request"]
    user = request.user
    outline = context.get("outline") or lesson_outline_data(page, request=request, cached=False)
    states = context.get("exercises")
    if states is None:
        states = exercise_states(lesson=page, person=user)
    outstanding = outstanding_exercises(states)
    course = outline["course_page"]
    result = {"lesson": page, "course": course, "request": request, "authenticated": user.is_authenticated,
              "has_next": bool(outline["next"])}
    if not user.is_authenticated or course is None:
        return result
    progress = lesson_page_progress(person=user, course=course, modules=outline["course_modules"])
    enrolled = progress.enrolment is not None
    result.update({
        "progress": progress,
        "enrolled": enrolled,
        "done": _lesson_done(progress, page, user),
        "open_course": not enrolled and is_open_course(course, viewer=user),  # shown only when not enrolled
        "outstanding": outstanding,
        "outstanding_text": exercises_missing_text(outstanding) if outstanding else "",
    })
    return result


def _lesson_done(progress, page, user) -> bool:
    """From the course's progress (already read); a query only for a lesson outside the course's live outline."""
    row = next((row for row in progress.lessons if row.lesson.pk == page.pk), None)
    if row is not None:
        return row.done
    return LessonProgress.objects.filter(person=user, lesson=page).exists()


@register.inclusion_tag("courses/learning/tag_course_progress.html", takes_context=True)
def course_progress(context, page: CoursePage):
    request = context["request"]
    user = request.user
    result = {"course": page, "request": request, "authenticated": user.is_authenticated,
              "open_course": is_open_course(page, viewer=user)}
    if user.is_authenticated:
        progress = course_progress_data(person=user, course=page, request=request)
        result.update({
            "progress": progress,
            "enrolled": progress.enrolment is not None,
            # The lessons done as course_progress read them just now (kept: no query).
            "rules": completion_rule_status(
                person=user, course=page,
                done_lesson_ids=course_records(person_id=user.pk, course_id=page.pk).done_lesson_ids,
            ) if progress.enrolment else None,
        })
    return result
