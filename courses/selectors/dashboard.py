"""Reads for the role homes (the dashboard panels in courses/views/panels.py). Each function uses a
fixed number of queries, whatever the amount of material, cohorts or people.

- `local_material`: a municipality's own material (its local course index and the pages below it) as
  its superusers maintain it: the pages, oldest change first; drafts with unpublished changes; and the
  pages in moderation (Wagtail workflow states in progress or sent back for changes).
- `awaiting_approval`: pages in moderation that the viewer is asked to approve: under the local indexes
  of the municipalities they lead; everywhere for national admins.
- `certificates_to_issue`: on a coordinator's finished cohorts, the participants who attended every
  course day and hold no valid completion of the cohort's course yet.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from people.permissions import access_for
from people.roles import Role
from scheduling.models import Attendance, Event, Registration, Session

from ..models import Completion, CourseIndexPage
from .material import under_any


@dataclass
class ModerationItem:
    page: Page
    state: WorkflowState

    @property
    def needs_changes(self) -> bool:
        return self.state.status == WorkflowState.STATUS_NEEDS_CHANGES

    @property
    def task_name(self) -> str:
        task_state = self.state.current_task_state
        return task_state.task.name if task_state and task_state.task else ""


@dataclass
class LocalMaterial:
    indexes: list = field(default_factory=list)  # the local CourseIndexPages
    pages: list = field(default_factory=list)  # pages below them, the longest unchanged first
    drafts: list = field(default_factory=list)  # pages with changes not yet published, not in moderation
    in_moderation: list = field(default_factory=list)  # [ModerationItem]
    page_count: int = 0


def _moderation(pages_qs) -> list[ModerationItem]:
    """Workflow states in moderation for the pages of a queryset (one query for the states, one for
    their pages)."""
    page_type = ContentType.objects.get_for_model(Page)  # cached by Django after the first call
    states = list(
        WorkflowState.objects.active()
        .filter(base_content_type=page_type, object_id__in=pages_qs.annotate(
            key=Cast("pk", output_field=CharField())).values("key"))
        .select_related("current_task_state__task", "requested_by", "workflow")
        .order_by("created_at")
    )
    if not states:
        return []
    pages = {str(p.pk): p for p in Page.objects.filter(pk__in=[int(s.object_id) for s in states])
             .only("pk", "title", "live", "url_path", "path", "depth")}
    return [ModerationItem(page=pages[s.object_id], state=s) for s in states if s.object_id in pages]


def local_material(viewer, *, limit=6) -> LocalMaterial:
    """The local material of the municipalities where the viewer is a superuser or leader. Four queries
    (one when there is no local index)."""
    access = access_for(viewer)
    ids = access.municipality_ids(Role.SUPERUSER, Role.LEADER)
    indexes = list(CourseIndexPage.objects.filter(municipality_id__in=ids).order_by("title")) if ids else []
    if not indexes:
        return LocalMaterial()
    below = Page.objects.filter(under_any(i.path for i in indexes)).exclude(pk__in=[i.pk for i in indexes])
    pages = list(
        below.only("pk", "title", "live", "has_unpublished_changes", "last_published_at",
                   "latest_revision_created_at", "content_type_id", "depth")
        .order_by("latest_revision_created_at", "pk")
    )
    moderation = _moderation(below)
    moderated = {item.page.pk for item in moderation}
    drafts = [p for p in pages if (p.has_unpublished_changes or not p.live) and p.pk not in moderated]
    return LocalMaterial(indexes=indexes, pages=pages[:limit], drafts=drafts[:limit], in_moderation=moderation,
                         page_count=len(pages))


def awaiting_approval(viewer) -> list[ModerationItem]:
    """Pages in moderation the viewer approves: under the local indexes of the municipalities they lead,
    or anywhere for national admins. Two or three queries."""
    access = access_for(viewer)
    if access.is_national_admin:
        return _moderation(Page.objects.all())
    led = access.led_municipality_ids
    if not led:
        return []
    paths = list(CourseIndexPage.objects.filter(municipality_id__in=led).values_list("path", flat=True))
    if not paths:
        return []
    return _moderation(Page.objects.filter(under_any(paths)))


@dataclass
class CertificatesDue:
    event: Event
    count: int


def certificates_to_issue(user) -> list[CertificatesDue]:
    """Finished cohorts (no course day ahead) of the providers the person coordinates where confirmed
    participants attended every course day held and hold no valid completion of the cohort's course.
    One query for the counts, one for the events."""
    access = access_for(user)
    providers = access.provider_ids(Role.COORDINATOR)
    if not providers:
        return []
    now = timezone.now()
    held = Session.objects.filter(event_id=OuterRef("event_id"), cancelled=False)
    days = held.order_by().values("event_id").annotate(n=Count("pk")).values("n")
    attended = (
        Attendance.objects.filter(session__event_id=OuterRef("event_id"), session__cancelled=False,
                                  person_id=OuterRef("person_id"), status=Attendance.Status.ATTENDED)
        .order_by().values("person_id").annotate(n=Count("pk")).values("n")
    )
    completed = Completion.objects.valid().filter(person_id=OuterRef("person_id"),
                                                  course_id=OuterRef("event__course_page_id"))
    rows = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED, event__kind=Event.Kind.COHORT,
            event__provider_id__in=providers, event__cancelled_at__isnull=True, event__course_page__isnull=False,
        )
        .exclude(Exists(held.filter(ends_at__gte=now)))
        .annotate(
            days=Coalesce(Subquery(days, output_field=IntegerField()), Value(0)),
            attended=Coalesce(Subquery(attended, output_field=IntegerField()), Value(0)),
            completed=Exists(completed),
        )
        .filter(Q(days__gt=0), completed=False)
        .values_list("event_id", "days", "attended")
    )
    counts = {}
    for event_id, n_days, n_attended in rows:
        if n_attended >= n_days:
            counts[event_id] = counts.get(event_id, 0) + 1
    if not counts:
        return []
    events = Event.objects.filter(pk__in=list(counts)).order_by("title")
    return [CertificatesDue(event=e, count=counts[e.pk]) for e in events]
