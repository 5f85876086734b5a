"""A copy of every Django table's rows in a schema of its own (PostgreSQL), put back with plain SQL.

Used where a transactional test (live server, threads, a worker) needs the database as it was at some
point: the reference data the migrations left (tests/conftest.py) and the loaded demo
(tests/e2e/demo_world.py). Putting rows back with INSERT … SELECT takes a fraction of a second where
deserializing them through the ORM or loading them again took seconds.
"""


def postgres(connection):
    return connection.vendor == "postgresql"


def django_tables(connection):
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


class TableSnapshot:
    def __init__(self, schema):
        self.schema = schema  # where the copy lives
        self.source = None  # the schema of the tables (the connection's current schema)
        self.tables = None

    @property
    def taken(self):
        return self.tables is not None

    def take(self, connection):
        quote = connection.ops.quote_name
        tables = django_tables(connection)
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            self.source = cursor.fetchone()[0]
            cursor.execute(f"DROP SCHEMA IF EXISTS {quote(self.schema)} CASCADE")
            cursor.execute(f"CREATE SCHEMA {quote(self.schema)}")
            for table in tables:
                cursor.execute(f"CREATE TABLE {quote(self.schema)}.{quote(table)} AS "
                               f"TABLE {quote(self.source)}.{quote(table)}")
        self.tables = tables

    def restore(self, connection):
        """Every Django table holds exactly the copied rows again; sequences move past them."""
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType
        from django.core.management.color import no_style
        from django.db import transaction

        quote = connection.ops.quote_name
        tables = django_tables(connection)
        assert tables == self.tables, "the database's tables changed since they were copied"
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            # Foreign keys are deferred (Django makes them DEFERRABLE INITIALLY DEFERRED): checked at commit.
            # DELETE, not TRUNCATE: the tables are (nearly) empty here, and emptying a small table costs
            # next to nothing, where TRUNCATE makes every table's files anew.
            for table in tables:
                cursor.execute(f"DELETE FROM {quote(self.source)}.{quote(table)}")
            for table in tables:
                cursor.execute(f"INSERT INTO {quote(self.source)}.{quote(table)} "
                               f"SELECT * FROM {quote(self.schema)}.{quote(table)}")
            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
                cursor.execute(sql)
        ContentType.objects.clear_cache()

    def drop(self, connection):
        if self.taken:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {connection.ops.quote_name(self.schema)} CASCADE")
            self.tables = None
