from django.core.management.base import BaseCommand, CommandError

from scheduling import bench


class Command(BaseCommand):
    help = "Time the personal feed (500 sessions) and the municipal feed (5,000 sessions). Data is rolled back."

    def add_arguments(self, parser):
        parser.add_argument("--personal", type=int, default=500, help="sessions in the personal feed")
        parser.add_argument("--municipal", type=int, default=5000, help="sessions in the municipal feed")

    def handle(self, *args, personal, municipal, **options):
        if personal < 1 or municipal < 1:
            raise CommandError("Antallet af sessioner skal være mindst 1.")
        for line in bench.run(personal=personal, municipal=municipal):
            self.stdout.write(line)
