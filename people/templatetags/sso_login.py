"""The login page's municipal-login part: which municipalities can log in with their own login, and
which one this browser chose last time (a cookie)."""

from django import template

from ..sso import config, selectors
from ..sso.views import MUNICIPALITY_COOKIE

register = template.Library()


@register.simple_tag(takes_context=True)
def sso_login_choices(context):
    request = context.get("request")
    if not config.is_configured():
        return {"choices": [], "remembered": ""}
    return {
        "choices": selectors.login_choices(),
        "remembered": request.COOKIES.get(MUNICIPALITY_COOKIE, "") if request is not None else "",
    }
