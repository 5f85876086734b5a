"""Which compliance reports a viewer may see."""

from people.models import Municipality
from people.permissions import access_for, get_visible_or_404, visible_municipalities


def report_municipalities(viewer):
    """Municipalities whose compliance report the viewer may see: led ones; all for national admins."""
    return visible_municipalities(viewer)


def report_municipality_or_404(*, viewer, slug) -> Municipality:
    return get_visible_or_404(report_municipalities(viewer), slug=slug)


def may_see_national(viewer) -> bool:
    return access_for(viewer).is_national_admin
