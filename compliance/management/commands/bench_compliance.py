from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Build 98 municipalities with 20,000 people and time the national report, a municipal report of "
            "2,000 people and the XLSX export, beside one raw SQL aggregate of the same national figures. "
            "Everything is rolled back afterwards unless --keep is given.")

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=20_000)
        parser.add_argument("--big", type=int, default=2_000, help="People in the municipality of the municipal report.")
        parser.add_argument("--keep", action="store_true", help="Keep the benchmark data instead of rolling it back.")

    def handle(self, *args, people, big, keep, **options):
        from compliance import bench

        if big > people:
            raise CommandError("--big cannot be larger than --people.")
        try:
            timings, ratio = bench.run(people=people, big=big, keep=keep, stdout=self.stdout)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("")
        self.stdout.write(f"{'What':<46} {'Time (ms)':>10} {'Queries':>8}  Note")
        for t in timings:
            self.stdout.write(f"{t.label:<46} {t.seconds * 1000:>10.1f} {t.queries if t.queries is not None else '':>8}  {t.note}")
        if ratio is None:
            self.stdout.write("The raw SQL aggregate needs PostgreSQL; no ratio on this database.")
        else:
            verdict = "within" if ratio <= 2 else "above"
            self.stdout.write(f"National report / raw SQL aggregate: {ratio:.2f}x ({verdict} the 2x aim).")
