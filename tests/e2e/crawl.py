"""A small same-site crawler over the Django test client, for the isolation and hostile-input tests."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve

from .urlmap import OWN_NAMESPACES, OWN_TOP_LEVEL_NAMES


@dataclass
class Form:
    action: str
    method: str
    fields: list = field(default_factory=list)  # (name, kind, value, options)


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms = [], []
        self._form, self._select = None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(action=a.get("action") or "", method=(a.get("method") or "get").lower())
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select", "button") and a.get("name"):
            kind = a.get("type", "text").lower() if tag == "input" else tag
            if tag == "select":
                self._select = [a["name"], "select", None, []]
                self._form.fields.append(self._select)
            elif kind not in ("submit", "button", "reset", "image") and tag != "button":
                self._form.fields.append([a["name"], kind, a.get("value", ""), []])
        elif tag == "option" and self._select is not None:
            self._select[3].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def parse(html):
    parser = _PageParser()
    parser.feed(html)
    return parser


def own_route_name(path):
    """The route name when the path is one of our own views, else None."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    name = match.view_name
    namespace = name.split(":")[0] if ":" in name else None
    if namespace in OWN_NAMESPACES or name in OWN_TOP_LEVEL_NAMES:
        return name
    return None


def is_crawlable(path):
    """Our own views, and the course pages Wagtail serves (lessons carry the exercise forms)."""
    if own_route_name(path):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.url_name == "wagtail_serve" and path.startswith("/kurser/")


def crawl(client, start="/mit/", limit=120):
    """Visit our own pages reachable by links from `start`; yield (path, response)."""
    seen, queue = set(), [start]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        yield path, response
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in parse(response.content.decode(errors="replace")).links:
            target = urljoin(path, href)
            parts = urlsplit(target)
            if parts.netloc and parts.netloc != "testserver":
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local not in seen and is_crawlable(parts.path):
                queue.append(local)
