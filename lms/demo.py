"""The demo data of the whole project, app by app in the order of the dependencies (people and
content at the bottom, then scheduling, courses, compliance): each app's demo builds on the ones
before it. Idempotent: a second run changes and duplicates nothing.

The project sits on top of every app, so it imports each app's demo module by its real name; no app
needs to know which apps are above it. `content` has no demo of its own (its pages come with the
course material in `courses.demo`).
"""

from collections.abc import Callable

from compliance import demo as compliance_demo
from courses import demo as courses_demo
from implementation import demo as implementation_demo
from people import demo as people_demo
from scheduling import demo as scheduling_demo

# (app label, its demo's entry point), in dependency order.
STEPS: tuple[tuple[str, Callable], ...] = (
    ("people", people_demo.load),
    ("scheduling", scheduling_demo.load),
    ("courses", courses_demo.load),
    ("compliance", compliance_demo.load),
    ("implementation", implementation_demo.load),
)


class DemoError(Exception):
    """One app's demo data could not be loaded; the message names the app."""


def load(*, stdout=None) -> None:
    """Load every app's demo data, in dependency order. A failure names the app (the original
    exception is chained, so its traceback is kept)."""
    for app, step in STEPS:
        if stdout:
            stdout.write(f"Loading demo data for {app} …")
        try:
            step(stdout=stdout)
        except Exception as exc:  # re-raised with the app's name, never swallowed
            raise DemoError(f"Demo data for {app} failed: {exc}") from exc
