"""The 08:30 rush: caseworkers log in, open the dashboard, a lesson, answer a quiz and fetch their
calendar feed; leaders open the compliance report. A second user class reads a bare Wagtail page of
similar size, to express our overhead as a ratio. The plan (accounts and URLs) comes from BENCH_PLAN.

The users are Locust's FastHttpUser (geventhttpclient): the load generator shares the server's two
cores, and the requests-based client spent several times the CPU per request. Each step is one request,
timed on its own: "1 login" is the POST up to its redirect, and the dashboard it leads to is "2 dashboard"."""

import itertools
import json
import os
import re
from html.parser import HTMLParser

from locust import FastHttpUser, between, task

PLAN = json.load(open(os.environ["BENCH_PLAN"]))
_ACCOUNTS = itertools.count()
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_QUIZ_FORM = re.compile(r'<form[^>]*action="[^"]*/quiz/[^"]*".*?</form>', re.S)


class _QuizForm(HTMLParser):
    """The first quiz form's action and fields (the first answer of each question)."""

    def __init__(self):
        super().__init__()
        self.action, self.inputs = None, {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.action is None:
            self.action = a["action"]
        elif tag == "input" and a.get("name"):
            if a.get("type") in ("radio", "checkbox"):
                self.inputs.setdefault(a["name"], a.get("value", ""))
            elif a.get("type") == "hidden":
                self.inputs[a["name"]] = a.get("value", "")


def quiz_form(page: str) -> _QuizForm:
    form = _QuizForm()
    match = _QUIZ_FORM.search(page)
    if match:  # parse only the form, not the whole 47 KB page
        form.feed(match.group(0))
    return form


def login(user, email, password):
    page = user.client.get("/konto/login/", name="1 login (form)")
    token = _CSRF.search(page.text).group(1)
    with user.client.post("/konto/login/", data={"login": email, "password": password, "csrfmiddlewaretoken": token},
                          headers={"Referer": user.host + "/konto/login/"}, name="1 login",
                          allow_redirects=False, catch_response=True) as response:
        target = response.headers.get("Location") or ""
        if response.status_code != 302 or "/konto/login/" in target:
            # Say why, so that a failed run can be diagnosed from its failures file alone.
            errors = re.findall(r'class="(?:errorlist[^"]*|messages?[^"]*|alert[^"]*)"[^>]*>(.*?)</',
                                response.text or "", re.S)
            reason = " ".join(" ".join(e.split()) for e in errors)[:200] or "no message on the page"
            response.failure(f"login did not succeed (HTTP {response.status_code}, {email}): {reason}")
        else:
            response.success()


class Caseworker(FastHttpUser):
    weight = 5
    wait_time = between(0.5, 2)

    def on_start(self):
        # Each simulated person logs in to an account of their own, as in a course room (the plan holds
        # as many accounts as the largest run has users).
        self.account = PLAN["caseworkers"][next(_ACCOUNTS) % len(PLAN["caseworkers"])]
        login(self, self.account["email"], PLAN["password"])

    @task
    def rush(self):
        self.client.get("/mit/", name="2 dashboard")
        lesson = self.client.get(PLAN["lesson_url"], name="3 lesson")
        form = quiz_form(lesson.text or "")
        if form.action:
            self.client.post(form.action, data=form.inputs, name="4 quiz answer",
                             headers={"Referer": self.host + PLAN["lesson_url"]})
        # As a calendar program polls: with the ETag of its last copy, so an unchanged feed answers 304.
        headers = {"If-None-Match": self.feed_etag} if getattr(self, "feed_etag", None) else {}
        with self.client.get(self.account["feed_url"], name="5 calendar feed", headers=headers,
                             catch_response=True) as feed:
            if feed.status_code in (200, 304):
                self.feed_etag = feed.headers.get("ETag") or getattr(self, "feed_etag", None)
                feed.success()
            else:
                feed.failure(f"feed answered HTTP {feed.status_code}")


class Leader(FastHttpUser):
    weight = 1
    wait_time = between(1, 3)

    def on_start(self):
        login(self, PLAN["leader"]["email"], PLAN["password"])

    @task
    def report(self):
        self.client.get(PLAN["report_url"], name="6 leader's report")


class BarePage(FastHttpUser):
    """The baseline run (chosen on the command line): a plain Wagtail page of similar size."""

    wait_time = between(0.5, 2)

    @task
    def bare(self):
        self.client.get(PLAN["bare_url"], name="bare Wagtail page")
