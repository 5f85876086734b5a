"""The foundation's own dashboard panels: account, staff overview, provider, national secretariat.

Registered from `people.wiring`."""

from allauth.mfa.models import Authenticator

from .models import Municipality, Provider
from .permissions import coordinated_providers
from .selectors import municipality_staff_counts


def account_panel(request, access):
    has_mfa = Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists()
    return {"template": "people/panels/account.html", "order": 90, "has_mfa": has_mfa}


def staff_panel(request, access):
    if access.is_national_admin or not access.led_municipality_ids:
        return None
    return {
        "template": "people/panels/staff.html",
        "order": 50,
        "municipalities": list(municipality_staff_counts(viewer=request.user)),
    }


def provider_panel(request, access):
    if access.is_national_admin or not access.provider_ids():
        return None
    return {"template": "people/panels/provider.html", "order": 50, "providers": list(coordinated_providers(request.user))}


def national_panel(request, access):
    if not access.is_national_admin:
        return None
    return {
        "template": "people/panels/national.html",
        "order": 40,
        "municipality_count": Municipality.objects.count(),
        "provider_count": Provider.objects.count(),
    }

