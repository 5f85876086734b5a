"""Load, once in gunicorn's master process, what each request would otherwise load on first use.

A fresh worker spent about a second on its first request (importing every URL module, compiling
templates, reading the translation catalogues), so a deploy or a restart right before 08:30 made the
first people to log in wait behind it (`make bench`, issue 12). With `preload_app`, gunicorn imports
the application in its master and forks the workers from it (lms/gunicorn.conf.py calls `warm_up`
before the first fork), so every worker starts warm. Touches neither the database nor the cache, so
no connection is shared across the fork.

What is warmed is what a fresh worker was seen to load on its first visit of each page of the rush
(`sys.modules` and a profile before and after): besides the above, the e-mail validator's regular
expressions (compiled on the first login, a third of the login's time), the Danish date and number
formats, Celery's message layer and broker transport (imported on the first task sent, which made the
first quiz answer in each worker four times slower) and the time-zone list that icalendar reads on the
first calendar feed. Four workers each paid all of it at 08:30."""

import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import get_hashers
from django.core.cache import caches
from django.core.validators import validate_email
from django.forms.renderers import get_default_renderer
from django.template import TemplateSyntaxError, engines
from django.template.exceptions import TemplateDoesNotExist
from django.urls import get_resolver
from django.utils import formats, translation
from django.utils.module_loading import import_string


def _project_templates():
    """The names of the project's own templates (its apps' and the shared ones), not the libraries'."""
    base = Path(settings.BASE_DIR)
    for directory in [base / "templates", *sorted(base.glob("*/templates"))]:
        for path in sorted(directory.rglob("*.html")):
            yield path.relative_to(directory).as_posix()


def _warm_resolver(resolver):
    """Import every urls module and build the reverse lookup of the root and of each namespace: a
    namespace's own lookup is built on its first `reverse`, such as the navigation's on every page."""
    resolver.url_patterns  # noqa: B018 - imports the urls modules
    resolver.reverse_dict  # noqa: B018 - builds the reverse lookup
    for _prefix, child in resolver.namespace_dict.values():
        _warm_resolver(child)


def _warm_task_messages():
    """Finalize the Celery app (its task classes are built on first use) and import its message layer,
    result backend and the broker's transport, as sending the first task would. The transport is a
    class; no connection to the broker is made. Nothing more to do when tasks run eagerly."""
    from lms.celery import app

    app.tasks  # noqa: B018 - finalizes the app
    if app.conf.task_always_eager:
        return
    app.backend  # noqa: B018
    app.amqp.create_task_message("warm-up", "warm-up", (), {})
    app.connection_for_write().transport  # noqa: B018 - imports kombu's transport module
    import celery.result  # noqa: F401 - the AsyncResult that every send returns


def _warm_time_zones():
    """icalendar reads the list of every time zone (a walk of tzdata) the first time it parses one, as
    every calendar feed does with its VTIMEZONE."""
    from scheduling.ical import vtimezone

    vtimezone()


def warm_up() -> int:
    """Import the URLconf and the libraries that the password hashers and the cache import on first use
    (argon2, redis: a third of a second), read every language's catalogue and compile the project's
    templates into the cached loader. Returns how many templates were compiled."""
    for hasher in get_hashers():
        if getattr(hasher, "library", None):
            hasher._load_library()
    for cache in caches.all():
        getattr(cache, "_cache", None)  # the backend's client object: imports its library, connects nothing
    _warm_resolver(get_resolver())
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Log in")
            formats.date_format(datetime.date(2026, 1, 1))  # the locale's format module, read once
            formats.number_format(1.5)
    validate_email("warm-up@example.dk")  # compiles the validator's lazily compiled expressions
    _warm_task_messages()
    _warm_time_zones()
    engine = engines["django"]
    engine.engine.template_context_processors  # noqa: B018 - imports the context processors
    get_default_renderer().engine  # noqa: B018 - the form renderer's own template engine
    for path in (settings.SESSION_SERIALIZER, settings.MESSAGE_STORAGE, settings.ACCOUNT_ADAPTER):
        import_string(path)
    compiled = 0
    for name in _project_templates():
        try:
            engine.get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            continue  # a fragment found under another name, or one that needs its including template
        compiled += 1
    return compiled
