"""The learner: their courses, enrolling in an open course, marking a lesson completed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from web.forms import error_text
from web.redirects import redirect_next

from ..models import CoursePage, LessonPage
from ..selectors.catalogue import open_courses
from ..selectors.completion import own_completions
from ..selectors.progress import course_progress
from ..selectors.progress import my_courses as my_courses_data
from ..services.enrolment import enrolment_self
from ..services.progress import lesson_complete as lesson_complete_service


@login_required
def my_courses(request):
    data = my_courses_data(person=request.user, request=request)
    enrolled = {p.course.pk for p in data["courses"]}
    return render(request, "courses/learning/my_courses.html", {
        **data,
        "open_courses": [c for c in open_courses(request.user) if c.pk not in enrolled],
        "certificates": own_completions(person=request.user),
    })


@login_required
@require_POST
def enrol(request, course_id):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        enrolment_self(person=request.user, course=course)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("You are enrolled in “%(course)s”.") % {"course": course.title})
    return redirect_next(request, "courses:my_courses")


@login_required
@require_POST
def lesson_complete(request, lesson_id):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    back = lesson.get_url(request) or "courses:my_courses"
    try:
        lesson_complete_service(person=request.user, lesson=lesson)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect_next(request, back)
    messages.success(request, _("The lesson “%(lesson)s” is marked as completed.") % {"lesson": lesson.title})
    progress = course_progress(person=request.user, course=lesson.course, request=request)
    if progress.completion and progress.completion.completed_on == timezone.localdate():
        messages.success(request, _("You have completed the course. Your certificate is ready under My courses."))
    nxt = progress.next_lesson
    if request.POST.get("continue") and nxt and nxt.url:
        return redirect(nxt.url)
    return redirect_next(request, back)
