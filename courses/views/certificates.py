"""Certificates: the learner's PDF and the public verification of a code."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from people.permissions import visible_people
from web.pdf import pdf_response

from ..certificates import certificate_filename, certificate_pdf, code_candidates, normalise_code
from ..forms import VerifyForm
from ..models import Completion, CompletionMethod


@login_required
def certificate_download(request, completion_id):
    """The learner's own certificate (a leader or national admin may fetch those of people they see)."""
    completion = get_object_or_404(
        Completion.objects.valid().select_related("person", "course", "provider")
        .filter(person__in=visible_people(request.user)),
        pk=completion_id,
    )
    return pdf_response(certificate_pdf(completion), certificate_filename(completion))


def certificate_verify_form(request):
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        code = normalise_code(form.cleaned_data["kode"])
        return redirect("courses:certificate_verify", code=code or "ukendt")
    return render(request, "courses/learning/verify.html", {"form": form, "state": None})


def certificate_verify(request, code):
    """Valid: name, course and date, nothing more. Revoked: says so. Unknown or tampered: says so, revealing
    nothing (not even whether something similar exists)."""
    normalised = normalise_code(code)
    completion = None
    candidates = code_candidates(code)  # tolerant of case, spaces, dashes and 0/O, 1/I/L
    if candidates:
        completion = (
            Completion.objects.select_related("person", "course", "revocation", "recorded_by")
            .filter(verification_code__in=candidates).order_by("pk").first()
        )
    if completion is None:
        state = "unknown"
    elif completion.is_revoked:
        state = "revoked"
    else:
        state = "valid"
    response = render(request, "courses/learning/verify.html", {
        "form": VerifyForm(), "state": state, "completion": completion if state == "valid" else None,
        # A licence audit must see which completions are earlier records imported from a file, and by whom.
        "imported": state == "valid" and completion.method == CompletionMethod.IMPORTED,
        "code": completion.verification_code if completion else (normalised or ""),
    }, status=404 if state == "unknown" else 200)
    response["X-Robots-Tag"] = "noindex"
    return response
