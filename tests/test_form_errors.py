"""Every form's errors: a summary at the top ("Der er et problem") linking to each field, the error
beside its field, tied to the input with aria-describedby and aria-invalid; focus moved by a static
script (no inline script: CSP)."""

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from scheduling.models import Event
from tests.factories import MembershipFactory


class ExampleForm(forms.Form):
    name = forms.CharField(label="Navn", help_text="Som i folkeregistret.")
    kind = forms.ChoiceField(label="Slags", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)

    def clean(self):
        self.add_error(None, "Noget gik galt.")


def test_the_summary_links_every_error_to_its_field():
    form = ExampleForm({"name": ""})
    assert not form.is_valid()
    with translation.override("da"):
        html = render_to_string("includes/form.html", {"form": form})
    summary = html[: html.index('class="field')]
    assert "Der er et problem" in summary and "data-error-summary" in summary
    assert 'href="#id_name"' in summary and 'href="#id_kind_0"' in summary and "Noget gik galt." in summary
    # Beside the field, tied to the input.
    assert 'id="id_name_error"' in html
    name_input = re.search(r"<input[^>]*name=\"name\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in name_input and "id_name_error" in name_input and "id_name_helptext" in name_input
    assert re.search(r'<fieldset[^>]*aria-describedby="[^"]*id_kind_error', html)
    assert "<script>" not in html and "js/error_summary.js" in html


def test_a_valid_form_has_no_summary():
    form = ExampleForm()
    html = render_to_string("includes/form.html", {"form": form})
    assert "data-error-summary" not in html


def test_the_focus_script_is_a_static_file():
    script = Path(settings.BASE_DIR) / "static" / "js" / "error_summary.js"
    assert "focus" in script.read_text()


@pytest.mark.django_db
def test_the_event_form_shows_one_summary_for_both_of_its_forms_at_the_top(client, municipality):
    client.force_login(MembershipFactory(municipality=municipality, role="leder").person)
    response = client.post(reverse("scheduling:event_create") + f"?kommune={municipality.slug}",
                           {"kind": Event.Kind.THEME_DAY, "audience": Event.Audience.STAFF, "capacity": 20})
    html = response.content.decode()
    assert html.count("data-error-summary") == 1
    top = html.index("data-error-summary")
    assert top < html.index('name="title"')
    assert 'href="#id_title"' in html and 'href="#id_first-starts_at"' in html
