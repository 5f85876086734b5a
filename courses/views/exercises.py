"""Thin views for the exercise blocks' posts (quiz, magnet board, case exercise). Scoring and saving
happen in courses.services.exercises; the display state comes from courses.selectors.exercises.

Each exercise post answers with JSON (the block re-rendered, for the progressive-enhancement script)
when the browser asks for JSON, and with a redirect back to the block otherwise (no JavaScript).
A case draft's save answers with the server's saved time ("Gemt kl. 10.42"), also when the same text
arrives twice; a refused post answers with its Danish message and status (400, 403, 404, 409, 429)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import LessonPage
from ..selectors.exercises import exercise_states
from ..selectors.material import material_visible_to
from ..services import exercises
from ..templatetags.learning_tags import lesson_progress_controls


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _lesson_or_404(request, lesson_id):
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None or not material_visible_to(lesson, request.user):
        raise Http404
    # Pages under a view restriction (e.g. a group) stay closed to those it does not admit.
    for restriction in lesson.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404
    return lesson


def _block_url(lesson, block_id, retry=False):
    query = f"?igen={block_id}" if retry else ""
    return f"{lesson.url}{query}#blk-{block_id}"


def _render_block(request, lesson, block_id) -> dict:
    """The block re-rendered with the learner's new state, and the lesson's progress controls (the
    completion button is offered once the exercises are done)."""
    states = exercise_states(lesson=lesson, person=request.user)
    html = ""
    for child in lesson.body:
        if child.id == block_id:
            html = child.render(context={
                "ex": states.get(block_id), "block_id": block_id, "page": lesson, "request": request,
                "csrf_token": get_token(request), "user": request.user,
            })
            break
    controls_context = lesson_progress_controls({"request": request, "exercises": states}, lesson)
    controls = render_to_string("courses/learning/tag_lesson_controls.html", controls_context, request=request)
    return {"html": html, "controls": controls}


def _error(request, lesson, block_id, error):
    if _wants_json(request):
        return JsonResponse({"ok": False, "error": error.message}, status=error.status)
    messages.error(request, error.message)
    return redirect(_block_url(lesson, block_id, retry=True))


def _scored_submit(request, lesson_id, block_id, *, submit, summary, json_extra):
    """Check a quiz or magnet board on the server; answer JSON for the script, else redirect back."""
    lesson = _lesson_or_404(request, lesson_id)
    try:
        attempt = submit(person=request.user, lesson=lesson, block_id=block_id, data=request.POST)
    except exercises.ExerciseError as error:
        return _error(request, lesson, block_id, error)
    message = summary % {"score": attempt.score, "max": attempt.max_score}
    if _wants_json(request):
        return JsonResponse({"ok": True, "score": attempt.score, "max_score": attempt.max_score,
                             **json_extra(attempt), "message": message,
                             **_render_block(request, lesson, block_id)})
    messages.success(request, message)
    return redirect(_block_url(lesson, block_id))


@login_required
@require_POST
def quiz_submit(request, lesson_id, block_id):
    return _scored_submit(
        request, lesson_id, block_id, submit=exercises.quiz_submit,
        summary=_("%(score)s of %(max)s correct."), json_extra=lambda attempt: {"passed": attempt.passed},
    )


@login_required
@require_POST
def magnet_submit(request, lesson_id, block_id):
    return _scored_submit(
        request, lesson_id, block_id, submit=exercises.magnet_submit,
        summary=_("%(score)s of %(max)s cards placed correctly."),
        json_extra=lambda attempt: {"results": attempt.results},
    )


def _case(request, lesson_id, block_id, submit):
    lesson = _lesson_or_404(request, lesson_id)
    try:
        saved = exercises.case_save(person=request.user, lesson=lesson, block_id=block_id,
                                    data=request.POST, submit=submit)
    except exercises.ExerciseError as error:
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": error.message}, status=error.status)
        messages.error(request, error.message)
        return redirect(_block_url(lesson, block_id))
    answer = saved.answer
    saved_at = exercises.clock(answer.updated_at)
    message = (_("Submitted. Compare your answers with the model answer below.") if submit
               else _("Saved at %(time)s.") % {"time": saved_at})
    if _wants_json(request):
        payload = {"ok": True, "answer": answer.pk, "submitted": answer.is_submitted, "message": message,
                   "saved_at": saved_at, "revision": answer.revision, "changed": saved.changed,
                   "stale": saved.stale}
        if submit:
            payload.update(_render_block(request, lesson, block_id))
        return JsonResponse(payload)
    if submit:
        messages.success(request, message)
    # A saved draft: the block's own status line says "Gemt kl. 10.42" (one status, not two).
    return redirect(_block_url(lesson, block_id))


@login_required
@require_POST
def case_save(request, lesson_id, block_id):
    return _case(request, lesson_id, block_id, submit=request.POST.get("action") == "submit")


@login_required
@require_POST
def case_submit(request, lesson_id, block_id):
    return _case(request, lesson_id, block_id, submit=True)
