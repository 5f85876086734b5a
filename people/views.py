from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from web.forms import error_text, errors_to_form

from . import selectors, services
from .dashboard import panels_for, profile_sections_for
from .forms import AcceptInvitationForm, InvitationForm, MembershipForm
from .models import Invitation, User
from .permissions import access_for, get_visible_or_404, visible_memberships, visible_municipalities
from .tokens import invitation_uuid_from_token


@login_required
def dashboard(request):
    access = access_for(request.user)
    return render(
        request,
        "people/dashboard.html",
        {
            "panels": panels_for(request, access),
            "memberships": selectors.own_memberships(person=request.user).current(),
        },
    )


@login_required
def profile(request):
    return render(request, "people/profile.html", {
        "memberships": selectors.own_memberships(person=request.user),
        "sections": profile_sections_for(request, access_for(request.user)),
    })


@login_required
def staff_list(request, municipality_slug=None):
    municipalities = visible_municipalities(request.user)
    if municipality_slug is None:
        if municipalities.count() == 1:
            return redirect("people:staff_list", municipality_slug=municipalities.get().slug)
        if not access_for(request.user).is_national_admin:
            raise PermissionDenied
        return render(
            request, "people/municipality_list.html",
            {"municipalities": selectors.municipality_staff_counts(viewer=request.user)},
        )
    municipality = get_visible_or_404(municipalities, slug=municipality_slug)
    include_ended = request.GET.get("vis") == "alle"
    return render(
        request,
        "people/staff_list.html",
        {
            "municipality": municipality,
            "memberships": selectors.staff_for_municipality(
                viewer=request.user, municipality=municipality, include_ended=include_ended
            ),
            "include_ended": include_ended,
            "invitations": selectors.pending_invitations(viewer=request.user).filter(municipality=municipality),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request, pk):
    membership = get_visible_or_404(visible_memberships(request.user), pk=pk)
    if not access_for(request.user).may_edit_membership(membership):
        raise PermissionDenied  # the form is not even shown; membership_update checks again on save
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        if changes:
            try:
                services.membership_update(membership=membership, by=request.user, **changes)
            except ValidationError as error:
                errors_to_form(form, error)
        if not form.errors:
            messages.success(request, _("The membership was saved."))
            if membership.municipality:
                return redirect("people:staff_list", municipality_slug=membership.municipality.slug)
            return redirect("dashboard")
    return render(
        request,
        "people/membership_form.html",
        {"form": form, "membership": membership, "events": membership.events.select_related("changed_by")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create(request):
    if not access_for(request.user).may_invite:
        raise PermissionDenied
    form = InvitationForm(request.POST or None, inviter=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invitation_create(
                by=request.user, email=data["email"], full_name=data["full_name"], role=data["role"],
                start_date=data["start_date"], municipality=data.get("municipality"),
                provider=data.get("provider"), team=data.get("team"),
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("An invitation was sent to %(email)s.") % {"email": invitation.email})
            return redirect("people:invitation_create")
    return render(
        request, "people/invitation_form.html",
        {"form": form, "invitations": selectors.pending_invitations(viewer=request.user)[:50]},
    )


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    uuid = invitation_uuid_from_token(token)
    invitation = (
        Invitation.objects.select_related("municipality", "provider").filter(uuid=uuid).first() if uuid else None
    )
    if invitation is None:
        return render(
            request, "people/invitation_invalid.html",
            {"reason": _("The link is not valid. Check that you copied all of it.")}, status=404,
        )
    try:
        services.invitation_check_usable(invitation)
    except services.InvitationError as error:
        return render(request, "people/invitation_invalid.html", {"reason": str(error)}, status=410)

    # An account that can already log in only needs to accept; one made by staff_add sets its password.
    existing = any(u.has_usable_password() for u in User.objects.filter(email__iexact=invitation.email))
    form = None if existing else AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and (existing or form.is_valid()):
        try:
            person, created = services.invitation_accept(
                invitation=invitation, password=None if existing else form.cleaned_data["password1"]
            )
        except services.InvitationError as error:
            return render(request, "people/invitation_invalid.html", {"reason": str(error)}, status=410)
        if created:
            login(request, person, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to ICS Akademi. Your account is ready."))
            return redirect("dashboard")
        messages.success(
            request,
            _("The new role was added to your existing account. Log in with your usual password."),
        )
        return redirect("account_login")
    return render(
        request, "people/invitation_accept.html",
        {"invitation": invitation, "form": form, "existing_account": existing},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_erase(request, pk):
    """National admins erase a person's personal data; training records remain as evidence."""
    if not access_for(request.user).is_national_admin:
        raise PermissionDenied
    person = get_visible_or_404(User.objects.filter(is_active=True), pk=pk)
    if request.method == "POST":
        if request.POST.get("confirm") != person.email:
            messages.error(request, _("Type the person's email address to confirm."))
        else:
            try:
                services.person_erase(person=person, by=request.user)
            except ValidationError as error:
                messages.error(request, error_text(error))
            else:
                messages.success(request, _("The personal data was erased. Training records are kept."))
                return redirect("people:staff_index")
    return render(request, "people/person_erase.html", {"person": person,
                                                         "memberships": selectors.own_memberships(person=person)})
