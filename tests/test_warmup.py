"""gunicorn's master warms the application before forking its workers (lms/warmup.py): the warm-up
compiles the project's templates and loads what the first request would, and it touches neither the
database nor the cache, since a connection opened there would be shared by every forked worker."""

import sys

from django.core.cache import caches
from django.template import engines

from lms.warmup import warm_up


def test_the_warm_up_compiles_the_project_templates_and_opens_no_connection(monkeypatch):
    """No `db` mark: pytest-django refuses any database access here, so the warm-up has none."""
    touched = []
    for alias in ("default", "local"):
        cache = caches[alias]
        for method in ("get", "set", "add", "get_many", "incr"):
            monkeypatch.setattr(cache, method, lambda *a, _m=method, **k: touched.append(_m))
    compiled = warm_up()
    assert compiled >= 100
    assert touched == []
    # The templates a login storm renders first are in the cached loader now.
    loader = engines["django"].engine.template_loaders[0]  # Django's cached loader
    assert {"account/login.html", "people/dashboard.html", "courses/lesson_page.html"} <= set(loader.get_template_cache)


def test_the_warm_up_loads_the_password_hashers_library(settings, monkeypatch):
    settings.PASSWORD_HASHERS = ["people.hashers.OwaspArgon2PasswordHasher"]
    monkeypatch.delitem(sys.modules, "argon2", raising=False)  # as in a fresh process
    warm_up()
    assert "argon2" in sys.modules


def test_the_warm_up_does_what_a_first_login_quiz_answer_and_feed_did_in_each_worker():
    """Each was seen to cost a fresh worker tens of milliseconds on its first request under the 08:30
    rush: the e-mail validator's lazily compiled expression (every login form), the Celery app's
    finalization (every task sent) and the named namespaces' reverse lookups (the navigation)."""
    from django.core.validators import EmailValidator
    from django.urls import get_resolver
    from django.utils.functional import empty

    from lms.celery import app

    warm_up()
    assert EmailValidator.domain_regex._wrapped is not empty
    assert app.finalized
    namespaces = get_resolver().namespace_dict
    assert namespaces and all(child._populated for _prefix, child in namespaces.values())


def test_gunicorns_master_freezes_what_it_loaded_before_forking():
    """The objects loaded and warmed in the master are left out of the workers' garbage collections."""
    import gc
    import runpy
    from pathlib import Path

    from django.conf import settings

    class Log:
        def info(self, *args):
            pass

        def exception(self, *args):
            raise AssertionError(args)

    class Server:
        log = Log()

    conf = runpy.run_path(str(Path(settings.BASE_DIR) / "lms" / "gunicorn.conf.py"))
    gc.unfreeze()
    try:
        conf["when_ready"](Server())
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
