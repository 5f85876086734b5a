"""One browser journey per role, on the demo world, with axe-core on every page visited.

Caseworker: log in, dashboard, a lesson, a magnet exercise by keyboard alone, a quiz, sign up for a
theme day, copy the calendar feed link.
"""

import re

import pytest
from django.utils import timezone

from people.models import User
from tests.conftest import assert_accessible

from .helpers import block_of, demo_login, lesson_with, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _untried_lesson_with(block_type, attempts, person):
    """The first live demo lesson with this exercise that the person has not tried yet."""
    from courses.models import LessonPage

    return next(lesson for lesson in LessonPage.objects.live().order_by("path")
                if any(block.block_type == block_type for block in lesson.body)
                and not attempts.objects.filter(person=person, lesson=lesson).exists())


@pytest.fixture
def demo(demo_committed):
    """The demo as just loaded, committed (loaded once; later tests get its rows back by SQL)."""


def test_caseworker_journey(page, live_server, demo):
    from courses.models import MagnetBoardAttempt, QuizAttempt
    from scheduling.models import Event, Registration

    email = "sagsbehandler1@skanderborg.demo"
    person = User.objects.get(email=email)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    demo_login(page, live_server, email)
    assert "Velkommen" in page.locator("h1").inner_text()
    assert_accessible(page)

    # A lesson with a magnet board she has not checked yet (the demo has her done with the first
    # lessons), done by keyboard alone.
    lesson = _untried_lesson_with("magnet_board", MagnetBoardAttempt, person)
    page.goto(live_server.url + lesson.url)
    assert page.locator("h1").inner_text() == lesson.title
    assert_accessible(page)
    board = block_of(lesson, "magnet_board")
    placements = {card["text"]: card["dimension"] for card in board.value["cards"]}
    for _ in placements:
        tab_to(page, f"#blk-{board.id} .magnet-tray .magnet-card")
        text = page.evaluate("document.activeElement.querySelector('.magnet-card-text').textContent.trim()")
        page.keyboard.press("Enter")
        tab_to(page, f'#blk-{board.id} [data-zone="{placements[text]}"] .magnet-zone-button')
        page.keyboard.press("Enter")
    # Each card also says resource or concern: Tab to its radio group, arrow to the right answer.
    for card in board.value["cards"].bound_blocks:
        if card.value["kind"]:
            tab_to(page, f'#blk-{board.id} input[name="kind-{card.id}"]')
            page.keyboard.press("Space" if card.value["kind"] == "resource" else "ArrowDown")
            assert page.locator(f'#blk-{board.id} input[name="kind-{card.id}"][value="{card.value["kind"]}"]').is_checked()
    tab_to(page, f"#blk-{board.id} .magnet-form button[type=submit]")
    page.keyboard.press("Enter")
    result = page.locator(f"#blk-{board.id} [data-result]")
    result.wait_for()
    n = len(placements)
    assert f"{n} af {n} kort placeret rigtigt" in result.inner_text()
    assert MagnetBoardAttempt.objects.get(person=person, block_id=board.id).score == n
    assert_accessible(page)

    # A quiz, answered right and scored by the server.
    quiz_lesson = _untried_lesson_with("quiz", QuizAttempt, person)
    page.goto(live_server.url + quiz_lesson.url)
    quiz = block_of(quiz_lesson, "quiz")
    for question in quiz.value["questions"]:
        fieldset = page.locator(f"#blk-{quiz.id} fieldset", has_text=question["question"]).first
        for answer in question["answers"]:
            if answer["correct"]:
                fieldset.get_by_label(answer["text"], exact=True).check()
    page.locator(f"#blk-{quiz.id} .quiz-form button[type=submit]").click()
    page.locator(f"#blk-{quiz.id} [data-result]").wait_for()
    assert "Bestået" in page.locator(f"#blk-{quiz.id} [data-result]").inner_text()
    assert QuizAttempt.objects.filter(person=person, block_id=quiz.id, passed=True).exists()

    # Sign up for a theme day in Skanderborg.
    theme_day = (
        Event.objects.filter(municipality__slug="skanderborg", kind="temadag", cancelled_at__isnull=True,
                             sessions__starts_at__gt=timezone.now())
        .exclude(registrations__person=person).distinct().first()
    )
    assert theme_day is not None, "the demo has no coming theme day in Skanderborg"
    page.goto(f"{live_server.url}/kalender/arrangement/{theme_day.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Tilmeld mig").click()
    assert Registration.objects.filter(event=theme_day, person=person, status="confirmed").exists()

    # Copy the calendar feed link.
    page.goto(live_server.url + "/kalender/abonnement/")
    assert_accessible(page)
    page.get_by_role("button", name="Kopiér link").click()
    page.get_by_text("Adressen er kopieret").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    person.refresh_from_db()
    assert copied.endswith(f"/kalender/feed/{person.calendar_token}.ics")


def _open_action_menu(page):
    toggle = page.locator("footer [data-w-dropdown-target='toggle'], .footer [data-w-dropdown-target='toggle']")
    toggle.last.click()


def test_superuser_submits_and_national_admin_approves(page, live_server, demo, browser):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
    from wagtail.models import WorkflowState

    from people.demo import DEMO_ADMIN_TOTP_SECRET

    lesson = lesson_with("quiz")
    new_title = lesson.title + " (revideret)"

    # The superuser edits a lesson in the Wagtail admin and submits it for moderation.
    demo_login(page, live_server, "superbruger@skanderborg.demo")
    page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
    page.locator("#id_title").fill(new_title)
    assert page.locator("button[name=action-publish]").count() == 0  # may not publish national material
    _open_action_menu(page)
    page.locator("button[name=action-submit]").click()
    page.wait_for_load_state()
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(lesson.pk), status="in_progress")
    assert state.requested_by.email == "superbruger@skanderborg.demo"
    lesson.refresh_from_db()
    assert lesson.title != new_title  # nothing published yet

    # The national admin logs in with two-factor, approves, and opens the national report.
    context = browser.new_context(locale="da-DK", timezone_id="Europe/Copenhagen")
    admin_page = context.new_page()
    demo_login(admin_page, live_server, "admin@ics.demo")
    counters = list(yield_hotp_counters_from_time())
    admin_page.fill("input[name=code]", format_hotp_value(hotp_value(DEMO_ADMIN_TOTP_SECRET, counters[len(counters) // 2])))
    admin_page.locator("main button[type=submit]").first.click()
    admin_page.wait_for_load_state()
    admin_page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
    _open_action_menu(admin_page)
    admin_page.locator('button[data-workflow-action-name="approve"]').first.click()
    admin_page.wait_for_load_state()
    state.refresh_from_db()
    lesson.refresh_from_db()
    assert state.status == "approved"
    assert lesson.title == new_title and lesson.live

    # Licensed municipalities by default; every one of the 98 on request.
    admin_page.goto(live_server.url + "/compliance/landet/")
    licensed = admin_page.locator("table.compliance-table tbody tr").count()
    assert 0 < licensed < 98
    admin_page.goto(live_server.url + "/compliance/landet/?alle=1")
    assert admin_page.locator("table.compliance-table tbody tr").count() == 98
    assert_accessible(admin_page)
    context.close()


def test_coordinator_creates_cohort_records_attendance_and_sees_certificate(page, live_server, demo):
    from courses.models import Completion, CoursePage
    from scheduling.models import Event

    course = CoursePage.objects.get(slug="ics-grundkursus")
    demo_login(page, live_server, "udbyder@via.demo")

    # Create a cohort of the basic course with its first course day.
    page.goto(live_server.url + "/kalender/arrangement/nyt/")
    assert_accessible(page)
    page.locator("#id_kind").select_option("hold")
    page.locator("#id_course_page").select_option(str(course.pk))
    page.locator("#id_title").fill("ICS-grundkursus, hold 9 (Silkeborg)")
    page.locator("#id_location_address").fill("Bindslevs Plads 1, 8600 Silkeborg")
    page.locator("#id_capacity").fill("24")
    page.get_by_label("Første dag starter").fill("2027-03-30T09:00")  # 29 March 2027 is Easter Monday
    page.get_by_label("Første dag slutter").fill("2027-03-30T15:30")
    page.get_by_label("Antal dage").fill("3")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    cohort = Event.objects.get(title="ICS-grundkursus, hold 9 (Silkeborg)")
    assert cohort.provider.slug == "via" and cohort.course_page_id == course.pk
    assert list(cohort.sessions.order_by("day_number").values_list("day_number", flat=True)) == [1, 2, 3]
    starts = cohort.sessions.get(day_number=1).starts_at
    assert (timezone.localtime(starts).hour, starts.utcoffset().total_seconds()) == (9, 0)  # 07:00 UTC, summer time
    assert_accessible(page)

    # Record attendance for the last day of the finished demo cohort: the one excused participant
    # attended after all. (Arranged: this journey's course counts attendance only.)
    CoursePage.objects.filter(pk=course.pk).update(rule_required_lessons=False, rule_quizzes_passed=False)
    finished = Event.objects.get(external_uid__endswith="via-grundkursus-hold-1")
    day3 = finished.sessions.get(day_number=3)
    person = next(r.person for r in finished.registrations.filter(status="confirmed").select_related("person")
                  if not Completion.objects.filter(person=r.person, course=course).exists())
    from scheduling.models import Attendance
    from scheduling.services.attendance import attendance_record

    attendance_record(session=day3, person=person, status=Attendance.Status.ABSENT, by=User.objects.get(email="underviser@via.demo"))
    assert not Completion.objects.filter(person=person, course=course).exists()
    page.goto(f"{live_server.url}/kalender/session/{day3.pk}/fremmoede/")
    assert_accessible(page)
    page.locator(f"label[for=s-{person.pk}-attended]").click()
    page.get_by_role("button", name="Gem fremmøde").click()
    page.wait_for_load_state()
    completion = Completion.objects.get(person=person, course=course)
    assert completion.method == "attendance" and completion.provider.slug == "via"

    # The certificate shows on the participant list and verifies.
    page.goto(f"{live_server.url}/kalender/arrangement/{finished.pk}/deltagere/")
    page.locator("tr", has_text=person.full_name).get_by_role("link", name=re.compile("Gennemført")).click()
    assert "gyldigt" in page.locator("main").inner_text()
    assert person.full_name in page.locator("main").inner_text()
    assert_accessible(page)
