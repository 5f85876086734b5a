"""Ids from a URL or a query string, bounded to what a database key can hold.

Every key in the project is a 64-bit integer at most (`BigAutoField`; Wagtail's pages use a smaller
`AutoField`). Django's `<int:...>` converter accepts any number of digits, and a number beyond 64 bits
makes SQLite's driver raise `OverflowError` (a 500) where PostgreSQL finds nothing. Here such a number is
simply no id: the `<id:...>` path converter does not match it (a 404), and `parse_id` returns None.
"""

from django.urls import register_converter

KEY_MIN = -(2**63)
KEY_MAX = 2**63 - 1  # the largest value a BigAutoField (and SQLite's INTEGER) can hold


def in_key_range(number: int) -> bool:
    return KEY_MIN <= number <= KEY_MAX


def parse_id(value) -> int | None:
    """A positive database id from text (a query-string or POST value), or None when it is not one.

    Only ASCII digits count (str.isdigit also accepts '²', which int() refuses), and only numbers a key
    can hold."""
    text = value.strip() if isinstance(value, str) else ""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(KEY_MAX)):
        return None
    number = int(text)
    return number if 0 < number <= KEY_MAX else None


def parse_ids(values) -> list[int]:
    """The valid ids among several values (e.g. `request.POST.getlist("person")`); others are left out."""
    return [number for number in map(parse_id, values) if number is not None]


class IdConverter:
    """`<id:pk>`: like `<int:pk>`, but a number no key can hold does not match (the request is a 404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > KEY_MAX:
            raise ValueError("out of the key range")  # Django reads a ValueError here as "no match"
        return number

    def to_url(self, value) -> str:
        return str(int(value))


def register() -> None:
    """Called once, from WebConfig.ready(), before any urls.py is imported."""
    register_converter(IdConverter, "id")
