"""The one idempotent-notification mechanism: every mail the platform sends goes through here.

A notification is a `people.models.Notification` row under a unique key that says what it is about
(``"reminder:<municipality>:<person>:<deadline>:<stage>"``, ``"invitation:<id>"``). Queueing inserts
the row with ON CONFLICT DO NOTHING and, after commit, queues `send_notification_task` for rows not yet
sent. The task locks the row (skip locked), renders the message with the renderer registered for the
row's kind, sends it and sets `sent_at`, all in one transaction: a failed send rolls back so a retry
sends it, a retry after success finds `sent_at` set, a second worker skips the locked row.
`unsent_notifications_resend_task` (an hourly beat entry) queues a send for rows still unsent, so a
broker outage at queue time delays a message, never loses it. Each send is queued on its own: one
that fails to queue (a broker outage) or, when tasks run eagerly (the embedded default), fails to send
(a renderer's error, the mail server) is logged and left unsent for that sweep, and the others still go.

Apps above `people` register a renderer per kind from their wiring module (this registry is how the
bottom of the house reaches the apps above it without importing them):

    notifications.register_renderer("compliance.reminder", render_reminder)

A renderer takes the locked `Notification` (recipient loaded) and returns an `EmailMessage` ready to
send (to `notification.address`), or None when the message is no longer due (the row is then marked
sent and nothing goes out). It runs inside the send's transaction, so whatever it records beside the
mail (`Invitation.sent_at`, say) is rolled back with a failed send.

A notification goes to a user (`recipient_id`) or, for someone without an account yet (an invitation),
to a bare `email`; one of them must be given.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from celery import shared_task
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation

from .models import NOTIFICATION_KEY_LENGTH, Notification

logger = logging.getLogger(__name__)

Renderer = Callable[[Notification], EmailMessage | None]
_renderers: dict[str, Renderer] = {}


def register_renderer(kind: str, renderer: Renderer) -> Renderer:
    """Declare how notifications of `kind` are written. Registering the same kind twice with another
    function is a programming error and fails loudly."""
    existing = _renderers.get(kind)
    if existing is not None and existing is not renderer:
        raise ValueError(f"A renderer for notification kind {kind!r} is already registered.")
    _renderers[kind] = renderer
    return renderer


def renderer_for(kind: str) -> Renderer:
    """The renderer of a kind; a KeyError names a kind nobody registered."""
    return _renderers[kind]


@dataclass(frozen=True)
class Pending:
    """A notification to queue: its unique key, its kind, its recipient (a user, or an email address
    when there is no account) and the data its renderer reads."""

    key: str
    kind: str
    recipient_id: int | None = None
    data: dict = field(default_factory=dict)
    email: str = ""


def notifications_queue(items: Iterable[Pending]) -> int:
    """Write the notifications that are new and, after commit, queue a send for every one of them not
    yet sent (new ones and earlier ones whose send failed). Returns how many sends were queued.
    Call it inside the transaction that made the notification due."""
    items = list(items)
    if not items:
        return 0
    for item in items:  # mistakes fail here, in the caller's transaction, not later in a worker
        renderer_for(item.kind)
        if len(item.key) > NOTIFICATION_KEY_LENGTH:
            raise ValueError(f"Notification key longer than {NOTIFICATION_KEY_LENGTH} characters: {item.key!r}")
        if item.recipient_id is None and not item.email:
            raise ValueError(f"Notification {item.key!r} has neither a recipient nor an email address.")
    Notification.objects.bulk_create(
        [Notification(key=i.key, kind=i.kind, recipient_id=i.recipient_id, email=i.email, data=i.data)
         for i in items],
        ignore_conflicts=True,
    )
    pending = list(
        Notification.objects.filter(key__in=[i.key for i in items], sent_at__isnull=True)
        .values_list("pk", flat=True)
    )
    for pk in pending:
        transaction.on_commit(lambda pk=pk: _send_queue(pk))
    return len(pending)


def _send_queue(notification_id: int) -> bool:
    """Queue one send, independently of the others queued with it: a failure is logged and the row
    stays unsent for `unsent_notifications_resend_task`. With eager tasks the send runs here, so a
    renderer's or the mail server's error would otherwise stop every send queued after it (the
    remaining on-commit callbacks, the rest of the sweep)."""
    try:
        send_notification_task.delay(notification_id)
    except Exception:
        logger.exception("Notification %s was not sent; the hourly resend sweep tries again.", notification_id)
        return False
    return True


def notification_queue(
    *, key: str, kind: str, recipient_id: int | None = None, email: str = "", data: dict | None = None
) -> int:
    """`notifications_queue` for one notification."""
    return notifications_queue(
        [Pending(key=key, kind=kind, recipient_id=recipient_id, email=email, data=data or {})]
    )


def notification_send(notification_id: int) -> bool:
    """Send one notification once (see the module docstring). True when a message went out now."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id, sent_at__isnull=True)
            .first()
        )
        if notification is None:
            return False
        with translation.override("da"):
            message = renderer_for(notification.kind)(notification)
        if message is not None:
            message.send()
        notification.sent_at = timezone.now()
        notification.save(update_fields=["sent_at"])
    return message is not None


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_task(self, notification_id: int) -> bool:
    """Celery's door to `notification_send`: takes an id, idempotent under retries and duplicates."""
    return notification_send(notification_id)


def unsent_notifications_resend() -> int:
    """Queue a send for every notification still unsent (a broker outage at the time, say). Returns
    how many were queued; one that fails is logged and does not stop the others."""
    ids = list(Notification.objects.filter(sent_at__isnull=True).values_list("pk", flat=True))
    return sum(_send_queue(pk) for pk in ids)


@shared_task
def unsent_notifications_resend_task() -> int:
    """The beat's hourly sweep (`CELERY_BEAT_SCHEDULE` in lms/settings/base.py)."""
    return unsent_notifications_resend()
