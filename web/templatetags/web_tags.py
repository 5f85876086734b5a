"""Template filters every app uses: `{% load web_tags %}`."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template; None when the mapping is empty or lacks the key."""
    if not mapping:
        return None
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def absolute(value):
    """The absolute value of a number (days overdue shown as a positive count)."""
    try:
        return abs(int(value))
    except (TypeError, ValueError):
        return value
