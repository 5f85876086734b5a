"""A person's own licence status."""

from django.utils import timezone

from .evidence import evaluate, load_evidence


def own_statuses(*, person, as_of=None):
    """[(municipality name, StatusRow)]: the person's status and progress in each municipality where
    they are on the staff today."""
    as_of = as_of or timezone.localdate()
    evidence = load_evidence(first_day=as_of, last_day=as_of, person_ids=[person.pk], detailed=True)
    if not evidence.memberships:
        return []
    out = []
    for mid in evidence.memberships:
        _, rows = evaluate(evidence, mid, as_of)
        out.extend((evidence.municipality_names.get(mid, ""), row) for row in rows)
    return out
