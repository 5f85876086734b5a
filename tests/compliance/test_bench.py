"""The benchmark command runs end to end on a small build, its raw SQL agrees with the report, and it
leaves nothing behind."""

import pytest
from django.core.management import call_command

from compliance import bench
from people.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.postgres
def test_bench_small_build_agrees_with_the_raw_aggregate():
    timings, ratio = bench.run(people=400, big=120)
    labels = [t.label for t in timings]
    assert labels[0].startswith("National report") and len(timings) == 4
    raw = timings[-1]
    assert raw.mismatches == 0, raw.note
    assert ratio is not None and ratio > 0
    assert all(t.queries <= 10 for t in timings[:3])
    assert not User.objects.filter(email__endswith=bench.EMAIL_DOMAIN).exists()  # rolled back


def test_bench_command_rejects_bad_arguments():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("bench_compliance", people=10, big=20)
