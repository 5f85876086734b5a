"""A number no database key can hold (in a choice field, a URL or a posted id) is an ordinary refusal
(the field's "invalid choice", a 404) on every database, never a 500.

PostgreSQL compares such a number and finds nothing; SQLite's driver raises OverflowError for anything
beyond 64 bits. The module runs on the suite's database (PostgreSQL here and in CI; SQLite when the
suite falls back to it). The tests without a database mark prove the refusal happens before any query,
so it does not depend on the backend, and one test runs Django's own query on a real SQLite connection
to show what the fields and the converter keep away from it.
"""

import sqlite3

import pytest
from django import forms
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper
from django.db.models.sql.constants import MULTI
from django.urls import Resolver404, resolve, reverse

from courses.forms import ManualCompletionForm
from courses.models import CoursePage
from people.forms import MembershipForm
from people.models import Municipality, Team, User
from scheduling.forms import EventForm
from web import fields
from web.converters import KEY_MAX, IdConverter, parse_id, parse_ids

HUGE = "1" * 40
JUST_TOO_BIG = str(KEY_MAX + 1)


# --- Before the database: no test here has database access, so any query would fail the test -------


def test_the_bound_is_the_one_sqlite_holds():
    database = sqlite3.connect(":memory:")
    assert database.execute("select ?", (KEY_MAX,)).fetchone() == (KEY_MAX,)
    with pytest.raises(OverflowError):
        database.execute("select ?", (KEY_MAX + 1,))


@pytest.mark.parametrize("value", [HUGE, JUST_TOO_BIG, "-" + JUST_TOO_BIG + "0", " " + HUGE + " ", "1e400"])
@pytest.mark.parametrize("queryset", [
    lambda: CoursePage.objects.all(),  # the key is a one-to-one link to wagtailcore.Page
    lambda: Team.objects.all(),
], ids=["page-subclass", "plain"])
def test_a_choice_no_key_can_hold_is_an_invalid_choice_without_a_query(queryset, value):
    field = fields.ModelChoiceField(queryset=queryset())
    if value == "1e400":  # not an integer: Django's own handling (a query) answers, so only check the guard
        assert not fields._out_of_key_range(field, value)
        return
    with pytest.raises(forms.ValidationError) as caught:
        field.clean(value)
    assert caught.value.code == "invalid_choice"


def test_several_choices_with_one_no_key_can_hold_are_an_invalid_choice_without_a_query():
    field = fields.ModelMultipleChoiceField(queryset=User.objects.all())
    with pytest.raises(forms.ValidationError) as caught:
        field.clean(["1", HUGE])
    assert caught.value.code == "invalid_choice"


def test_model_forms_and_plain_forms_use_the_bounded_fields():
    assert type(EventForm.base_fields["course_page"]) is fields.ModelChoiceField
    assert type(EventForm.base_fields["hosts"]) is fields.ModelMultipleChoiceField
    assert type(MembershipForm.base_fields["team"]) is fields.ModelChoiceField
    assert type(ManualCompletionForm.base_fields["course"]) is fields.ModelChoiceField


def test_the_id_converter_refuses_what_no_key_can_hold():
    converter = IdConverter()
    assert converter.to_python(str(KEY_MAX)) == KEY_MAX
    with pytest.raises(ValueError):
        converter.to_python(JUST_TOO_BIG)
    assert converter.to_url(7) == "7"


@pytest.mark.parametrize("name,kwargs", [
    ("scheduling:event_detail", {"pk": 1}),
    ("scheduling:session_edit", {"pk": 1}),
    ("courses:certificate_pdf", {"completion_id": 1}),
    ("courses:quiz_submit", {"lesson_id": 1, "block_id": "b"}),
    ("people:membership_edit", {"pk": 1}),
    ("compliance:roster_preview", {"slug": "x", "pk": 1}),
])
def test_urls_with_an_id_no_key_can_hold_do_not_resolve(name, kwargs):
    path = reverse(name, kwargs=kwargs)
    assert resolve(path).url_name == name.split(":")[1]
    key = next(k for k, v in kwargs.items() if v == 1)
    for number in (HUGE, JUST_TOO_BIG):
        # Not this view; at most Wagtail's catch-all page route, which answers 404 for a page that is not there.
        try:
            match = resolve(reverse(name, kwargs={**kwargs, key: 2}).replace("/2", "/" + number, 1))
        except Resolver404:
            continue
        assert match.url_name == "wagtail_serve", match
    assert resolve(reverse(name, kwargs={**kwargs, key: KEY_MAX})).kwargs[key] == KEY_MAX


def test_posted_ids_are_read_through_one_helper():
    assert parse_id("42") == 42 and parse_id(" 42 ") == 42 and parse_id(str(KEY_MAX)) == KEY_MAX
    for value in (HUGE, JUST_TOO_BIG, "0", "-1", "²", "٣", "1_000", "", None, "abc"):
        assert parse_id(value) is None, value
    assert parse_ids(["1", HUGE, "x", "2"]) == [1, 2]


# --- On a real SQLite connection: what Django's own fields would send -------------------------------


def test_on_sqlite_the_stock_query_overflows_and_the_bounded_field_never_sends_it(django_db_blocker):
    """Django's ModelMultipleChoiceField asks `pk__in=[...]`; on SQLite that query raises OverflowError.
    The bounded field refuses the value before building any query (no database access is allowed here)."""
    connection = SQLiteWrapper({
        "NAME": ":memory:", "USER": "", "PASSWORD": "", "HOST": "", "PORT": "", "OPTIONS": {}, "TIME_ZONE": None,
        "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False, "AUTOCOMMIT": True, "ATOMIC_REQUESTS": False, "TEST": {},
    }, alias="out_of_range_sqlite")
    with django_db_blocker.unblock():  # only this private in-memory SQLite connection, not the suite's
        try:
            with connection.schema_editor(atomic=False) as editor:
                editor.create_model(Municipality)
                editor.create_model(Team)
            stock = Team.objects.filter(pk__in=[int(HUGE)]).query.get_compiler(connection=connection)
            with pytest.raises(OverflowError):
                stock.execute_sql(MULTI)
            in_range = Team.objects.filter(pk__in=[KEY_MAX]).query.get_compiler(connection=connection)
            assert list(in_range.execute_sql(MULTI)) == []
        finally:
            connection.close()
    with pytest.raises(forms.ValidationError):
        fields.ModelMultipleChoiceField(queryset=Team.objects.all()).clean([HUGE])


# --- Over HTTP, on the suite's database ---------------------------------------------------------


@pytest.mark.django_db
def test_over_http_such_numbers_are_a_form_error_or_a_404(client, municipality, leader):
    client.force_login(leader)
    response = client.post(reverse("courses:assign", args=[municipality.slug]),
                           {"course": HUGE, "team": JUST_TOO_BIG, "person": ""})
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"course", "team"}
    response = client.post(reverse("compliance:book", args=[municipality.slug]), {"person": [HUGE, "²"], "hold": HUGE})
    assert response.status_code == 200 and "Der er et problem" in response.content.decode()
    for path in (f"/kalender/arrangement/{HUGE}/", f"/kurser/kursusbevis/{JUST_TOO_BIG}.pdf",
                 f"/medarbejdere/medlemskab/{HUGE}/", reverse("courses:team_progress", args=[municipality.slug])
                 + f"?team={HUGE}"):
        assert client.get(path).status_code == 404, path
