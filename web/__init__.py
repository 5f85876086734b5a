"""Helpers every app uses, kept once at the bottom of the house: no models, no imports of our apps.

- `web.forms.errors_to_form`: a service's `ValidationError` onto the form that caused it;
- `web.redirects.safe_next_url` / `redirect_next`: a `next` parameter that can only lead to this site;
- `web.dates.local_date`: the local calendar day of a stored moment;
- `web.pdf.render_pdf` / `pdf_response`: the one WeasyPrint renderer;
- `{% load web_tags %}`: the template filters (`get_item`, `absolute`).
"""
