"""The main navigation: every registered item reverses, and a wrong url name fails loudly."""

import pytest
from django.urls import NoReverseMatch

from people import navigation
from people.permissions import access_for

pytestmark = pytest.mark.django_db


def test_every_registered_item_has_a_real_url():
    items = navigation.registered()
    assert {"dashboard", "staff", "admin", "material"} <= {item.key for item in items}
    for item in items:
        assert item.url().startswith("/"), item.key


def test_a_wrong_url_name_fails_loudly_instead_of_vanishing(monkeypatch, leader):
    monkeypatch.setitem(navigation._registry, "broken", navigation.NavItem(
        key="broken", label="Broken", url_name="people:no_such_page", order=20,
        visible=lambda access: True,
    ))
    with pytest.raises(NoReverseMatch):
        navigation.items_for(access_for(leader))


def test_items_follow_the_role(caseworker, leader):
    assert "staff" not in [item["key"] for item in navigation.items_for(access_for(caseworker))]
    keys = [item["key"] for item in navigation.items_for(access_for(leader), path="/")]
    assert keys.index("dashboard") < keys.index("staff")
