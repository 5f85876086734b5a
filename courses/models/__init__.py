"""Course models, one module per concern: pages (the Wagtail tree) and learning (enrolment, progress,
completions). Every model is imported here so Django finds it."""

from .learning import *  # noqa: F401,F403
from .pages import *  # noqa: F401,F403
