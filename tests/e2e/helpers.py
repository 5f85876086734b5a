"""Small helpers for the browser journeys."""

import io

from django.core.management import call_command

from tests.conftest import browser_login

DEMO_PASSWORD = "demo-ics-2026"


def load_demo_world():
    call_command("load_demo", stdout=io.StringIO())


def demo_login(page, live_server, email):
    browser_login(page, live_server, email, password=DEMO_PASSWORD)


def tab_to(page, selector, limit=300):
    """Press Tab until the focused element matches the selector: keyboard only, no clicks."""
    for _ in range(limit):
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def lesson_with(*block_types):
    """A live demo lesson of the basic course whose body has all the given block types."""
    from courses.models import LessonPage

    for lesson in LessonPage.objects.live().order_by("path"):
        kinds = {block.block_type for block in lesson.body}
        if set(block_types) <= kinds:
            return lesson
    raise AssertionError(f"no demo lesson has {block_types}")


def block_of(lesson, block_type):
    return next(block for block in lesson.body if block.block_type == block_type)
