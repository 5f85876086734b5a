"""How `content` plugs in: everything it registers, in one place, called from `ContentConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from people import navigation


def connect():
    # The course material's entry point (a redirect to the course index, defined by courses). The url
    # name is reversed when the menu is drawn, so content does not import courses; a wrong name fails
    # there loudly (tests/people/test_navigation.py reverses every registered item).
    navigation.register(navigation.NavItem(
        key="material", label=_("Teaching material"), url_name="courses:material", order=50,
        visible=lambda access: access.is_authenticated,
    ))
