"""All 98 municipalities with their official codes, and their regions as periods.

The CSV is a copy of shared/data/kommuner.csv kept in the app so that the migration needs nothing
outside the repository. Regions are data: on 1 January 2027 Region Hovedstaden and Region Sjælland
merge into Region Østdanmark, recorded here as a new period rather than an overwrite.
"""

import csv
import datetime
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "kommuner.csv"
START = datetime.date(2007, 1, 1)  # the municipal reform that created the 98 municipalities
MERGER = datetime.date(2027, 1, 1)
MERGED = {"Region Hovedstaden", "Region Sjælland"}
NEW_REGION = "Region Østdanmark"


def _slug(name):
    return slugify(name.replace("æ", "ae").replace("ø", "oe").replace("å", "aa").replace("Æ", "Ae")
                   .replace("Ø", "Oe").replace("Å", "Aa"))


def load(apps, schema_editor):
    Region = apps.get_model("people", "Region")
    Municipality = apps.get_model("people", "Municipality")
    MunicipalityRegion = apps.get_model("people", "MunicipalityRegion")
    with CSV_PATH.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    new_region, _ = Region.objects.get_or_create(name=NEW_REGION)
    for row in rows:
        region, _ = Region.objects.get_or_create(name=row["region"].strip())
        municipality, _ = Municipality.objects.update_or_create(
            code=row["code"].strip().zfill(3),
            defaults={"name": row["name"].strip(), "slug": _slug(row["name"].strip())},
        )
        if region.name in MERGED:
            MunicipalityRegion.objects.get_or_create(
                municipality=municipality, valid_from=START,
                defaults={"region": region, "valid_to": MERGER - datetime.timedelta(days=1)},
            )
            MunicipalityRegion.objects.get_or_create(
                municipality=municipality, valid_from=MERGER, defaults={"region": new_region}
            )
        else:
            MunicipalityRegion.objects.get_or_create(
                municipality=municipality, valid_from=START, defaults={"region": region}
            )


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
