"""Settings shared by every environment.

Everything external (database, broker, cache, mail, secret key) comes from environment variables.
With none set, the project runs on its embedded default: SQLite, eager Celery tasks, console mail.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me-in-production-0123456789")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Our apps first so their templates override Wagtail's and allauth's.
    "web.apps.WebConfig",
    "people.apps.PeopleConfig",
    "people.apps.UsersAppConfig",
    "content",
    "scheduling",
    "courses",
    "compliance",
    "implementation",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "lms.apps.LmsConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "people.middleware.DanishFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware, which has refused a host Django does not allow.
    "web.sites.SiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any view reads the body (CSRF's process_view reads POST); after auth, for its page.
    "web.middleware.RequestBodyLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "web.middleware.WagtailAdminScriptPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "people.middleware.SessionLimitsMiddleware",
    "people.middleware.RequireSecondFactorInSessionMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "people.context_processors.navigation",
            ],
        },
    },
]


def database_settings(url: str, **kwargs) -> dict:
    """The database at `url`. On PostgreSQL, parameters are bound by the server and a statement run five
    times on a connection is prepared (psycopg's threshold): PostgreSQL then plans it once per connection
    instead of at every run. Planning was most of the database's time: a dashboard spent 7.5 ms planning
    its queries and 1.6 ms running them, and `make bench` answered about a fifth more requests with it.
    Neither suits a pooler in transaction mode (PgBouncer's default), which shares connections between
    clients: behind one, set DATABASE_SERVER_SIDE_BINDING=false."""
    settings = dj_database_url.parse(url, **kwargs)
    if settings["ENGINE"] == "django.db.backends.postgresql" and env_bool("DATABASE_SERVER_SIDE_BINDING", True):
        settings.setdefault("OPTIONS", {}).update({"server_side_binding": True, "prepare_threshold": 5})
    return settings


DATABASES = {
    "default": database_settings(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2id at OWASP's minimum parameters (people.hashers): memory-hard, and cheaper in CPU than PBKDF2's
# million rounds when a whole course room logs in at 08:30. Older hashes are upgraded at the next login.
PASSWORD_HASHERS = [
    "people.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "/"

# --- django-allauth: email is the login, no open sign-up (people join by invitation) ---
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_ADAPTER = "people.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[ICS Akademi] "
# allauth's own rate limits stay on; spelled out so a reader sees them.
ACCOUNT_RATE_LIMITS = {
    # Failed logins are limited per account (the key is the email): five in five minutes, twenty in an
    # hour, and that account's login is refused, right password included, until the window passes or
    # the password is reset. The refusal says when to try again (people.login_limits).
    "login_failed": "5/5m/key,20/h/key",
    # No limit per address here: allauth keeps each per-address counter behind one cache lock and answers
    # 429 after a second's wait for it, so a course room logging in at 08:30 from one municipal NAT
    # address was refused (issue 12). Failed logins per address are counted without a lock instead
    # (ICS_LOGIN_FAILED_PER_ADDRESS); a successful login is no attack.
    "login": env("ACCOUNT_LOGIN_RATE", ""),
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "confirm_email": "1/3m/key",
}
# Failed logins per network address, generously: a course room of 30 shares one NAT address and its typos
# must not lock out the room (issue 11); a password sprayer is held back (people.login_limits).
ICS_LOGIN_FAILED_PER_ADDRESS = env("ICS_LOGIN_FAILED_PER_ADDRESS", "100/5m")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "ICS Akademi"

# --- Sessions (ASVS V3): renewed at login (Django) and when the session's privilege changes ---
# Absolute lifetime of every session, counted from login; the cookie lasts no longer either.
ICS_SESSION_ABSOLUTE_SECONDS = int(env("ICS_SESSION_ABSOLUTE_SECONDS", str(12 * 60 * 60)))
# Idle timeout for privileged sessions (national admins, superusers and staff, leaders).
ICS_SESSION_PRIVILEGED_IDLE_SECONDS = int(env("ICS_SESSION_PRIVILEGED_IDLE_SECONDS", str(30 * 60)))
SESSION_COOKIE_AGE = ICS_SESSION_ABSOLUTE_SECONDS

# --- i18n: Danish first, English as a switch ---
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
# locale/ first: makemessages writes the project's strings there. lms/locale_wagtail completes Wagtail's
# Danish where Wagtail lacks strings; makemessages never touches it, and both win over Wagtail's own.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "lms" / "locale_wagtail"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
WAGTAIL_CONTENT_LANGUAGES = [("da", "Dansk")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("da", "Dansk"), ("en", "English")]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Cache: Redis when REDIS_URL is set (rate limits must be shared between workers) ---
if env("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "web.redis_cache.RedisCache", "LOCATION": env("REDIS_URL")}}
    # This process's memory, in front of Redis, for entries whose key names every version they depend on
    # (a lesson's rendered body per page revision, its outline per version of the material, a report's
    # rows per content): such an entry never changes, so a copy in memory cannot go stale, and a lesson
    # costs no round trip for it. Room for every municipality's report rows (some 20 MB at most).
    CACHES["local"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ics-local",
                       "OPTIONS": {"MAX_ENTRIES": 20000}}
    # Sessions are read from Redis and written through to the database: a logged-in request costs no
    # session query, and a session survives a Redis restart. Only with a shared cache: a per-process
    # cache would let one worker serve a session that another has ended.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CACHES["local"] = CACHES["default"]

# --- Mail ---
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "ICS Akademi <noreply@ics-akademi.dk>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery: eager when no broker is configured (the embedded default) ---
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = "ics"
# The one beat schedule. Apps add their entries here, never in their own modules.
CELERY_BEAT_SCHEDULE = {
    # Every notification still unsent (invitations, reminders, ...): a broker outage delays, never loses.
    "people-resend-unsent-notifications": {
        "task": "people.notifications.unsent_notifications_resend_task",
        "schedule": 60 * 60,
    },
    # Wagtail groups follow the memberships in force: end and start dates pass at midnight unnoticed.
    "people-wagtail-groups-sync": {
        "task": "people.tasks.wagtail_groups_sync_task",
        "schedule": crontab(minute=5, hour=0),
    },
    # Retention: expired sessions, old roster imports and old invitations (ICS["RETENTION_DAYS"]).
    "people-personal-data-purge": {
        "task": "people.tasks.personal_data_purge_task",
        "schedule": crontab(minute=20, hour=3),
    },
    "scheduling-send-reminders": {
        "task": "scheduling.tasks.send_reminders_task",
        "schedule": 60 * 60,
    },
    # Compliance: monthly snapshot (1st, 02:15), daily reminders (06:30), weekly digest (Monday 07:00).
    "compliance-monthly-snapshot": {
        "task": "compliance.tasks.take_monthly_snapshot_task",
        "schedule": crontab(minute=15, hour=2, day_of_month=1),
    },
    "compliance-daily-reminders": {
        "task": "compliance.tasks.send_compliance_reminders_task",
        "schedule": crontab(minute=30, hour=6),
    },
    "compliance-weekly-digest": {
        "task": "compliance.tasks.send_leader_digests_task",
        "schedule": crontab(minute=0, hour=7, day_of_week=1),
    },
    # Implementation barometer: invitations of rounds opening today, reminders before the close (06:45).
    "implementation-barometer-daily": {"task": "implementation.tasks.barometer_daily_task", "schedule": crontab(minute=45, hour=6)},
}
# Scheduling reminders: {Event.Kind value: (days before a session, ...)} overrides the kinds it names.
SCHEDULING_REMINDER_DAYS = {}

# --- Wagtail ---
WAGTAIL_SITE_NAME = "ICS Akademi"
WAGTAILADMIN_BASE_URL = SITE_URL
# The admin logs in through allauth, and passwords and email addresses are managed there (rate limits,
# verification, two-factor); Wagtail's own login, reset and account forms are not a way around them.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    # The database backend uses PostgreSQL full-text search when on PostgreSQL.
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "danish"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "txt"]
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party avatar service: it would leak staff email hashes and break the CSP.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Content-Security-Policy (django-csp 4). Our pages load scripts from this site only; Wagtail's
# admin needs inline scripts, allowed for its pages alone (web.middleware). Inline styles stay allowed. ---
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "SAMEORIGIN"
# The largest request body accepted, uploads included (413 above it); the proxy enforces the same.
REQUEST_BODY_MAX_BYTES = int(env("REQUEST_BODY_MAX_BYTES", str(25 * 1024 * 1024)))

# --- [sso] SAML single sign-on for municipal staff (people.sso, pysaml2 + the xmlsec1 program) ---
# The SP's key pairs as PEM files, current first; a second pair is published too, for rollover. With no
# pair, municipal login is off and the login page shows only email and password.
ICS_SSO = {
    "SP_ENTITY_ID": env("SSO_SP_ENTITY_ID", ""),  # default: SITE_URL + /sso/metadata/
    "SP_KEYS": [
        (env("SSO_SP_KEY_FILE", ""), env("SSO_SP_CERT_FILE", "")),
        (env("SSO_SP_NEXT_KEY_FILE", ""), env("SSO_SP_NEXT_CERT_FILE", "")),
    ],
    "XMLSEC_BINARY": env("SSO_XMLSEC_BINARY", ""),  # default: xmlsec1 on PATH
    "ACCEPTED_TIME_DIFF_SECONDS": 60,
    "CONTACT_EMAIL": env("SSO_CONTACT_EMAIL", "noreply@ics-akademi.dk"),
    # The demo IdP (people.sso.demo_idp) is for development only: the dev settings turn it on.
    "DEMO_IDP": False,
    "DEMO_IDP_KEYS": ("", ""),
}
# IdPs whose metadata has an address are fetched again each night (their certificates roll over).
CELERY_BEAT_SCHEDULE["people-sso-metadata-refresh"] = {
    "task": "people.sso.tasks.idp_metadata_refresh_task",
    "schedule": crontab(minute=40, hour=4),
}
# --- [/sso] ---

ICS = {
    "INVITATION_VALID_DAYS": 14,
    # Personal data kept no longer than needed (people.tasks.personal_data_purge_task): roster imports
    # and accepted or expired invitations older than this many days go; expired sessions go at once.
    "RETENTION_DAYS": 30,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Wagtail's background tasks (django-tasks) log every run at INFO; keep the console readable.
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        # [sso] pysaml2's schema library says at INFO that it loaded a schema twice, at every start.
        "xmlschema": {"level": "WARNING"},
    },
}
