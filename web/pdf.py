"""The one PDF renderer: a Django template through WeasyPrint."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def render_pdf(template: str, context: dict, *, request: HttpRequest | None = None) -> bytes:
    """The PDF bytes of `template` rendered with `context`. Relative URLs (static files, images)
    resolve against the request's site, or `SITE_URL` when there is no request (a task, a command)."""
    from weasyprint import HTML  # imported on use: it loads Pango, which a page view never needs

    html = render_to_string(template, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else settings.SITE_URL
    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_response(pdf: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    """An HTTP response carrying `pdf` as `filename` (shown in the browser when `inline`)."""
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
