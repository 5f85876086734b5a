"""Model choice fields that refuse a number no database key can hold, before asking the database.

Django's `ModelChoiceField` passes the submitted text to `queryset.get(pk=...)`. For a number beyond 64
bits PostgreSQL finds nothing, but SQLite's driver raises `OverflowError` (a 500) whenever the key is
reached through a relation (a Wagtail page subclass's `page_ptr`) or an `__in` list (every
`ModelMultipleChoiceField`). These fields answer with the field's own "invalid choice" message instead,
on every database. Use them in place of Django's; a `ModelForm` gets them for its foreign keys and
many-to-many fields with `formfield_callback = web.fields.formfield`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from .converters import in_key_range


def _out_of_key_range(field: forms.ModelChoiceField, value) -> bool:
    """Whether `value` is a number the key of `field`'s queryset cannot hold (only for integer keys)."""
    options = field.queryset.model._meta
    key = options.get_field(field.to_field_name) if field.to_field_name else options.pk
    while key.is_relation:  # a page subclass's key is a one-to-one link to wagtailcore.Page
        key = key.target_field
    if not isinstance(key, models.IntegerField) or isinstance(value, (models.Model, bool)):
        return False
    try:
        return not in_key_range(int(value))
    except OverflowError:  # int(float("inf"))
        return True
    except (TypeError, ValueError):
        return False  # not a number at all: Django's own handling gives "invalid choice"


class ModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and _out_of_key_range(self, value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:  # clean() has already refused anything but a list or tuple
            if _out_of_key_range(self, pk):
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk})
        return super()._check_values(value)


def formfield(db_field: models.Field, **kwargs):
    """A `ModelForm.formfield_callback`: foreign keys and many-to-many fields get the fields above."""
    if isinstance(db_field, models.ForeignKey):  # OneToOneField included
        kwargs.setdefault("form_class", ModelChoiceField)
    elif isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    return db_field.formfield(**kwargs)
