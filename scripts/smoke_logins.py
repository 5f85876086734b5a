"""Every demo account logs in (with two-factor for the national admin) and lands on its dashboard."""

import os
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
django.setup()

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time  # noqa: E402
from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from people.demo import DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD, MUNICIPALITIES  # noqa: E402
from people.models import User  # noqa: E402

setup_test_environment()
settings.ALLOWED_HOSTS = ["*"]
accounts = ["admin@ics.demo", "udbyder@via.demo"] + [
    f"{local}@{slug}.demo" for slug, spec in MUNICIPALITIES.items() for local in spec["people"]
]
failures = 0
for email in accounts:
    client = Client()
    response = client.post("/konto/login/", {"login": email, "password": DEMO_PASSWORD}, follow=True)
    if email == "admin@ics.demo":
        counters = list(yield_hotp_counters_from_time())
        code = format_hotp_value(hotp_value(DEMO_ADMIN_TOTP_SECRET, counters[len(counters) // 2]))
        response = client.post("/konto/2fa/authenticate/", {"code": code}, follow=True)
    dashboard = client.get("/mit/")
    name = User.objects.get(email=email).full_name
    ok = dashboard.status_code == 200 and name.split()[0] in dashboard.content.decode()
    print(f"{'ok ' if ok else 'FAIL'} {email}: dashboard {dashboard.status_code}")
    failures += not ok
if failures:
    sys.exit(f"{failures} demo account(s) could not reach their dashboard")
print(f"All {len(accounts)} demo accounts reached their dashboard.")
