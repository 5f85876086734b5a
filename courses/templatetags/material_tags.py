from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key], or None: for looking up an exercise's state by block id in a template."""
    if not mapping:
        return None
    return mapping.get(key)
