"""Questionnaire versions: a version used by a round is frozen; a change is a new version."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from people.permissions import access_for

from ..models import QuestionnaireVersion, Statement


def version_assert_editable(version: QuestionnaireVersion) -> None:
    """Refuse any change to a frozen version (the admin's edit and delete views ask here too)."""
    if version.pk and QuestionnaireVersion.objects.filter(pk=version.pk, frozen_at__isnull=False).exists():
        raise ValidationError(
            _("Version %(number)s is used by a barometer round and cannot be changed. Make a new version "
              "to change the questionnaire.") % {"number": version.number}
        )


def _next_number() -> int:
    return (QuestionnaireVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def version_copy(*, version: QuestionnaireVersion, by) -> QuestionnaireVersion:
    """A new, editable version with the same statements (codes kept, so they stay comparable)."""
    if not access_for(by).is_national_admin:
        raise PermissionDenied(_("Only national admins manage the questionnaire."))
    copy = QuestionnaireVersion(
        number=_next_number(), title=version.title, introduction=version.introduction, based_on=version,
        created_by=by,
    )
    copy.full_clean()
    copy.save()
    statements = [
        Statement(version=copy, code=s.code, phase=s.phase, aiming_point=s.aiming_point, audience=s.audience,
                  text=s.text, sort_order=s.sort_order)
        for s in version.statements.order_by("sort_order", "pk")
    ]
    for statement in statements:
        statement.full_clean(exclude=["version"])
    Statement.objects.bulk_create(statements)
    return copy


@transaction.atomic
def version_create(*, title: str, by, statements: list[dict] | None = None, introduction: str = "") -> QuestionnaireVersion:
    """A new version with the given statements ({code, phase, aiming_point, audience, text})."""
    if by is not None and not access_for(by).is_national_admin:
        raise PermissionDenied(_("Only national admins manage the questionnaire."))
    version = QuestionnaireVersion(number=_next_number(), title=title, introduction=introduction, created_by=by)
    version.full_clean()
    version.save()
    rows = [Statement(version=version, sort_order=i, **spec) for i, spec in enumerate(statements or [], start=1)]
    for row in rows:
        row.full_clean(exclude=["version"])
    Statement.objects.bulk_create(rows)
    return version


def version_freeze(version: QuestionnaireVersion) -> None:
    """Freeze a version as a round starts to use it (inside the round's transaction)."""
    if version.frozen_at is None:
        QuestionnaireVersion.objects.filter(pk=version.pk, frozen_at__isnull=True).update(frozen_at=timezone.now())
        version.refresh_from_db(fields=["frozen_at"])
