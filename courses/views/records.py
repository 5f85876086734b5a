"""Completion records kept by providers, leaders and national admins: a completion entered by hand,
earlier completions imported from a file, a completion revoked."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from web.forms import errors_to_form

from .. import imports
from ..forms import ImportUploadForm, ManualCompletionForm, RevokeForm
from ..models import Completion
from ..selectors.completion import may_record_manually, may_revoke
from ..services.completion import completion_record_manual
from ..services.completion import completion_revoke as completion_revoke_service

IMPORT_SESSION_KEY = "courses_import_preview"


@login_required
def import_completions(request):
    if not imports.may_import(request.user):
        raise PermissionDenied
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        try:
            preview = imports.import_preview(by=request.user, uploaded=form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            request.session[IMPORT_SESSION_KEY] = preview.payload()
    return render(request, "courses/learning/import.html", {"form": form, "preview": preview})


@login_required
@require_POST
def import_confirm(request):
    if not imports.may_import(request.user):
        raise PermissionDenied
    payload = request.session.pop(IMPORT_SESSION_KEY, None)
    if not payload:
        messages.error(request, _("There is no import waiting for confirmation. Upload the file again."))
        return redirect("courses:import_completions")
    result = imports.import_confirm(by=request.user, payload=payload)
    messages.success(request, _("%(created)s earlier completions saved; %(skipped)s were already on record.") % result)
    return redirect("courses:import_completions")


@login_required
def completion_revoke(request, completion_id):
    completion = get_object_or_404(Completion.objects.select_related("person", "course"), pk=completion_id)
    if not may_revoke(request.user, completion):
        raise Http404
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            completion_revoke_service(completion=completion, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The completion is revoked. It stays on record with your reason."))
            return redirect("courses:certificate_verify", code=completion.verification_code)
    return render(request, "courses/learning/revoke.html", {"form": form, "completion": completion})


@login_required
def completion_create(request):
    """A provider coordinator or national admin enters a completion by hand, with a reason."""
    if not may_record_manually(request.user):
        raise PermissionDenied
    form = ManualCompletionForm(request.POST or None, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            completion, created = completion_record_manual(
                email=data["person"], course=data["course"], completed_on=data["completed_on"],
                by=request.user, provider=data["provider"], reason=data["reason"],
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        except PermissionDenied:
            form.add_error("provider", _("You may only enter completions for courses run by your provider."))
        else:
            if created:
                messages.success(request, _("The completion is saved with its verification code %(code)s.")
                                 % {"code": completion.verification_code})
            else:
                # Only reached for a person on the recorder's own cohorts; still no name and no date.
                messages.info(request, _("This person already holds a valid completion of the course; "
                                         "nothing was changed."))
            return redirect("courses:completion_create")
    return render(request, "courses/learning/completion_form.html", {"form": form})
