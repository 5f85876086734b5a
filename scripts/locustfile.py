"""The 08:30 rush: caseworkers log in, open the dashboard, a lesson, answer a quiz and fetch their
calendar feed; leaders open the compliance report. A second user class reads a bare Wagtail page of
similar size, to express our overhead as a ratio. The plan (accounts and URLs) comes from BENCH_PLAN."""

import itertools
import json
import os
import re
from html.parser import HTMLParser

from locust import HttpUser, between, task

PLAN = json.load(open(os.environ["BENCH_PLAN"]))
_ACCOUNTS = itertools.count()


class _QuizForm(HTMLParser):
    def __init__(self):
        super().__init__()
        self.action, self.inputs, self._in = None, {}, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "/quiz/" in (a.get("action") or "") and self.action is None:
            self.action, self._in = a["action"], True
        elif tag == "input" and self._in and a.get("name"):
            if a.get("type") in ("radio", "checkbox"):
                self.inputs.setdefault(a["name"], a.get("value", ""))
            elif a.get("type") == "hidden":
                self.inputs[a["name"]] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._in = False


def login(client, email, password):
    page = client.get("/konto/login/", name="1 login (form)")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    with client.post("/konto/login/", {"login": email, "password": password, "csrfmiddlewaretoken": token},
                     headers={"Referer": client.base_url + "/konto/login/"}, name="1 login",
                     catch_response=True) as response:
        if "/konto/login/" in response.url:
            # Say why, so that a failed run can be diagnosed from its failures file alone.
            errors = re.findall(r'class="(?:errorlist[^"]*|messages?[^"]*|alert[^"]*)"[^>]*>(.*?)</', response.text, re.S)
            reason = " ".join(" ".join(e.split()) for e in errors)[:200] or "no message on the page"
            response.failure(f"login did not succeed (HTTP {response.status_code}, {email}): {reason}")


class Caseworker(HttpUser):
    weight = 5
    wait_time = between(0.5, 2)

    def on_start(self):
        # Each simulated person logs in to an account of their own, as in a course room (the plan holds
        # as many accounts as the largest run has users).
        self.account = PLAN["caseworkers"][next(_ACCOUNTS) % len(PLAN["caseworkers"])]
        login(self.client, self.account["email"], PLAN["password"])

    @task
    def rush(self):
        self.client.get("/mit/", name="2 dashboard")
        lesson = self.client.get(PLAN["lesson_url"], name="3 lesson")
        form = _QuizForm()
        form.feed(lesson.text)
        if form.action:
            form.inputs["csrfmiddlewaretoken"] = self.client.cookies.get("csrftoken", "")
            self.client.post(form.action, form.inputs, name="4 quiz answer",
                             headers={"Referer": self.client.base_url + PLAN["lesson_url"]})
        self.client.get(self.account["feed_url"], name="5 calendar feed")


class Leader(HttpUser):
    weight = 1
    wait_time = between(1, 3)

    def on_start(self):
        login(self.client, PLAN["leader"]["email"], PLAN["password"])

    @task
    def report(self):
        self.client.get(PLAN["report_url"], name="6 leader's report")


class BarePage(HttpUser):
    """The baseline run (chosen on the command line): a plain Wagtail page of similar size."""

    wait_time = between(0.5, 2)

    @task
    def bare(self):
        self.client.get(PLAN["bare_url"], name="bare Wagtail page")

