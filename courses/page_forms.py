"""Wagtail admin forms of the course pages (the `base_form_class` of a page model; Wagtail passes the
editing user as `for_user`)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from people.permissions import access_for


class CourseIndexPageForm(WagtailAdminPageForm):
    """Only national admins set or change the municipality of a course index: it decides who sees the
    material below it. For anyone else the field is shown disabled (Django then ignores what is posted
    for it and keeps the stored value), and a post that tries another value anyway is refused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_change_municipality = access_for(self.for_user).is_national_admin
        if not self.may_change_municipality:
            field = self.fields["municipality"]
            field.disabled = True
            field.help_text = _("Only national admins can change the municipality of a course index.")

    def clean(self):
        data = super().clean()
        if not self.may_change_municipality:
            # The raw post: the chooser widget reads an empty value as "not posted", which here would
            # hide an attempt to make a local index national.
            bound = self["municipality"]
            posted = self.data.get(bound.html_name)
            if posted is not None and str(posted) != str(bound.initial or ""):
                self.add_error("municipality", _("Only national admins can change the municipality of a "
                                                 "course index."))
        return data
