"""The helpers at the bottom of the house (web/): spreadsheet safety and the CPR guard."""

import pytest
from django.core.exceptions import ValidationError

from web.spreadsheets import neutralise
from web.validators import looks_like_cpr, refuse_cpr


@pytest.mark.parametrize("text", ["=1+1", "+45 12 34", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_could_start_a_formula_is_neutralised(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Sofie Bech", "", 42, -3, 1.5, None])
def test_other_values_are_left_alone(value):
    assert neutralise(value) == value


@pytest.mark.parametrize("text", ["CPR 010190-1234", "0101901234", "født 31.12 ... 311299 1234"])
def test_text_shaped_like_a_cpr_number_is_refused(text):
    assert looks_like_cpr(text)
    with pytest.raises(ValidationError) as caught:
        refuse_cpr(text)
    assert caught.value.code == "cpr"


@pytest.mark.parametrize("text", ["Orlov til 2027", "tlf. 12345678", "320190-1234", "12345678901"])
def test_numbers_that_are_not_cpr_pass(text):
    assert not looks_like_cpr(text)
    refuse_cpr(text)


def test_a_dict_of_answers_is_checked_value_by_value():
    refuse_cpr({"t1": "Ingen tal her"})
    with pytest.raises(ValidationError):
        refuse_cpr({"t1": "ok", "t2": "Barnets cpr er 020315-4321"})


def _script_src(response):
    policy = response["Content-Security-Policy"]
    return next(part for part in policy.split(";") if part.strip().startswith("script-src"))


@pytest.mark.django_db
def test_scripts_outside_the_wagtail_admin_come_from_this_site_only(client):
    assert "'unsafe-inline'" not in _script_src(client.get("/konto/login/"))
    assert "'unsafe-inline'" in _script_src(client.get("/admin/login/", follow=False))


@pytest.mark.django_db
def test_a_body_over_the_limit_is_refused_before_it_is_read(client, settings):
    settings.REQUEST_BODY_MAX_BYTES = 1024
    response = client.post("/konto/login/", data={"login": "x" * 2000, "password": "y"})
    assert response.status_code == 413
    assert "1,0" in response.content.decode() or "1.0" in response.content.decode()  # the limit, readable
    settings.REQUEST_BODY_MAX_BYTES = 10 * 1024 * 1024
    assert client.post("/konto/login/", data={"login": "x", "password": "y"}).status_code != 413
