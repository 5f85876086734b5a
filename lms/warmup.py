"""Load, once in gunicorn's master process, what each request would otherwise load on first use.

A fresh worker spent about a second on its first request (importing every URL module, compiling
templates, reading the translation catalogues), so a deploy or a restart right before 08:30 made the
first people to log in wait behind it (`make bench`, issue 12). With `preload_app`, gunicorn imports
the application in its master and forks the workers from it (lms/gunicorn.conf.py calls `warm_up`
before the first fork), so every worker starts warm. Touches neither the database nor the cache, so
no connection is shared across the fork."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import get_hashers
from django.core.cache import caches
from django.template import TemplateSyntaxError, engines
from django.template.exceptions import TemplateDoesNotExist
from django.urls import get_resolver
from django.utils import translation


def _project_templates():
    """The names of the project's own templates (its apps' and the shared ones), not the libraries'."""
    base = Path(settings.BASE_DIR)
    for directory in [base / "templates", *sorted(base.glob("*/templates"))]:
        for path in sorted(directory.rglob("*.html")):
            yield path.relative_to(directory).as_posix()


def warm_up() -> int:
    """Import the URLconf and the libraries that the password hashers and the cache import on first use
    (argon2, redis: a third of a second), read every language's catalogue and compile the project's
    templates into the cached loader. Returns how many templates were compiled."""
    for hasher in get_hashers():
        if getattr(hasher, "library", None):
            hasher._load_library()
    for cache in caches.all():
        getattr(cache, "_cache", None)  # the backend's client object: imports its library, connects nothing
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - imports every urls module
    resolver.reverse_dict  # noqa: B018 - and builds the reverse lookup
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Log in")
    engine = engines["django"]
    compiled = 0
    for name in _project_templates():
        try:
            engine.get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            continue  # a fragment found under another name, or one that needs its including template
        compiled += 1
    return compiled
