from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.management.base import BaseCommand

from people.demo import DEMO_ADMIN_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo national admin (admin@ics.demo)."

    def handle(self, *args, **options):
        counters = list(yield_hotp_counters_from_time())
        current = counters[len(counters) // 2]
        self.stdout.write(format_hotp_value(hotp_value(DEMO_ADMIN_TOTP_SECRET, current)))
