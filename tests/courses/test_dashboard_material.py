"""The homes courses builds: a superuser's local material (pages, drafts, pages in review), the
approvals a leader (and a national admin) is asked for, on the site; a coordinator's certificates to
issue. From the outside, with the query count constant as the data grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.services.material import local_material_setup
from scheduling.models import Attendance, Registration
from tests.courses.test_material_support import build_lesson, local_index
from tests.factories import MembershipFactory
from tests.scheduling.factories import cohort

pytestmark = pytest.mark.django_db


def home(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/mit/")
    assert response.status_code == 200
    return len(ctx), response.content.decode()


def submit(lesson, author):
    lesson.save_revision(user=author)
    return lesson.get_workflow().start(lesson, author)


@pytest.fixture
def local(municipality, superuser_person, leader):
    index_page = local_index(municipality)
    local_material_setup(index_page=index_page)
    return index_page


def test_the_superuser_sees_local_material_drafts_and_reviews(client, local, superuser_person):
    in_review = build_lesson(index=local, title="Lektion til godkendelse").lesson
    submit(in_review, superuser_person)
    draft = build_lesson(index=local, title="Lektion i kladde").lesson
    draft.title = "Lektion i kladde (ny)"
    draft.save_revision(user=superuser_person)
    client.force_login(superuser_person)
    _n, html = home(client)
    panel = html.split('id="panel-local_material"')[1].split("</section>")[0]
    assert "Lektion til godkendelse" in panel
    assert "Lektion i kladde" in panel
    assert f"/admin/pages/{in_review.pk}/edit/" in panel


def test_the_leader_learns_of_a_lesson_awaiting_approval_on_the_site(client, local, superuser_person, leader):
    lesson = build_lesson(index=local, title="Samtalen med barnet, ny udgave").lesson
    submit(lesson, superuser_person)
    client.force_login(leader)
    _n, html = home(client)
    panel = html.split('id="panel-material_approvals"')[1].split("</section>")[0]
    assert "Samtalen med barnet, ny udgave" in panel
    assert f"/admin/pages/{lesson.pk}/edit/" in panel


def test_another_municipalitys_leader_is_not_asked(client, local, superuser_person, other_leader):
    submit(build_lesson(index=local, title="Kun for Skanderborg").lesson, superuser_person)
    client.force_login(other_leader)
    _n, html = home(client)
    assert "Kun for Skanderborg" not in html


def test_a_caseworker_sees_neither_material_nor_approvals(client, local, superuser_person, caseworker):
    submit(build_lesson(index=local, title="Lektion til godkendelse").lesson, superuser_person)
    client.force_login(caseworker)
    _n, html = home(client)
    assert 'id="panel-local_material"' not in html
    assert 'id="panel-material_approvals"' not in html
    assert "Lektion til godkendelse" not in html


def test_the_superusers_and_leaders_homes_use_a_constant_number_of_queries(client, local, superuser_person,
                                                                           leader):
    def grow(n):
        for _ in range(n):
            submit(build_lesson(index=local).lesson, superuser_person)
            build_lesson(index=local)

    grow(1)
    counts = {}
    for person in (superuser_person, leader):
        client.force_login(person)
        home(client)
        counts[person.pk] = home(client)[0]
    grow(4)
    for person in (superuser_person, leader):
        client.force_login(person)
        home(client)  # new pages are a new version of the material: its structure is read once again
        assert home(client)[0] == counts[person.pk]


def test_the_coordinator_sees_certificates_to_issue(client, coordinator, provider, municipality):
    from tests.compliance.factories import course_page

    basic = course_page("grundkursus")
    finished = cohort(provider, days=(-12, -11), title="Afsluttet hold", course_page=basic)
    full, partial = (MembershipFactory(municipality=municipality).person for _ in range(2))
    for person in (full, partial):
        Registration.objects.create(event=finished, person=person, municipality=municipality,
                                    status=Registration.Status.CONFIRMED, confirmed_at=timezone.now())
    for number, session in enumerate(finished.sessions.order_by("starts_at")):
        Attendance.objects.create(session=session, person=full, status=Attendance.Status.ATTENDED)
        if number == 0:
            Attendance.objects.create(session=session, person=partial, status=Attendance.Status.ATTENDED)
    client.force_login(coordinator)
    _n, html = home(client)
    panel = html.split('id="panel-completion_records"')[1].split("</section>")[0]
    assert "Afsluttet hold" in panel
    assert ": 1 " in panel  # one certificate to issue: the participant who attended every day


def test_the_coordinators_certificates_use_a_constant_number_of_queries(client, coordinator, provider,
                                                                        municipality):
    from tests.compliance.factories import course_page

    basic = course_page("grundkursus")

    def grow(n):
        for i in range(n):
            event = cohort(provider, days=(-20 - i,), title=f"Hold {i}", course_page=basic)
            person = MembershipFactory(municipality=municipality).person
            Registration.objects.create(event=event, person=person, municipality=municipality,
                                        status=Registration.Status.CONFIRMED, confirmed_at=timezone.now())
            Attendance.objects.create(session=event.sessions.get(), person=person,
                                      status=Attendance.Status.ATTENDED)

    grow(1)
    client.force_login(coordinator)
    home(client)
    small, _ = home(client)
    grow(5)
    large, _ = home(client)
    assert large == small
