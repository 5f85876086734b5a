from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Invitation


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation_email_task(self, invitation_id: int) -> bool:
    """Send an invitation once. The row lock and sent_at make a retry or a second worker a no-op."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("municipality", "provider", "invited_by")
            .filter(pk=invitation_id, sent_at__isnull=True, accepted_at__isnull=True)
            .first()
        )
        if invitation is None:
            return False
        with translation.override("da"):
            context = {
                "invitation": invitation,
                "accept_url": settings.SITE_URL + invitation.get_absolute_url(),
                "organisation": invitation.municipality or invitation.provider or "ICS Metodesekretariat",
            }
            subject = render_to_string("people/email/invitation_subject.txt", context).strip()
            body = render_to_string("people/email/invitation_message.txt", context)
        EmailMultiAlternatives(subject, body, to=[invitation.email]).send()
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["sent_at"])
    return True


@shared_task
def send_pending_invitations_task() -> int:
    """Sweep up invitations whose mail was not sent (a broker outage at the time, say)."""
    pending = Invitation.objects.filter(
        sent_at__isnull=True, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).values_list("pk", flat=True)
    count = 0
    for pk in pending:
        send_invitation_email_task.delay(pk)
        count += 1
    return count
