"""The benchmark command on a small scale: it builds, measures, prints and rolls back."""

import io

import pytest
from django.core.management import CommandError, call_command

from implementation.models import Response, Round

pytestmark = pytest.mark.django_db


def test_bench_prints_times_and_queries_and_rolls_back():
    out = io.StringIO()
    call_command("bench_implementation", municipalities=3, respondents=12, stdout=out)
    text = out.getvalue()
    lines = [line for line in text.splitlines() if line.startswith(("National overview", "Municipal report"))]
    assert len(lines) == 4
    assert "Municipal report, 12 respondents (page)" in text
    assert all(int(line.split()[-1]) > 0 for line in lines)
    assert Round.objects.count() == 0 and Response.objects.count() == 0


def test_bench_refuses_nonsense():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("bench_implementation", municipalities=0, stdout=io.StringIO())
