"""Course models, one module per concern: pages (the Wagtail tree), learning (enrolment, progress,
completions), exercises (learners' stored answers) and documents (the collection of a municipality's
local material). Every model is imported here so Django finds it."""

from .documents import *  # noqa: F401,F403
from .exercises import *  # noqa: F401,F403
from .learning import *  # noqa: F401,F403
from .pages import *  # noqa: F401,F403
