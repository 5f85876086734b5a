"""The collection of a municipality's local material: documents put there are served only to those who
may see that municipality's local material (the rule: courses.selectors.material.document_visible_to)."""

from django.db import transaction
from wagtail.models import Collection

from people.models import Municipality

from ..models import LocalCollection

COLLECTION = "Lokalt materiale – {name}"


@transaction.atomic
def local_collection_ensure(*, municipality: Municipality) -> Collection:
    """Idempotent: the municipality's collection (a child of the root collection), created if missing."""
    existing = (
        LocalCollection.objects.select_for_update().select_related("collection")
        .filter(municipality=municipality).first()
    )
    if existing is not None:
        return existing.collection
    collection = Collection.get_first_root_node().add_child(name=COLLECTION.format(name=municipality.name))
    link = LocalCollection(municipality=municipality, collection=collection)
    link.full_clean()
    link.save()
    return collection
