"""The embedded default for a newcomer's first run: SQLite, eager tasks, console mail."""

from .base import *  # noqa: F401,F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = ["*"]

# --- [sso] The demo's municipal login: the SP and the demo IdP use key pairs the demo loader makes
# (people.sso.demo) in .sso-dev/, unless SSO_SP_KEY_FILE names real ones. Development only. ---
from .base import BASE_DIR, ICS_SSO  # noqa: E402

SSO_DEV_KEY_DIR = BASE_DIR / ".sso-dev"
if not ICS_SSO["SP_KEYS"][0][0]:
    ICS_SSO["SP_KEYS"] = [(SSO_DEV_KEY_DIR / "sp.key", SSO_DEV_KEY_DIR / "sp.crt")]
ICS_SSO["DEMO_IDP"] = True
ICS_SSO["DEMO_IDP_KEYS"] = (SSO_DEV_KEY_DIR / "demo-idp.key", SSO_DEV_KEY_DIR / "demo-idp.crt")
# --- [/sso] ---
