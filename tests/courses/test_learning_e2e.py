"""In a real browser: a caseworker enrols in an open e-learning course, passes its quiz (the lesson and
the course complete themselves), downloads the certificate and opens its verification page; the
leader sees the team's progress. Each page passes axe-core."""

import pytest

from courses.models import Completion
from tests.conftest import assert_accessible, browser_login
from tests.courses.test_learning_support import base_data, build_course  # noqa: F401

# No serialized_rollback: base_data recreates what the data migrations wrote (see test_learning_support).
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ONE_QUESTION_QUIZ = ("quiz", {
    "title": "Quiz om trekanten", "introduction": "", "pass_mark": 100,
    "questions": [{"question": "Hvor mange dimensioner har trekanten?", "multiple": False, "explanation": "",
                   "answers": [{"text": "Syv", "correct": False, "feedback": ""},
                               {"text": "Ti", "correct": True, "feedback": ""}]}],
})


@pytest.mark.usefixtures("base_data")
def test_caseworker_finishes_an_elearning_course_and_verifies_the_certificate(page, live_server, caseworker,
                                                                               leader, municipality):
    built = build_course(title="Genopfrisk ICS-trekanten", modules=(1,), bodies={(0, 0): [ONE_QUESTION_QUIZ]})
    lesson = built.lessons[0]
    browser_login(page, live_server, caseworker.email)

    page.goto(f"{live_server.url}/kurser/mine/")
    assert_accessible(page)
    page.get_by_role("button", name="Tilmeld dig Genopfrisk ICS-trekanten").click()
    page.wait_for_load_state()
    assert "Du er tilmeldt »Genopfrisk ICS-trekanten«." in page.locator(".messages").inner_text()
    assert page.locator('[role="progressbar"]').first.get_attribute("aria-valuenow") == "0"
    page.get_by_role("link", name="Start Genopfrisk ICS-trekanten").click()
    page.wait_for_load_state()
    assert page.url.endswith(lesson.url)

    page.get_by_role("radio", name="Ti", exact=True).check()
    page.locator(".quiz-form button[type=submit]").click()
    page.locator(".quiz [data-result]").wait_for()

    page.goto(f"{live_server.url}/kurser/mine/")
    completion = Completion.objects.get(person=caseworker)
    assert completion.method == "e-learning"
    assert "Gennemført" in page.locator("main").inner_text()
    assert_accessible(page)
    href = page.locator(f'a[href$="/kurser/kursusbevis/{completion.pk}.pdf"]').first.get_attribute("href")
    pdf = page.request.get(live_server.url + href)
    assert pdf.ok and pdf.body().startswith(b"%PDF")

    page.goto(f"{live_server.url}/kurser/bevis/{completion.verification_code}/")
    assert "Kursusbeviset er gyldigt" in page.locator("main").inner_text()
    assert caseworker.full_name in page.locator("main").inner_text()
    assert_accessible(page)

    page.context.clear_cookies()
    browser_login(page, live_server, leader.email)
    page.goto(f"{live_server.url}/kurser/team/{municipality.slug}/")
    table = page.locator("table.learning-team").inner_text()
    assert caseworker.full_name in table and "Gennemført" in table
    assert_accessible(page)
