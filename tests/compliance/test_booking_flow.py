"""Booking that cannot go wrong, over HTTP: choose people and a cohort, see who goes where, confirm.

Only the confirmation writes; bad input and a stale confirmation give a Danish message and write
nothing; another municipality's leader gets a 404; the selection page's queries do not grow with staff."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from compliance import services
from compliance.selectors.booking import Outcome
from courses.models import CourseKind
from scheduling.models import EventQuota, Registration
from scheduling.services import registration as registration_services
from tests.factories import MunicipalityFactory
from tests.scheduling.factories import cohort as cohort_factory

from .factories import agreement, completion, course_page, staff

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def basic(db):
    return course_page(CourseKind.BASIC)


@pytest.fixture
def cohort(provider, basic):
    return cohort_factory(provider, days=(20, 21, 22), course_page=basic, capacity=1, title="Grundkursus hold 7")


@pytest.fixture
def people(municipality):
    """Three who need the course (one overdue long ago, one overdue lately, one within the deadline)
    and one who has completed it."""
    agreement(municipality, grace_period_days=365)
    today = timezone.localdate()
    return {
        "lately": staff(municipality, start=today - datetime.timedelta(days=400)),
        "long_ago": staff(municipality, start=D(2020, 1, 1)),
        "within": staff(municipality, start=today - datetime.timedelta(days=30)),
        "done": completion(staff(municipality), D(2024, 3, 1)).person,
    }


def choose_url(municipality):
    return reverse("compliance:book", args=[municipality.slug])


def confirm_url(municipality):
    return reverse("compliance:book_confirm", args=[municipality.slug])


def preview(client, municipality, cohort, *persons):
    return client.post(choose_url(municipality), {"hold": cohort.pk, "person": [p.pk for p in persons]})


def confirm_data(response):
    plan = response.context["plan"]
    return {"hold": plan.option.event.pk, "person": [line.row.person_id for line in plan.lines], "plan": plan.token()}


def test_the_selection_page_puts_people_needing_action_first_and_shows_the_cohorts_facts(
    client, municipality, leader, cohort, people, provider, basic
):
    other = MunicipalityFactory()
    EventQuota.objects.create(event=cohort, municipality=municipality, seats=1)
    booked = staff(municipality, start=D(2019, 6, 1))
    later = cohort_factory(provider, days=(40, 41, 42), course_page=basic, capacity=5, title="Grundkursus hold 8")
    registration_services.registration_create(event=later, person=booked, by=leader)
    EventQuota.objects.create(event=later, municipality=other, seats=2)
    client.force_login(leader)
    response = client.get(choose_url(municipality) + f"?person={people['within'].pk}")
    assert response.status_code == 200
    order = [r.person_id for r in response.context["people"]]
    # Overdue first (the older deadline first), then within the deadline; the completed one is not listed.
    assert order == [booked.pk, people["long_ago"].pk, people["lately"].pk, people["within"].pk]
    html = response.content.decode()
    assert f'value="{booked.pk}"' not in html  # already booked: marked, not offered
    assert "Allerede tilmeldt:" in html
    assert f'id="p{people["within"].pk}" checked' in html  # chosen on the report, arrives ticked
    options = {o.event.pk: o for o in response.context["options"]}
    assert [len(options[cohort.pk].days), options[cohort.pk].quota, options[cohort.pk].open_to_us] == [3, 1, 1]
    assert options[later.pk].quota is None and options[later.pk].open_to_us == 2  # 5 seats, 1 taken, 2 held for other
    for day in cohort.sessions.all():
        assert timezone.localtime(day.starts_at).strftime("%Y-%m-%d") in html  # every course day, with its date
    assert "1 ledig plads af 1" in html and f"Kvote til {municipality.name}: 1 plads (0 optaget)" in html
    assert f"Ingen pladser reserveret til {municipality.name}" in html
    assert "0 på venteliste" in html


def test_the_confirmation_says_who_goes_where_and_writes_nothing_then_confirm_writes(
    client, municipality, leader, cohort, people
):
    client.force_login(leader)
    response = preview(client, municipality, cohort, people["within"], people["long_ago"], people["done"])
    assert response.status_code == 200
    assert response.templates[0].name == "compliance/booking_confirm.html"
    plan = response.context["plan"]
    assert [line.row.person_id for line in plan.seats] == [people["long_ago"].pk]  # most overdue gets the seat
    assert [line.row.person_id for line in plan.waitlist] == [people["within"].pk]
    assert [(line.row.person_id, line.outcome) for line in plan.skipped] == [(people["done"].pk, Outcome.NOT_NEEDED)]
    html = response.content.decode()
    assert "Får plads (1 person)" in html and "Kommer på venteliste (1 person)" in html
    assert "Tilmeldes ikke (1 person)" in html
    assert not Registration.objects.exists()

    response = client.post(confirm_url(municipality), confirm_data(response))
    assert response.status_code == 302
    statuses = dict(Registration.objects.filter(event=cohort).values_list("person_id", "status"))
    assert statuses == {people["long_ago"].pk: "confirmed", people["within"].pk: "waitlisted"}
    page = client.get(response.url)
    assert "1 person har fået plads på Grundkursus hold 7. 1 person står på ventelisten." in page.content.decode()


def test_someone_already_on_the_cohort_is_listed_as_such_and_not_booked_again(
    client, municipality, leader, cohort, people
):
    registration_services.registration_create(event=cohort, person=people["lately"], by=leader)
    client.force_login(leader)
    response = preview(client, municipality, cohort, people["lately"], people["within"])
    plan = response.context["plan"]
    assert [(line.row.person_id, line.outcome) for line in plan.skipped] == [
        (people["lately"].pk, Outcome.ON_THIS_COHORT)
    ]
    assert "Har allerede plads på holdet" in response.content.decode()
    waiting = staff(municipality, start=D(2020, 5, 1))
    registration_services.registration_create(event=cohort, person=waiting, by=leader)  # full: waitlisted
    response = preview(client, municipality, cohort, waiting, people["within"])
    plan = response.context["plan"]
    assert [(line.row.person_id, line.outcome) for line in plan.skipped] == [(waiting.pk, Outcome.ON_THIS_COHORT)]
    assert "står allerede på holdets venteliste" in response.content.decode().lower()
    client.post(confirm_url(municipality), confirm_data(response))
    assert Registration.objects.filter(event=cohort, person=waiting).count() == 1
    assert Registration.objects.get(event=cohort, person=people["within"]).status == "waitlisted"


def test_another_municipalitys_leader_gets_404_on_every_step(client, municipality, other_leader, cohort, people):
    client.force_login(other_leader)
    assert client.get(choose_url(municipality)).status_code == 404
    assert preview(client, municipality, cohort, people["long_ago"]).status_code == 404
    response = client.post(confirm_url(municipality), {"hold": cohort.pk, "person": [people["long_ago"].pk],
                                                       "plan": "x"})
    assert response.status_code == 404
    assert not Registration.objects.exists()


@pytest.mark.parametrize("case, message", [
    ("no people", "Vælg mindst én person, der skal tilmeldes."),
    ("no cohort", "Vælg et hold."),
    ("unknown cohort", "Holdet kan ikke tilmeldes: det er lukket, aflyst eller findes ikke."),
    ("stranger", "En af de valgte personer er ikke ansat i"),
    ("nobody bookable", "Ingen af de valgte kan tilmeldes holdet"),
])
def test_bad_input_gives_a_danish_message_at_the_top_and_writes_nothing(
    client, municipality, other_municipality, leader, cohort, people, case, message
):
    stranger = staff(other_municipality, start=D(2020, 1, 1))
    data = {
        "no people": {"hold": cohort.pk},
        "no cohort": {"person": [people["long_ago"].pk]},
        "unknown cohort": {"hold": 999_999, "person": [people["long_ago"].pk]},
        "stranger": {"hold": cohort.pk, "person": [people["long_ago"].pk, stranger.pk]},
        "nobody bookable": {"hold": cohort.pk, "person": [people["done"].pk]},
    }[case]
    client.force_login(leader)
    for url in (choose_url(municipality), confirm_url(municipality)):
        response = client.post(url, data | {"plan": "x"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Der er et problem" in html and message in html
        assert html.index("Der er et problem") < html.index('id="people"')  # the summary is at the top
        assert stranger.full_name not in html
    assert not Registration.objects.exists()


def test_a_full_cohort_says_so_and_confirming_puts_people_on_the_waitlist(client, municipality, leader, cohort,
                                                                           people):
    registration_services.registration_create(event=cohort, person=staff(municipality, start=D(2021, 1, 1)),
                                              by=leader)
    client.force_login(leader)
    response = preview(client, municipality, cohort, people["long_ago"])
    assert "Fuldt: alle valgte kommer på venteliste" in response.content.decode()
    assert Registration.objects.count() == 1
    client.post(confirm_url(municipality), confirm_data(response))
    assert Registration.objects.get(person=people["long_ago"]).status == "waitlisted"


def test_a_stale_confirmation_writes_nothing_and_shows_the_new_plan(client, municipality, leader, cohort, people):
    client.force_login(leader)
    response = preview(client, municipality, cohort, people["long_ago"])
    shown = confirm_data(response)
    # Meanwhile someone else takes the only seat.
    registration_services.registration_create(event=cohort, person=people["lately"], by=leader)
    response = client.post(confirm_url(municipality), shown)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Der er et problem" in html and "Ingen er tilmeldt" in html
    assert [line.row.person_id for line in response.context["plan"].waitlist] == [people["long_ago"].pk]
    assert not Registration.objects.filter(person=people["long_ago"]).exists()
    # A forged or altered plan is stale too.
    forged = dict(shown, plan=shown["plan"][:-2] + "xx")
    client.post(confirm_url(municipality), forged)
    assert not Registration.objects.filter(person=people["long_ago"]).exists()
    # Confirming the new plan books (on the waitlist, as shown).
    client.post(confirm_url(municipality), confirm_data(response))
    assert Registration.objects.get(person=people["long_ago"]).status == "waitlisted"


def test_the_service_refuses_a_plan_that_changed_under_the_lock(municipality, leader, cohort, people):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.book_on_cohort(municipality=municipality, event=cohort, people=[people["long_ago"]], by=leader,
                                expected={people["long_ago"].pk: "waitlisted"})
    assert not Registration.objects.exists()


def test_the_selection_page_queries_do_not_grow_with_the_staff(client, municipality, leader, cohort, provider, basic):
    cohort_factory(provider, days=(30, 31, 32), course_page=basic, capacity=4, title="Grundkursus hold 9")
    client.force_login(leader)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(choose_url(municipality)).status_code == 200
        return len(queries)

    def booked_person():
        person = staff(municipality, start=D(2020, 1, 1))
        registration_services.registration_create(event=cohort, person=person, by=leader)

    booked_person()
    staff(municipality, start=D(2020, 1, 1))
    few = count()
    for _ in range(12):
        staff(municipality, start=D(2020, 1, 1))
    for _ in range(3):
        booked_person()
    assert count() == few
