from django.core.management.base import BaseCommand, CommandError

from lms import demo
from people.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load the demo data of every app (idempotent: a second run changes and duplicates nothing)."

    def handle(self, *args, **options):
        try:
            demo.load(stdout=self.stdout)
        except demo.DemoError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded. Password for every demo account: {DEMO_PASSWORD}"))
