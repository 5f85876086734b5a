"""Every form a role can reach is submitted with hostile values: never a 500, never unescaped.

The forms are found by crawling the site as each role (from the dashboard, following links to our own
views), so a new form is covered as soon as a page links to it. Numbers no database key can hold go into
every field (choice fields included), every id in a crawled URL or form action, and every query-string
value: on PostgreSQL and on SQLite (whose driver overflows beyond 64 bits) alike, the answer is a
validation message or a 404.
"""

import io
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.urls import resolve

from people.models import User

from .crawl import crawl, own_route_name, parse

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('ics')</script>"
HOSTILE_VALUES = {
    "long": "æøå" * 4000 + SCRIPT,
    "control": "\x00\x01\x08\x1b[31m" + SCRIPT + "\u202e",
    "wrong_type": "ikke-et-tal-' OR 1=1 --",
    "script": SCRIPT + '"><img src=x onerror=alert(1)>',
    "out_of_range": "1" * 40,  # in choice fields: beyond any key (SQLite raises OverflowError past 2**63 - 1)
}
OUT_OF_RANGE_ID = str(2**63)  # one past the largest BigAutoField value
ROLES = [
    "sagsbehandler1@skanderborg.demo",
    "superbruger@skanderborg.demo",
    "leder@skanderborg.demo",
    "udbyder@via.demo",
    "admin@ics.demo",
]
# Actions that end the session or leave the crawl's reach are not attacked here.
SKIP_ROUTES = {None}
# URL arguments that only say WHICH object a view works on (a municipality, a person, an event, a lesson
# block): the view, its form and its validation are the same whichever object it is. Other arguments
# (the plan's `action`, an export's `fmt`) choose what the view does, and are part of a form's identity.
OBJECT_ARGUMENTS = {"pk", "slug", "token", "code", "key"}


def names_an_object(argument):
    return argument in OBJECT_ARGUMENTS or argument.endswith(("_id", "_slug"))


def form_identity(form, action):
    """What decides the requests a form is attacked with: its method, the view behind its action (with the
    arguments that choose behaviour, not those naming the object) and its fields' names and kinds.

    The crawl meets the same form many times: the national admin reaches the implementation plan of
    each of ~70 municipalities, six forms on each, and a leader's report is crawled once per sort and
    filter link, each copy with the same filter form. `hostile_payload` reads nothing of a field but its
    name and kind (defaults, hidden values and options are replaced by the hostile value; only the CSRF
    token is kept), and a GET form's query replaces the query of its action. So two forms with the same
    identity are sent the same hostile payloads by the same view code and form class, only about another
    object of the same kind – or, for the filter form on every sorted copy of a page, exactly the same
    requests. Every route and form shape a role reaches is still attacked with every hostile value, the
    empty POST and the out-of-range ids, once; attacking the copies took 9 of every 10 requests.
    """
    match = resolve(urlsplit(action).path)
    arguments = tuple(sorted((name, "<object>" if names_an_object(name) else str(value))
                             for name, value in match.kwargs.items()))
    return form.method, match.view_name, arguments, tuple((name, kind) for name, kind, _default, _options in form.fields)


@pytest.fixture
def demo_world(demo_in_transaction):
    """The demo as just loaded (loaded once for the module; each test's changes are rolled back)."""


def hostile_payload(form, value):
    data, files = {}, {}
    for name, kind, default, _options in form.fields:
        if name == "csrfmiddlewaretoken":
            data[name] = default
        elif kind == "file":
            files[name] = io.BytesIO(b"\x00\xff" + value.encode("utf-8", "replace") + b"\n;;;\n")
            files[name].name = "fjendtlig.csv"
        elif kind in ("checkbox", "radio"):
            data[name] = value[:50]
        elif kind == "select":
            data[name] = [value[:50], "999999999"]
        elif kind == "hidden":
            data[name] = value
        else:
            data[name] = value
    return {**data, **files}


def out_of_range_variants(url):
    """The URL with every number in its path, and separately every query-string value, out of range."""
    parts = urlsplit(url)
    if re.search(r"\d", parts.path):
        yield re.sub(r"\d+", OUT_OF_RANGE_ID, parts.path) + (f"?{parts.query}" if parts.query else "")
    if parts.query:
        query = urlencode([(name, HOSTILE_VALUES["out_of_range"]) for name, _value in parse_qsl(parts.query)])
        yield f"{parts.path}?{query}"


def assert_safe(response, where):
    assert response.status_code < 500, f"{response.status_code} from {where}"
    body = response.content.decode(errors="replace")
    assert SCRIPT not in body, f"unescaped script echoed by {where}"
    assert "onerror=alert(1)>" not in body.replace("&gt;", "").replace("&quot;", "") or "<img src=x" not in body, where


@pytest.mark.parametrize("email", ROLES)
def test_every_reachable_form_survives_hostile_input(client, demo_world, email):
    user = User.objects.get(email=email)
    client.force_login(user)
    attacked = 0
    attacked_forms = set()  # form_identity of every form attacked so far
    # Every number in a path becomes the same out-of-range id, so the crawled pages of one route with
    # different ids give the same out-of-range URL: it is requested (and checked) once.
    requested_variants = set()
    for path, response in crawl(client):
        assert response.status_code < 500, f"{response.status_code} on GET {path}"
        for variant in out_of_range_variants(path):
            if variant not in requested_variants:
                requested_variants.add(variant)
                assert_safe(client.get(variant), f"GET {variant} as {email}")
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in parse(response.content.decode(errors="replace")).forms:
            action = urljoin(path, form.action or path)
            if own_route_name(urlsplit(action).path) in SKIP_ROUTES:
                continue
            identity = form_identity(form, action)
            if identity in attacked_forms:
                continue  # the same view and form shape, already attacked (see form_identity)
            attacked_forms.add(identity)
            for label, value in HOSTILE_VALUES.items():
                payload = hostile_payload(form, value)
                where = f"{form.method.upper()} {action} ({label}) as {email}"
                if form.method == "post":
                    reply = client.post(action, payload)
                else:
                    reply = client.get(action, {k: v for k, v in payload.items() if isinstance(v, str)})
                assert_safe(reply, where)
                attacked += 1
            # Missing fields: only the CSRF token; and the action with its ids out of range.
            if form.method == "post":
                token = {n: d for n, k, d, _ in form.fields if n == "csrfmiddlewaretoken"}
                assert_safe(client.post(action, token), f"POST {action} (empty) as {email}")
                payload = hostile_payload(form, HOSTILE_VALUES["out_of_range"])
                for variant in out_of_range_variants(urlsplit(action).path):
                    assert_safe(client.post(variant, payload), f"POST {variant} (out of range) as {email}")
            client.force_login(user)  # a form may have changed the session (e.g. renewed a token)
    assert attacked > 0, f"no form reached as {email}"
