"""Template hooks for the course and lesson pages: progress and the "Markér som gennemført" button.

    {% load learning_tags %}
    {% lesson_progress_controls page %}   on a LessonPage
    {% course_progress page %}            on a CoursePage (or a ModulePage: its course)
"""

from django import template

from .. import selectors
from ..models import CoursePage, Enrolment, LessonProgress

register = template.Library()


@register.inclusion_tag("courses/learning/tag_lesson_controls.html", takes_context=True)
def lesson_progress_controls(context, page):
    request = context.get("request")
    user = getattr(request, "user", None)
    course = selectors.course_for_lesson(page)
    result = {"lesson": page, "course": course, "request": request, "authenticated": bool(user and user.is_authenticated)}
    if not result["authenticated"] or course is None:
        return result
    progress = selectors.course_progress(person=user, course=course, request=request)
    rows = progress.lessons
    ids = [row.lesson.pk for row in rows]
    index = ids.index(page.pk) if page.pk in ids else None
    result.update({
        "progress": progress,
        "enrolled": progress.enrolment is not None,
        "done": LessonProgress.objects.filter(person=user, lesson=page).exists(),
        "open_course": selectors.is_open_course(course, viewer=user),
        "previous": rows[index - 1] if index else None,
        "next": rows[index + 1] if index is not None and index + 1 < len(rows) else None,
    })
    return result


@register.inclusion_tag("courses/learning/tag_course_progress.html", takes_context=True)
def course_progress(context, page):
    request = context.get("request")
    user = getattr(request, "user", None)
    course = page if isinstance(page, CoursePage) else CoursePage.objects.ancestor_of(page).first()
    result = {"course": course, "request": request, "authenticated": bool(user and user.is_authenticated)}
    if course is None:
        return result
    result["open_course"] = selectors.is_open_course(course, viewer=user if result["authenticated"] else None)
    if result["authenticated"]:
        progress = selectors.course_progress(person=user, course=course, request=request)
        result.update({
            "progress": progress,
            "enrolled": progress.enrolment is not None,
            "rules": selectors.completion_rule_status(person=user, course=course)
            if Enrolment.objects.filter(person=user, course=course).exists() else None,
        })
    return result


@register.inclusion_tag("courses/learning/tag_profile_certificates.html", takes_context=True)
def profile_certificates(context):
    """The person's certificates and the "my data" downloads, for the profile page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"certificates": []}
    return {"certificates": list(selectors.own_completions(person=user))}
