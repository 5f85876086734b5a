"""Course models, one module per concern: pages (the Wagtail tree), learning (enrolment, progress,
completions) and exercises (learners' stored answers). Every model is imported here so Django finds it."""

from .exercises import *  # noqa: F401,F403
from .learning import *  # noqa: F401,F403
from .pages import *  # noqa: F401,F403
