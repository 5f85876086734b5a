"""Documents of a municipality's own material: a Wagtail collection per municipality. A document in it
(or in a collection below it) is served only to those who may see that municipality's local material
(courses.selectors.material.document_visible_to, applied by the `before_serve_document` hook)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["LocalCollection"]


class LocalCollection(models.Model):
    municipality = models.OneToOneField(
        "people.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality"),
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.CASCADE, related_name="+", verbose_name=_("collection"),
    )

    class Meta:
        verbose_name = _("local material collection")
        verbose_name_plural = _("local material collections")

    def __str__(self):
        return str(self.collection)
