"""The Wagtail groups a person's roles put them in, kept in step with the memberships in force.

Rights in the Wagtail admin come from groups: one group per role that uses the admin (`ADMIN_GROUP_FOR_ROLE`,
migration people/0003) and, for a municipality whose local material has a course index, two groups of
its own (`municipality_group_name`: its superusers edit, its leaders approve and publish; the courses app
creates them with their page permissions when such an index is saved). Who is in them is never edited by
hand: `wagtail_groups_sync` rebuilds it from the memberships in force on the day, at login, after every
membership change and in a daily beat run (`people.tasks.wagtail_groups_sync_task`) for end and start
dates that pass with nobody touching the membership.

In force means started and not ended (`MembershipQuerySet.on`): a future starter is on the roster but
holds no admin rights before the start date; a leaver holds none after the end date.

Django's own flags follow the national-admin role: a person who has (or had, or will have) a national
admin membership holds `is_superuser`/`is_staff` only while one is in force, so a former national admin
loses them when the membership ends. The flags are never granted from a membership (the national
admins' group carries their rights), and an account with no national-admin membership at all (an
operator's `createsuperuser` account) is left alone.

Groups not named by either rule (made by hand in the admin) are not touched.
"""

import dataclasses
import datetime
import logging
from collections import defaultdict

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from .models import Membership, User
from .permissions import forget_access
from .roles import ADMIN_GROUP_FOR_ROLE, ADMIN_GROUP_NAMES, Role

logger = logging.getLogger(__name__)

# The per-municipality groups of local material, by the role that puts a person in them.
MUNICIPALITY_GROUP_NAMES = {
    Role.SUPERUSER: "Superbrugere – {name}",
    Role.LEADER: "Ledere – {name}",
}

_GroupMember = User.groups.through


def municipality_group_name(role: Role, municipality_name: str) -> str:
    """The name of the Wagtail group a municipality's superusers (`Role.SUPERUSER`) or leaders
    (`Role.LEADER`) are put in: "Superbrugere – Aarhus", "Ledere – Aarhus". The one place the name is made;
    courses creates the groups under it, the sync fills them."""
    return MUNICIPALITY_GROUP_NAMES[role].format(name=municipality_name)


def _managed_groups_q() -> Q:
    """The groups the sync owns: the role groups and every per-municipality group."""
    q = Q(name__in=ADMIN_GROUP_NAMES)
    for template in MUNICIPALITY_GROUP_NAMES.values():
        q |= Q(name__startswith=template.format(name=""))
    return q


def _wanted_group_names(role: str, municipality_name: str | None) -> list[str]:
    names = []
    if role in ADMIN_GROUP_FOR_ROLE:
        names.append(ADMIN_GROUP_FOR_ROLE[role])
    if role in MUNICIPALITY_GROUP_NAMES and municipality_name:
        names.append(municipality_group_name(role, municipality_name))
    return names


def _in_force(start_date: datetime.date, end_date: datetime.date | None, day: datetime.date) -> bool:
    """The rule of `MembershipQuerySet.on`, for rows already read."""
    return start_date <= day and (end_date is None or end_date >= day)


@dataclasses.dataclass(frozen=True)
class SyncResult:
    """What one run changed: the people whose groups or flags changed, and the rows written."""

    changed_person_ids: frozenset[int]
    groups_added: int
    groups_removed: int
    flags_revoked: int

    @property
    def changed(self) -> bool:
        return bool(self.changed_person_ids)


@transaction.atomic
def wagtail_groups_sync_many(*, people: QuerySet[User] | None = None, day: datetime.date | None = None) -> SyncResult:
    """Put each person in exactly the managed Wagtail groups their memberships in force on `day` (today by
    default) call for, and take the Django admin flags from former national admins. `people=None` is
    everyone concerned (anyone with a membership or in a managed group): the daily beat run.

    Writes nothing when nothing changes. A fixed number of queries whatever the number of people, groups
    or municipalities: memberships, managed groups, current group rows, then at most one delete, one
    insert and one update."""
    day = day or timezone.localdate()
    memberships = Membership.objects.all()
    group_rows = _GroupMember.objects.all()
    if people is not None:
        person_ids = people.values("pk")
        memberships = memberships.filter(person_id__in=person_ids)
        group_rows = group_rows.filter(user_id__in=person_ids)

    wanted_names: dict[int, set[str]] = defaultdict(set)
    national_admin_ids, national_admin_in_force_ids = set(), set()
    for person_id, role, municipality_name, start_date, end_date in memberships.values_list(
        "person_id", "role", "municipality__name", "start_date", "end_date"
    ):
        in_force = _in_force(start_date, end_date, day)
        if role == Role.NATIONAL_ADMIN:
            national_admin_ids.add(person_id)
            if in_force:
                national_admin_in_force_ids.add(person_id)
        if in_force:
            wanted_names[person_id].update(_wanted_group_names(role, municipality_name))

    managed = dict(Group.objects.filter(_managed_groups_q()).values_list("name", "pk"))
    wanted = {
        (person_id, managed[name])
        for person_id, names in wanted_names.items() for name in names if name in managed
    }
    present = {
        (user_id, group_id): row_id
        for row_id, user_id, group_id in group_rows.filter(group_id__in=managed.values()).values_list(
            "pk", "user_id", "group_id"
        )
    }

    to_remove = [row_id for key, row_id in present.items() if key not in wanted]
    to_add = [key for key in wanted if key not in present]
    if to_remove:
        _GroupMember.objects.filter(pk__in=to_remove).delete()
    if to_add:
        _GroupMember.objects.bulk_create(
            [_GroupMember(user_id=user_id, group_id=group_id) for user_id, group_id in to_add],
            ignore_conflicts=True,
        )
    revoked_ids = set()
    former = national_admin_ids - national_admin_in_force_ids
    if former:
        flagged = User.objects.filter(pk__in=former).filter(Q(is_superuser=True) | Q(is_staff=True))
        revoked_ids = set(flagged.values_list("pk", flat=True))
        if revoked_ids:
            User.objects.filter(pk__in=revoked_ids).update(is_superuser=False, is_staff=False)

    removed = set(to_remove)
    changed = frozenset(
        {user_id for user_id, _group_id in to_add}
        | {user_id for (user_id, _group_id), row_id in present.items() if row_id in removed}
        | revoked_ids
    )
    if changed:
        logger.info(
            "Wagtail groups synced on %s: %d added, %d removed, admin flags taken from %d",
            day, len(to_add), len(to_remove), len(revoked_ids),
        )
    return SyncResult(
        changed_person_ids=changed, groups_added=len(to_add), groups_removed=len(to_remove),
        flags_revoked=len(revoked_ids),
    )


def _nothing_to_sync(person: User) -> bool:
    """Whether the sync can change nothing for the person: no membership, past, present or future, in a
    role that puts people in a managed group or carries the admin flags, and no group at all. Then there
    is no group to add, none to take away and no flag to revoke. One query, where the sync itself costs a
    transaction and three: most people are caseworkers, and every login asks."""
    return not User.objects.filter(pk=person.pk).filter(
        Exists(Membership.objects.filter(person=OuterRef("pk"), role__in=list(ADMIN_GROUP_FOR_ROLE)))
        | Exists(_GroupMember.objects.filter(user=OuterRef("pk")))
    ).exists()


def wagtail_groups_sync(*, person: User, day: datetime.date | None = None) -> SyncResult:
    """`wagtail_groups_sync_many` for one person (at login, after a change to their memberships). The
    person object in hand is brought up to date too: its flags and its cached `Access`."""
    if _nothing_to_sync(person):
        forget_access(person)
        return SyncResult(changed_person_ids=frozenset(), groups_added=0, groups_removed=0, flags_revoked=0)
    result = wagtail_groups_sync_many(people=User.objects.filter(pk=person.pk), day=day)
    if result.flags_revoked:
        person.is_superuser = person.is_staff = False
    forget_access(person)
    return result
