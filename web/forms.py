"""Putting a service's error on the form that asked for the change."""

from django import forms
from django.core.exceptions import ValidationError


def errors_to_form(form: forms.BaseForm, exc: ValidationError) -> None:
    """Copy a `ValidationError` raised by a service onto `form`.

    Errors keyed by a field the form has go beside that field; everything else (errors keyed by a model
    field the form does not show, or errors without a field) becomes a non-field error, so no message
    is ever dropped."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def error_text(exc: ValidationError) -> str:
    """All of an error's messages as one sentence, for a flash message."""
    return " ".join(str(m) for m in exc.messages)
