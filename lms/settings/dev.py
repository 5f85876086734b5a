"""The embedded default for a newcomer's first run: SQLite, eager tasks, console mail."""

from .base import *  # noqa: F401,F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = ["*"]
