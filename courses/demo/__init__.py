"""Demo data for courses: the teaching material first (pages, images, documents), then learners'
enrolments, progress and completions in it. Idempotent: a second run changes and duplicates nothing.

`load()` is the entry point the project's demo loader calls, after people, content and scheduling."""

from . import learning, material


def load(stdout=None):
    material.load(stdout=stdout)
    learning.load(stdout=stdout)
