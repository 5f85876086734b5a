"""Benchmark the learner's views and the leader's team view at 10, 1,000 and 10,000 learners.

    python manage.py bench_learning [--sizes 10 1000 10000]

Each size is built with bulk_create inside a transaction that is rolled back afterwards, so the
database is left as it was. For each size the command prints the render time and query count of the
dashboard (/mit/), the learner's "My courses" page and the leader's team view.
"""

import datetime
import logging
import random
import time

from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.base import SessionBase
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from courses.models import (
    Completion,
    CompletionMethod,
    CourseIndexPage,
    CourseKind,
    CoursePage,
    Enrolment,
    EnrolmentSource,
    LessonPage,
    LessonProgress,
    LessonProgressMethod,
    ModulePage,
)
from people.models import Membership, Municipality, Team
from people.roles import Role


class _Rollback(Exception):
    pass


def _course_tree(label):
    home = Page.objects.filter(depth=2).first()
    if home is None:
        raise CommandError("The page tree has no home page. Run `manage.py migrate` first.")
    index = home.specific.add_child(instance=CourseIndexPage(title=f"Bench {label}", slug=f"bench-{label}"))
    courses = []
    for c in range(3):
        course = index.add_child(instance=CoursePage(
            title=f"Bench-kursus {c + 1}", slug=f"bench-kursus-{label}-{c}", kind=CourseKind.THEME, course_days=0,
        ))
        lessons = []
        for m in range(3):
            module = course.add_child(instance=ModulePage(title=f"Modul {m + 1}", slug=f"modul-{m}"))
            for i in range(4):
                lessons.append(module.add_child(instance=LessonPage(
                    title=f"Lektion {m + 1}.{i + 1}", slug=f"lektion-{m}-{i}",
                    body=[("paragraph", RichText("<p>Bench</p>"))],
                )))
        courses.append((course, lessons))
    return courses


def build(size, *, seed=1):
    """Build a municipality with `size` learners, their enrolments, progress and completions."""
    rng = random.Random(seed)
    User = get_user_model()
    label = f"{size}-{int(time.time() * 1000) % 100000}"
    municipality = Municipality.objects.create(code=f"B{size % 100:02d}", name=f"Benchkommune {label}",
                                               slug=f"benchkommune-{label}")
    teams = Team.objects.bulk_create([Team(municipality=municipality, name=f"Team {t + 1}") for t in range(10)])
    leader = User.objects.create(email=f"leder-{label}@bench.invalid", full_name="Bench Leder")
    Membership.objects.create(person=leader, role=Role.LEADER, municipality=municipality,
                              start_date=datetime.date(2020, 1, 1))
    courses = _course_tree(label)
    users = User.objects.bulk_create([
        User(email=f"l{n}-{label}@bench.invalid", full_name=f"Lærende {n:05d}", password="!")
        for n in range(size)
    ], batch_size=2000)
    Membership.objects.bulk_create([
        Membership(person=u, role=Role.CASEWORKER, municipality=municipality, team=teams[n % len(teams)],
                   start_date=datetime.date(2022, 1, 1))
        for n, u in enumerate(users)
    ], batch_size=2000)
    enrolments, progress, completions = [], [], []
    today = timezone.localdate()
    now = timezone.now()
    for user in users:
        for course, lessons in courses:
            if rng.random() < 0.3:
                continue
            enrolments.append(Enrolment(person=user, course=course, source=EnrolmentSource.ASSIGNED,
                                        due_date=today + datetime.timedelta(days=rng.randint(-30, 90))))
            done = rng.randint(0, len(lessons))
            progress += [LessonProgress(person=user, lesson=lesson, course=course,
                                        method=LessonProgressMethod.MARKED, completed_at=now)
                         for lesson in lessons[:done]]
            if done == len(lessons):
                completions.append(Completion(person=user, course=course, completed_on=today,
                                              method=CompletionMethod.E_LEARNING, recorded_at=now))
    Enrolment.objects.bulk_create(enrolments, batch_size=5000)
    LessonProgress.objects.bulk_create(progress, batch_size=5000)
    Completion.objects.bulk_create(completions, batch_size=5000)
    return {"municipality": municipality, "leader": leader, "learner": users[0],
            "rows": len(enrolments) + len(progress) + len(completions)}


def measure(view, request, **kwargs):
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        response = view(request, **kwargs)
        if hasattr(response, "render"):
            response.render()
        elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise CommandError(f"{request.path} answered {response.status_code}")
    return elapsed * 1000, len(ctx.captured_queries)


def _request(path, user):
    request = RequestFactory().get(path)
    request.user = user
    request.session = SessionBase()
    return request


def run_size(size):
    from courses.views import learning, team
    from people import views as people_views

    data = build(size)
    learner, leader, municipality = data["learner"], data["leader"], data["municipality"]
    results = {}
    results["dashboard"] = measure(people_views.dashboard, _request("/mit/", learner))
    results["my_courses"] = measure(learning.my_courses, _request("/kurser/mine/", learner))
    results["team"] = measure(team.team_progress, _request(f"/kurser/team/{municipality.slug}/", leader),
                              municipality_slug=municipality.slug)
    return data["rows"], results


class Command(BaseCommand):
    help = "Render time and query count of the dashboard and the team view at 10, 1,000 and 10,000 learners."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", nargs="+", type=int, default=[10, 1000, 10000])

    def handle(self, *args, sizes, **options):
        header = f"{'learners':>9} {'rows':>8} | {'dashboard ms':>12} {'q':>4} | {'my courses ms':>13} {'q':>4} | " \
                 f"{'team view ms':>12} {'q':>4}"
        logging.getLogger("wagtail").setLevel(logging.WARNING)  # no "Page created" line per lesson
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for size in sizes:
            if size < 1:
                raise CommandError("Sizes must be at least 1.")
            try:
                with transaction.atomic():
                    rows, r = run_size(size)
                    raise _Rollback
            except _Rollback:
                pass
            self.stdout.write(
                f"{size:>9,} {rows:>8,} | {r['dashboard'][0]:>12.1f} {r['dashboard'][1]:>4} | "
                f"{r['my_courses'][0]:>13.1f} {r['my_courses'][1]:>4} | {r['team'][0]:>12.1f} {r['team'][1]:>4}"
            )
        self.stdout.write(self.style.SUCCESS("Done; the benchmark data was rolled back."))
