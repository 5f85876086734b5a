"""The compliance benchmark: build 98 municipalities with 20,000 people (bulk_create), then time the
national report, a municipal report of 2,000 people and the XLSX export, beside one raw SQL aggregate
that computes the same national figures."""

import datetime
import random
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from people.models import Membership, Municipality, Team, User
from people.roles import Role

from .models import Exemption, LicenceAgreement, LicenceTerms

EMAIL_DOMAIN = "bench.invalid"


class Rollback(Exception):
    pass


@dataclass
class Timing:
    label: str
    seconds: float
    queries: int | None
    note: str = ""
    mismatches: int = 0


def _basic_and_superuser_pages():
    from wagtail.models import Page

    from courses.models import CoursePage

    pages = {}
    root = Page.get_first_root_node()
    for kind in ("grundkursus", "superbrugerkursus"):
        page = CoursePage.objects.filter(kind=kind).first()
        if page is None:
            page = root.add_child(instance=CoursePage(title=f"Benchmark {kind}", slug=f"benchmark-{kind}", kind=kind))
        pages[kind] = page
    return pages


def build(*, people=20_000, big=2_000, seed=2026, stdout=None):
    """Write the benchmark data with bulk_create. Returns the municipality with `big` people."""
    from courses.models import Completion

    rng = random.Random(seed)
    today = timezone.localdate()
    missing = 98 - Municipality.objects.count()
    if missing > 0:  # an empty database (the 98 come from a data migration): make stand-ins
        taken = set(Municipality.objects.values_list("code", flat=True))
        codes = [f"{n:03d}" for n in range(1000) if f"{n:03d}" not in taken][:missing]
        Municipality.objects.bulk_create([
            Municipality(code=code, name=f"Benchmark kommune {code}", slug=f"benchmark-kommune-{code}")
            for code in codes
        ])
    municipalities = list(Municipality.objects.order_by("code"))
    target = municipalities[0]
    pages = _basic_and_superuser_pages()
    teams = Team.objects.bulk_create(
        [Team(municipality=m, name=f"Benchmark team {i}") for m in municipalities for i in range(3)],
    )
    teams_by = {}
    for team in teams:
        teams_by.setdefault(team.municipality_id, []).append(team)
    users = User.objects.bulk_create(
        [User(email=f"p{i}@{EMAIL_DOMAIN}", full_name=f"Bench Person {i}", password="!") for i in range(people)],
        batch_size=2000,
    )
    memberships, completions, exemptions = [], [], []
    for i, user in enumerate(users):
        municipality = target if i < big else municipalities[1 + i % (len(municipalities) - 1)]
        start = today - datetime.timedelta(days=rng.randint(0, 3000))
        ended = rng.random() < 0.05
        role = Role.SUPERUSER if rng.random() < 0.03 else Role.CASEWORKER
        memberships.append(Membership(
            person=user, role=role, municipality=municipality, team=rng.choice(teams_by[municipality.pk]),
            start_date=start, end_date=start + datetime.timedelta(days=rng.randint(30, 900)) if ended else None,
        ))
        if rng.random() < 0.65:
            done = start + datetime.timedelta(days=rng.randint(-200, 500))
            completions.append(Completion(person=user, course=pages["grundkursus"], completed_on=min(done, today),
                                          method="imported"))
        if role == Role.SUPERUSER and rng.random() < 0.7:
            completions.append(Completion(person=user, course=pages["superbrugerkursus"],
                                          completed_on=start + datetime.timedelta(days=100), method="imported"))
        if rng.random() < 0.01:
            exemptions.append(Exemption(person=user, municipality=municipality, reason="Benchmark",
                                        valid_from=start, granted_by=user))
    # Memberships end after they start; drop impossible end dates.
    for m in memberships:
        if m.end_date and m.end_date < m.start_date:
            m.end_date = None
    Membership.objects.bulk_create(memberships, batch_size=2000)
    Completion.objects.bulk_create(completions, batch_size=2000)
    Exemption.objects.bulk_create(exemptions, batch_size=2000)
    licensed = [m for m in municipalities if rng.random() < 0.75 or m == target]
    existing = set(LicenceAgreement.objects.values_list("municipality_id", flat=True))
    agreements = LicenceAgreement.objects.bulk_create([
        LicenceAgreement(municipality=m, signed_on=datetime.date(2019, 1, 1), changes_valid_from=datetime.date(2019, 1, 1))
        for m in licensed if m.pk not in existing
    ])
    LicenceTerms.objects.bulk_create([
        LicenceTerms(agreement=a, valid_from=a.signed_on, status=a.status, grace_period_days=a.grace_period_days,
                     min_superusers=a.min_superusers, brush_up_years=None)
        for a in agreements
    ])
    if stdout:
        stdout.write(f"Built {len(users)} people in {len(municipalities)} municipalities "
                     f"({big} in {target.name}), {len(completions)} completions, {len(exemptions)} exemptions.")
    return target


RAW_NATIONAL_SQL = """
WITH staff AS (
    SELECT m.municipality_id, m.person_id, MIN(m.start_date) AS start_date,
           BOOL_OR(m.role = 'superbruger') AS is_superuser
    FROM people_membership m
    WHERE m.role IN ('sagsbehandler', 'superbruger') AND m.municipality_id IS NOT NULL
      AND m.start_date <= %(day)s AND (m.end_date IS NULL OR m.end_date >= %(day)s)
    GROUP BY m.municipality_id, m.person_id
),
done AS (
    SELECT c.person_id, BOOL_OR(p.kind = 'grundkursus') AS basic, BOOL_OR(p.kind = 'superbrugerkursus') AS su_course
    FROM courses_completion c
    JOIN courses_coursepage p ON p.page_ptr_id = c.course_id
    LEFT JOIN courses_completionrevocation r ON r.completion_id = c.id
    WHERE c.completed_on <= %(day)s AND (r.id IS NULL OR (r.revoked_at AT TIME ZONE %(tz)s)::date > %(day)s)
    GROUP BY c.person_id
),
exempt AS (
    SELECT DISTINCT e.person_id, e.municipality_id
    FROM compliance_exemption e
    LEFT JOIN compliance_exemptionwithdrawal w ON w.exemption_id = e.id
    WHERE e.valid_from <= %(day)s AND (e.valid_until IS NULL OR e.valid_until >= %(day)s)
      AND (w.id IS NULL OR w.withdrawn_on > %(day)s)
),
terms AS (
    SELECT DISTINCT ON (a.municipality_id) a.municipality_id, t.grace_period_days, t.min_superusers
    FROM compliance_licenceterms t
    JOIN compliance_licenceagreement a ON a.id = t.agreement_id
    WHERE t.valid_from <= %(day)s
    ORDER BY a.municipality_id, t.valid_from DESC, t.recorded_at DESC, t.id DESC
)
SELECT mu.id,
       COUNT(s.person_id) AS total,
       COUNT(*) FILTER (WHERE d.basic) AS completed,
       COUNT(*) FILTER (WHERE s.person_id IS NOT NULL AND NOT COALESCE(d.basic, FALSE) AND x.person_id IS NOT NULL)
           AS exempt,
       COUNT(*) FILTER (WHERE s.person_id IS NOT NULL AND NOT COALESCE(d.basic, FALSE) AND x.person_id IS NULL
                        AND s.start_date + COALESCE(t.grace_period_days, 365) < %(day)s) AS overdue,
       COUNT(*) FILTER (WHERE s.is_superuser AND d.su_course) AS qualified_superusers
FROM people_municipality mu
LEFT JOIN staff s ON s.municipality_id = mu.id
LEFT JOIN done d ON d.person_id = s.person_id
LEFT JOIN exempt x ON x.person_id = s.person_id AND x.municipality_id = s.municipality_id
LEFT JOIN terms t ON t.municipality_id = mu.id
GROUP BY mu.id
"""


def raw_national(day):
    """The national figures from one SQL statement (PostgreSQL): {municipality id: (total, completed,
    exempt, overdue, qualified superusers)}. Does not look at enrolments or registrations ("I gang")."""
    from django.conf import settings

    with connection.cursor() as cursor:
        cursor.execute(RAW_NATIONAL_SQL, {"day": day, "tz": settings.TIME_ZONE})
        return {row[0]: tuple(row[1:]) for row in cursor.fetchall()}


def _timed(label, fn, repeat=3):
    best, queries, result = None, None, None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            result = fn()
            elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
        queries = len(ctx.captured_queries)
    return Timing(label, best, queries), result


def measure(*, target, stdout=None):
    from . import exports
    from .selectors import reports

    today = timezone.localdate()
    national, rows = _timed("National report (98 municipalities)", lambda: reports.national_report(as_of=today))
    municipal, report = _timed(
        f"Municipal report ({target.name})", lambda: reports.municipal_report(municipality=target, as_of=today)
    )
    report_people = report.figures.total

    def export():
        r = reports.municipal_report(municipality=target, as_of=today)
        header, body = exports.municipal_table(r, r.rows)
        return exports.xlsx_bytes("Benchmark", header, body, as_of=today)

    xlsx, data = _timed("XLSX export of the municipal report", export)
    xlsx.note = f"{len(data) // 1024} KB"
    municipal.note = f"{report_people} people on the staff today"
    timings = [national, municipal, xlsx]
    if connection.vendor == "postgresql":
        raw, figures = _timed("Raw SQL aggregate (same national figures)", lambda: raw_national(today))
        timings.append(raw)
        mismatches = 0
        for row in rows:
            f = row.figures
            mine = (f.total, f.completed, f.exempt, f.overdue, f.qualified_superusers)
            if figures.get(row.municipality.pk) != mine:
                mismatches += 1
        raw.note = "figures agree with the report" if not mismatches else f"{mismatches} municipalities differ"
        raw.mismatches = mismatches
        ratio = national.seconds / raw.seconds if raw.seconds else float("inf")
    else:
        ratio = None
    return timings, ratio


def run(*, people=20_000, big=2_000, keep=False, stdout=None):
    """Build, measure and (unless keep) roll everything back. Returns (timings, ratio)."""
    result = {}
    try:
        with transaction.atomic():
            start = time.perf_counter()
            target = build(people=people, big=big, stdout=stdout)
            if stdout:
                stdout.write(f"Build took {time.perf_counter() - start:.1f} s.")
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("ANALYZE")
            result["out"] = measure(target=target, stdout=stdout)
            if not keep:
                raise Rollback
    except Rollback:
        pass
    return result["out"]
