"""Licence agreements in the Wagtail admin: national admins create and change them; every change is
appended to the licence history; leaders cannot reach them."""

import datetime

import pytest
from django.urls import reverse

from compliance.models import LicenceAgreement, LicenceTerms

pytestmark = pytest.mark.django_db


def form_data(municipality, **overrides):
    data = {
        "municipality": municipality.pk, "signed_on": "2021-03-01", "status": "active",
        "grace_period_days": "365", "min_superusers": "2", "brush_up_years": "",
        "changes_valid_from": "2021-03-01", "change_reason": "Underskrevet",
    }
    data.update(overrides)
    return data


def test_national_admin_creates_and_changes_an_agreement_with_history(client, admin_user, municipality):
    client.force_login(admin_user)
    add_url = reverse("wagtailsnippets_compliance_licenceagreement:add")
    response = client.post(add_url, form_data(municipality))
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement = LicenceAgreement.objects.get(municipality=municipality)
    assert list(agreement.terms.values_list("valid_from", "grace_period_days")) == [(datetime.date(2021, 3, 1), 365)]
    edit_url = reverse("wagtailsnippets_compliance_licenceagreement:edit", args=[agreement.pk])
    form = client.get(edit_url)
    assert form.status_code == 200
    response = client.post(edit_url, form_data(municipality, grace_period_days="200",
                                               changes_valid_from="2025-01-01", change_reason="Ny aftale"))
    assert response.status_code == 302
    history = list(LicenceTerms.objects.filter(agreement=agreement).values_list("valid_from", "grace_period_days",
                                                                               "recorded_by"))
    assert history == [(datetime.date(2021, 3, 1), 365, admin_user.pk), (datetime.date(2025, 1, 1), 200, admin_user.pk)]


def test_a_leader_cannot_manage_agreements(client, leader):
    client.force_login(leader)
    response = client.get(reverse("wagtailsnippets_compliance_licenceagreement:list"))
    assert response.status_code in (302, 403)
