from django import template

from compliance.status import BADGE

register = template.Library()


@register.filter
def status_badge(status):
    """The badge class for a status (the label beside it always names the status: never colour alone)."""
    return BADGE.get(status, "")
