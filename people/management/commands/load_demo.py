from importlib import import_module, util

from django.core.management.base import BaseCommand, CommandError

# Each app's demo data builds on the apps before it (the dependency order of ARCHITECTURE.md).
DEMO_APPS = ["people", "content", "scheduling", "courses", "compliance"]


class Command(BaseCommand):
    help = "Load the demo data (idempotent: a second run changes and duplicates nothing)."

    def handle(self, *args, **options):
        for app in DEMO_APPS:
            if util.find_spec(f"{app}.demo") is None:
                continue
            module = import_module(f"{app}.demo")
            self.stdout.write(f"Loading demo data for {app} …")
            try:
                module.load(stdout=self.stdout)
            except Exception as exc:  # report which app failed, keep the traceback
                raise CommandError(f"Demo data for {app} failed: {exc}") from exc
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Password for every demo account: demo-ics-2026"))
