"""Prepare the bench database (run inside Django): caseworker accounts, a bare Wagtail page of similar
size to a lesson, and the plan of URLs the Locust scenario uses. Prints the plan as JSON."""

import datetime
import json
import os
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from content.models import HomePage, StandardPage  # noqa: E402
from courses.models import LessonPage  # noqa: E402
from courses.services.enrolment import enrolment_ensure  # noqa: E402
from people.demo import DEMO_PASSWORD  # noqa: E402
from people.models import Membership, Municipality, User  # noqa: E402
from scheduling.models import Event, Registration  # noqa: E402
from scheduling.services.registration import registration_create  # noqa: E402

settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]

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
    # Enrolled in the lesson's course, as a caseworker on a cohort of the basic course is (a cohort
    # registration enrols): the lesson page then reads their progress too.
    for user in caseworkers:
        enrolment_ensure(person=user, course=lesson.course)
    home = HomePage.objects.first()
    # The first bench caseworker is booked on an event, so their calendar feed has something to change.
    event = Event.objects.filter(municipality=skanderborg, cancelled_at__isnull=True,
                                 sessions__starts_at__gt=timezone.now()).exclude(kind=Event.Kind.COHORT).first()
    if event is not None and not Registration.objects.filter(event=event, person=caseworkers[0]).exists():
        registration_create(event=event, person=caseworkers[0], by=None)


def page_bytes(url):
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(caseworkers[0])
    return len(client.get(url).content)


# A bare Wagtail page of the same byte size as the lesson (both logged in), so the comparison is fair.
PARAGRAPH = "<p>" + "ICS-trekanten samler barnets udvikling, forældrekompetencer og familie og netværk. " * 8 + "</p>"
with transaction.atomic():
    bare = StandardPage.objects.filter(slug="bench-baseline").first()
    if bare is None:
        bare = home.add_child(instance=StandardPage(title="Baseline", slug="bench-baseline", body=PARAGRAPH))
        bare.save_revision().publish()
    target = page_bytes(lesson.url)
    for _ in range(3):  # the page's frame is fixed, its body grows by paragraphs: settles in a step or two
        size, count = page_bytes(bare.url), max(1, len(str(bare.body)) // len(PARAGRAPH))
        if abs(size - target) < len(PARAGRAPH):
            break
        count = max(1, count + round((target - size) / len(PARAGRAPH)))
        bare.body = PARAGRAPH * count
        bare.save_revision().publish()
        bare.refresh_from_db()

report_url = reverse("compliance:municipal", kwargs={"slug": "skanderborg"})
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
