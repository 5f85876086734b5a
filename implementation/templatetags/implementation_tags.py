from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def impl_num(value, places=2):
    """A figure with Danish decimals, or "–" when there is none."""
    if value is None or value == "":
        return "–"
    return number_format(value, int(places))


@register.filter
def impl_signed(value):
    """A change with its sign: +0,25 or −0,10 (a real minus sign), "±0,00" for none."""
    if value is None:
        return "–"
    text = number_format(abs(value), 2)
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


@register.filter
def impl_change(phase, group):
    return phase.change(group)
