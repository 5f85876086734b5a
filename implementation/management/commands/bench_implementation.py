from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Build municipalities with a licence and a closed barometer round each (98 × 500 respondents by "
            "default) and print the national overview's and one municipal report's time and queries. "
            "Everything is rolled back afterwards unless --keep is given.")

    def add_arguments(self, parser):
        parser.add_argument("--municipalities", type=int, default=98)
        parser.add_argument("--respondents", type=int, default=500, help="Respondents invited per municipality.")
        parser.add_argument("--keep", action="store_true", help="Keep the benchmark data instead of rolling it back.")

    def handle(self, *args, municipalities, respondents, keep, **options):
        from implementation import bench

        if municipalities < 1 or respondents < 1:
            raise CommandError("--municipalities and --respondents must be at least 1.")
        try:
            timings = bench.run(municipalities=municipalities, respondents=respondents, keep=keep, stdout=self.stdout)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("")
        self.stdout.write(f"{'What':<52} {'Time (ms)':>10} {'Queries':>8}")
        for t in timings:
            self.stdout.write(f"{t.label:<52} {t.seconds * 1000:>10.1f} {t.queries:>8}")
