"""Prepare the bench database (run inside Django): caseworker accounts, a bare Wagtail page of similar
size to a lesson, and the plan of URLs the Locust scenario uses. Prints the plan as JSON."""

import datetime
import json
import os
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.db import transaction  # noqa: E402
from django.urls import reverse  # noqa: E402

from content.models import HomePage, StandardPage  # noqa: E402
from courses.models import LessonPage  # noqa: E402
from people.demo import DEMO_PASSWORD  # noqa: E402
from people.models import Membership, Municipality, User  # noqa: E402

USERS = int(os.environ.get("BENCH_USERS", "100"))

with transaction.atomic():
    skanderborg = Municipality.objects.get(slug="skanderborg")
    caseworkers = []
    for n in range(USERS):
        user, created = User.objects.get_or_create(
            email=f"bench{n}@skanderborg.demo", defaults={"full_name": f"Bench Sagsbehandler {n}"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            Membership.objects.create(person=user, role="sagsbehandler", municipality=skanderborg,
                                      start_date=datetime.date(2026, 1, 1))
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        caseworkers.append(user)

    lesson = LessonPage.objects.live().filter(body__icontains="quiz").first() or LessonPage.objects.live().first()
    home = HomePage.objects.first()
    bare = StandardPage.objects.filter(slug="bench-baseline").first()
    if bare is None:
        paragraph = "<p>" + "ICS-trekanten samler barnets udvikling, forældrekompetencer og familie og netværk. " * 8 + "</p>"
        bare = home.add_child(instance=StandardPage(title="Baseline", slug="bench-baseline", body=paragraph * 20))
        bare.save_revision().publish()

try:
    report_url = reverse("compliance:municipal", kwargs={"slug": "skanderborg"})
except Exception:
    report_url = "/mit/"
plan = {
    "password": DEMO_PASSWORD,
    "caseworkers": [
        {"email": u.email, "feed_url": reverse("scheduling:personal_feed", kwargs={"token": u.calendar_token})}
        for u in caseworkers
    ],
    "leader": {"email": "leder@skanderborg.demo"},
    "lesson_url": lesson.url,
    "report_url": report_url,
    "bare_url": bare.url,
}
print(json.dumps(plan))
