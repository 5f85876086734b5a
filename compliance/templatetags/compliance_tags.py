from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (None when missing)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def status_badge(status):
    """The badge class for a status (the label beside it always names the status: never colour alone)."""
    from compliance.status import BADGE

    return BADGE.get(status, "")


@register.filter
def absolute(value):
    try:
        return abs(int(value))
    except (TypeError, ValueError):
        return value
