"""The lesson page: its same-for-everyone parts (the body's static blocks, the outline) are rendered once
per revision and cached; the per-person parts take a fixed number of queries, whatever the number of
lessons, blocks and learners. A cached page never outlives its publication, and one learner's answers
never reach another through the cache."""

import re

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.rich_text import RichText

from courses.models import CaseAnswer, LessonPage, QuizAttempt
from courses.selectors.learner_records import learner_changed
from courses.services.enrolment import enrolment_self
from courses.services.exercises import case_save
from courses.services.progress import lesson_complete
from tests.courses.test_learning_support import build_course, quiz_block, staff

pytestmark = pytest.mark.django_db

MAX_QUERIES = 5  # a lesson with a quiz, for a logged-in, enrolled learner, its static parts and their records kept
# When the learner's records have changed, they are read again: one query per kind of exercise on the
# lesson, and the enrolment and lessons done (courses.selectors.learner_records).


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def case_block(title="Sagen om Emma"):
    return ("case_exercise", {"title": title, "vignette": "<p>En fiktiv sag.</p>",
                              "tasks": [{"task": "Hvad ved vi om Emma?", "model_answer": "<p>Svar</p>"}], "facts": []})


def _body(blocks, exercises):
    """`exercises` among `blocks` blocks in all (the rest text)."""
    return list(exercises) + [
        ("paragraph", RichText(f"<p>Afsnit {n} om ICS-trekanten.</p>")) for n in range(1, blocks - len(exercises) + 1)
    ]


def _course(lessons, blocks, exercises=None):
    per_module = (lessons // 3, lessons // 3, lessons - 2 * (lessons // 3))
    exercises = [quiz_block(), case_block()] if exercises is None else exercises
    return build_course(modules=per_module, bodies={(0, 0): _body(blocks, exercises)})


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _exercises_done(person, lesson):
    for child in lesson.exercise_blocks():
        if child.block_type == "quiz":
            QuizAttempt.objects.create(person=person, lesson=lesson, block_id=child.id, answers={}, score=1,
                                       max_score=1, passed=True)
        elif child.block_type == "case_exercise":
            CaseAnswer.objects.create(person=person, lesson=lesson, block_id=child.id, answers={"x": "Svar"},
                                      submitted_at=timezone.now())


def _lesson_queries(client, person, *, lessons, blocks, learners, exercises):
    cache.clear()  # a cold first view: nothing kept from a course built before (nor the site, web.sites)
    caches["local"].clear()
    built = _course(lessons, blocks, exercises)
    enrolment_self(person=person, course=built.course)
    lesson_complete(person=person, lesson=built.lessons[1])
    for _ in range(learners - 1):
        other = staff(person.memberships.first().municipality)
        enrolment_self(person=other, course=built.course)
        _exercises_done(other, built.lessons[0])  # a lesson is marked completed once its exercises are done
        lesson_complete(person=other, lesson=built.lessons[0])
    client.force_login(person)
    url = built.lessons[0].url
    cold = _queries(client, url)
    warm = _queries(client, url)
    learner_changed(person.pk)
    records_read = _queries(client, url)
    return cold, warm, records_read


@pytest.mark.parametrize("size", [
    {"lessons": 15, "blocks": 2, "learners": 1},
    {"lessons": 3, "blocks": 10, "learners": 1},
    {"lessons": 3, "blocks": 2, "learners": 20},
    {"lessons": 15, "blocks": 10, "learners": 20},
])
def test_lesson_page_queries_are_few_and_do_not_grow(client, caseworker, size):
    small_cold, small_warm, small_read = _lesson_queries(client, caseworker, lessons=3, blocks=2, learners=1,
                                                         exercises=[quiz_block()])
    cold, warm, records_read = _lesson_queries(client, caseworker, exercises=[quiz_block()], **size)
    assert warm <= MAX_QUERIES
    assert warm == small_warm
    assert records_read == small_read == warm + 3  # quiz attempts, enrolment, lessons done
    assert cold == small_cold  # a first view renders the static parts, in a number of queries that does not grow


def test_each_kind_of_exercise_costs_one_query_whatever_their_number(client, caseworker):
    _cold, quiz_warm, quiz = _lesson_queries(client, caseworker, lessons=3, blocks=3, learners=1,
                                             exercises=[quiz_block()])
    _cold, both_warm, both = _lesson_queries(client, caseworker, lessons=3, blocks=4, learners=1,
                                             exercises=[quiz_block(), case_block()])
    _cold, many_warm, many = _lesson_queries(client, caseworker, lessons=3, blocks=12, learners=1,
                                             exercises=[quiz_block(f"Quiz {n}") for n in range(3)]
                                             + [case_block(f"Sag {n}") for n in range(3)])
    assert both == many == quiz + 1  # the records read again: one query per kind
    assert quiz_warm == both_warm == many_warm  # kept: none at all


def test_a_new_revision_shows_its_body_at_once(client, caseworker):
    built = _course(3, 4)
    enrolment_self(person=caseworker, course=built.course)
    client.force_login(caseworker)
    lesson = built.lessons[0]
    first = client.get(lesson.url).content.decode()
    assert "Afsnit 1 om ICS-trekanten" in first
    page = LessonPage.objects.get(pk=lesson.pk)
    page.body = [("paragraph", RichText("<p>Ny udgave af lektionen.</p>"))] + [(c.block_type, c.value) for c in page.body]
    page.save_revision().publish()
    second = client.get(lesson.url).content.decode()
    assert "Ny udgave af lektionen" in second  # the new revision at once, no stale body
    assert "Afsnit 1 om ICS-trekanten" in second


def test_page_unpublished_while_cached_is_not_served(client, caseworker):
    built = _course(3, 4)
    enrolment_self(person=caseworker, course=built.course)
    client.force_login(caseworker)
    lesson = built.lessons[0]
    assert client.get(lesson.url).status_code == 200  # now cached
    LessonPage.objects.get(pk=lesson.pk).unpublish()
    assert client.get(lesson.url).status_code == 404
    # the next lesson's pager no longer points to it
    assert lesson.url not in client.get(built.lessons[1].url).content.decode()


def test_another_learner_never_sees_a_saved_answer_from_the_cache(client, caseworker, municipality):
    built = _course(3, 4)
    lesson = built.lessons[0]
    block_id = next(child.id for child in lesson.exercise_blocks() if child.block_type == "case_exercise")
    task_id = lesson.body[[c.id for c in lesson.body].index(block_id)].value["tasks"].bound_blocks[0].id
    other = staff(municipality)
    for person in (caseworker, other):
        enrolment_self(person=person, course=built.course)
    case_save(person=caseworker, lesson=lesson, block_id=block_id, data=QueryDict(f"task-{task_id}=Emma+er+7+%C3%A5r+gammel"))
    client.force_login(caseworker)
    assert "Emma er 7 år gammel" in client.get(lesson.url).content.decode()
    client.force_login(other)
    text = client.get(lesson.url).content.decode()
    assert "Emma er 7 år gammel" not in text
    assert "En fiktiv sag" in text and "Afsnit 1 om ICS-trekanten" in text


def test_the_static_body_is_served_from_the_cache(client, caseworker):
    built = _course(3, 4)
    enrolment_self(person=caseworker, course=built.course)
    client.force_login(caseworker)
    lesson = built.lessons[0]
    assert "Afsnit 1 om ICS-trekanten" in client.get(lesson.url).content.decode()
    # The row changed behind Wagtail's back (no new revision, no publication): the cached render stays.
    raw = list(LessonPage.objects.get(pk=lesson.pk).body.raw_data)
    for item in raw:
        if item["type"] == "paragraph":
            item["value"] = "<p>Ændret uden om Wagtail.</p>"
    LessonPage.objects.filter(pk=lesson.pk).update(body=raw)
    text = client.get(lesson.url).content.decode()
    assert "Afsnit 1 om ICS-trekanten" in text and "Ændret uden om Wagtail" not in text


def test_a_preview_shows_the_draft_and_leaves_the_cache_alone(client, caseworker):
    built = _course(3, 4)
    enrolment_self(person=caseworker, course=built.course)
    client.force_login(caseworker)
    lesson = built.lessons[0]
    assert "Afsnit 1 om ICS-trekanten" in client.get(lesson.url).content.decode()
    draft = LessonPage.objects.get(pk=lesson.pk)
    draft.body = [("paragraph", RichText("<p>Kladde til lektionen.</p>"))] + [(c.block_type, c.value) for c in draft.body]
    draft.save_revision()
    preview = draft.make_preview_request()
    assert "Kladde til lektionen" in preview.content.decode()
    live = client.get(lesson.url).content.decode()
    assert "Kladde til lektionen" not in live and "Afsnit 1 om ICS-trekanten" in live


def test_a_view_restriction_above_the_lesson_still_applies(client, caseworker):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    built = _course(3, 4)
    enrolment_self(person=caseworker, course=built.course)
    client.force_login(caseworker)
    lesson = built.lessons[0]
    assert client.get(lesson.url).status_code == 200  # now cached
    restriction = PageViewRestriction.objects.create(page=built.modules[0], restriction_type=PageViewRestriction.GROUPS)
    group = Group.objects.create(name="Kun for testere")
    restriction.groups.add(group)
    assert client.get(lesson.url).status_code == 302
    caseworker.groups.add(group)
    assert client.get(lesson.url).status_code == 200


def test_view_restrictions_in_one_query_match_wagtails_rule_with_aliases(django_assert_num_queries):
    from wagtail.models import Page, PageViewRestriction

    source = _course(3, 3)
    other = _course(3, 3)
    for page in (source.course, source.lessons[0], other.modules[0]):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    alias = source.lessons[0].create_alias(parent=other.modules[1], update_slug="alias-lektion")
    for page in (source.lessons[0], source.lessons[1], other.lessons[0], alias.specific, other.modules[1].specific):
        with django_assert_num_queries(1):
            ours = set(page.get_view_restrictions())
        assert ours == set(Page.get_view_restrictions(page))


# --- The exercise as the viewer sees it, cached per state ------------------------------------------


def _cached_exercises():
    return sum(1 for key in cache._cache if ":courses:lesson:exercise:" in key)


def _quiz_lesson(caseworker, municipality, *, retry_pause=0):
    name, value = quiz_block()
    value["retry_pause"] = retry_pause
    built = _course(3, 3, [(name, value)])
    LessonPage.objects.get(pk=built.lessons[0].pk).save_revision().publish()  # a live revision names the version
    lesson = LessonPage.objects.get(pk=built.lessons[0].pk)
    quiz = next(child for child in lesson.exercise_blocks() if child.block_type == "quiz")
    question = quiz.value["questions"].bound_blocks[0]
    answers = {a.value["correct"]: a.id for a in question.value["answers"].bound_blocks}
    other = staff(municipality)
    for person in (caseworker, other):
        enrolment_self(person=person, course=built.course)
    return lesson, quiz.id, question.id, answers, other


def _answer(client, lesson, block_id, question_id, answer_id, *, page=None):
    """Post the quiz form as a browser does, with the CSRF token of the form it was shown."""
    page = page if page is not None else client.get(lesson.url).content.decode()
    form = re.search(r'<form method="post" action="([^"]*/quiz/[^"]*)".*?</form>', page, re.S)
    assert form, "no quiz form on the page"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(0)).group(1)
    return client.post(form.group(1), {f"q-{question_id}": answer_id, "csrfmiddlewaretoken": token})


def test_a_quiz_result_stays_with_its_learner_and_the_form_carries_each_viewers_own_token(caseworker, municipality):
    lesson, block_id, question_id, answers, other = _quiz_lesson(caseworker, municipality)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(caseworker)
    second.force_login(other)
    first_page = first.get(lesson.url).content.decode()  # renders the unanswered quiz into the cache
    assert _cached_exercises() == 1
    second_page = second.get(lesson.url).content.decode()  # the same state: served from the cache
    assert _cached_exercises() == 1
    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
              for page in (first_page, second_page)]
    assert "ics-csrf-token-placeholder" not in first_page + second_page
    assert tokens[0] != tokens[1]
    # The second learner answers with the form from the cache: their own token is accepted.
    assert _answer(second, lesson, block_id, question_id, answers[True], page=second_page).status_code == 302
    assert "Bestået" in second.get(lesson.url).content.decode()
    # The first learner still sees the unanswered form, and answers it wrong.
    assert "Bestået" not in first.get(lesson.url).content.decode()
    assert _answer(first, lesson, block_id, question_id, answers[False]).status_code == 302
    text = first.get(lesson.url).content.decode()
    assert "Ikke bestået endnu" in text and "Bestået:" not in text
    assert "Bestået" in second.get(lesson.url).content.decode()


def test_a_new_attempt_shows_at_once(client, caseworker, municipality):
    lesson, block_id, question_id, answers, _other = _quiz_lesson(caseworker, municipality)
    client.force_login(caseworker)
    _answer(client, lesson, block_id, question_id, answers[False])
    assert "Ikke bestået endnu" in client.get(lesson.url).content.decode()
    retry = client.get(f"{lesson.url}?igen={block_id}").content.decode()  # the form again, on request
    _answer(client, lesson, block_id, question_id, answers[True], page=retry)
    text = client.get(lesson.url).content.decode()
    assert "Bestået:" in text and "Ikke bestået endnu" not in text
    assert QuizAttempt.objects.filter(person=caseworker, lesson=lesson).count() == 2


def test_a_running_retry_pause_is_counted_down_not_cached(client, caseworker, municipality):
    lesson, block_id, question_id, answers, _other = _quiz_lesson(caseworker, municipality, retry_pause=5)
    client.force_login(caseworker)
    _answer(client, lesson, block_id, question_id, answers[False])
    waits = [int(re.search(r'data-wait="(\d+)"', client.get(lesson.url).content.decode()).group(1))]
    attempt = QuizAttempt.objects.get(person=caseworker, lesson=lesson)
    # Two minutes pass: the attempt is moved back in time behind the services' back, so the learner's
    # kept records are told (what a real clock needs no telling of: only the rows are kept, never the wait).
    QuizAttempt.objects.filter(pk=attempt.pk).update(submitted_at=attempt.submitted_at - timezone.timedelta(minutes=2))
    learner_changed(caseworker.pk)
    waits.append(int(re.search(r'data-wait="(\d+)"', client.get(lesson.url).content.decode()).group(1)))
    assert waits[0] > waits[1] > 0  # the clock moved on: a fresh rendering, not a cached one
    assert _cached_exercises() == 1  # the unanswered form it was first shown; nothing of the pause
