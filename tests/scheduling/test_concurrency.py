import threading

import pytest
from django.db import connection

from scheduling.models import Registration
from scheduling.services.registration import registration_create
from tests.factories import MembershipFactory

from .factories import event_with_sessions


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_50_concurrent_registrations_for_10_seats(municipality):
    assert connection.vendor == "postgresql"
    event = event_with_sessions(municipality=municipality, capacity=10)
    people = [MembershipFactory(municipality=municipality).person for _ in range(50)]
    barrier = threading.Barrier(len(people))
    errors = []

    def register(person):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=30)
            registration_create(event=event, person=person, by=person)
        except Exception as exc:  # reported below; the assertion shows what went wrong
            errors.append(repr(exc))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=register, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count("confirmed") == 10
    assert statuses.count("waitlisted") == 40
    # The ten confirmed are the first ten in the queue the lock formed: confirmed before any waitlisted.
    ordered = list(Registration.objects.filter(event=event).order_by("created_at", "pk").values_list("status", flat=True))
    assert ordered[:10] == ["confirmed"] * 10
