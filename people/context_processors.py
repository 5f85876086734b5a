from . import navigation as nav
from .permissions import access_for


def navigation(request):
    """The viewer's access and the main navigation that fits their roles, for base.html."""
    access = access_for(getattr(request, "user", None))
    return {"access": access, "main_navigation": nav.items_for(access, getattr(request, "path", ""))}
