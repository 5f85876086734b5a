"""The one PDF renderer: a Django template through WeasyPrint."""

import base64
import mimetypes

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def render_document(template: str, context: dict, *, request: HttpRequest | None = None):
    """`template` rendered with `context` and laid out by WeasyPrint (a `weasyprint.Document`: its pages,
    boxes and text, which tests read). Relative URLs (static files, images) resolve against the
    request's site, or `SITE_URL` when there is no request (a task, a command)."""
    from weasyprint import HTML  # imported on use: it loads Pango, which a page view never needs

    html = render_to_string(template, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else settings.SITE_URL
    return HTML(string=html, base_url=base_url).render()


def render_pdf(template: str, context: dict, *, request: HttpRequest | None = None) -> bytes:
    """The PDF bytes of `template` rendered with `context` (see `render_document`)."""
    return render_document(template, context, request=request).write_pdf()


def static_data_uri(path: str) -> str:
    """A static file (such as "img/logo.svg") as a data: URI, so a PDF carries it without fetching it
    back from the site."""
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    with open(found, "rb") as file:
        return f"data:{content_type};base64," + base64.b64encode(file.read()).decode()


def pdf_response(pdf: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    """An HTTP response carrying `pdf` as `filename` (shown in the browser when `inline`)."""
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
