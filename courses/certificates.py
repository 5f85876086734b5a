"""Certificates: the verification code, the public verification link, the QR code and the PDF.

The code is derived from the completion's primary key with an HMAC of the secret key and stored on the
completion when it is written, so the same completion always yields the same code and certificate.
A tampered code matches no completion: it is simply unknown.
"""

import base64
import hashlib
import hmac
import io
import re

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from web.pdf import render_pdf

CERTIFICATE_TEMPLATE = "courses/learning/certificate_pdf.html"

CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4
_ALPHABET = re.compile(r"[^A-Z2-7]")


def verification_code_for(completion_id: int) -> str:
    """A code like 'K7QM-2XPA-93HD' (base32, no 0/1/8/9 confusion) for a completion id."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"ics-completion:{completion_id}".encode(), hashlib.sha256
    ).digest()
    letters = base64.b32encode(digest).decode()[: CODE_GROUPS * CODE_GROUP_LENGTH]
    return "-".join(letters[i : i + CODE_GROUP_LENGTH] for i in range(0, len(letters), CODE_GROUP_LENGTH))


def normalise_code(text: str) -> str | None:
    """What a person typed or scanned, in the stored form; None when it cannot be a code at all."""
    letters = _ALPHABET.sub("", (text or "").upper())
    if len(letters) != CODE_GROUPS * CODE_GROUP_LENGTH:
        return None
    return "-".join(letters[i : i + CODE_GROUP_LENGTH] for i in range(0, len(letters), CODE_GROUP_LENGTH))


def verification_url(code: str) -> str:
    return settings.SITE_URL + reverse("courses:certificate_verify", kwargs={"code": code})


def qr_data_uri(url: str) -> str:
    import qrcode

    image = qrcode.make(url, box_size=6, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def certificate_context(completion) -> dict:
    url = verification_url(completion.verification_code)
    return {
        "completion": completion,
        "person_name": completion.person.full_name or completion.person.email,
        "course_title": completion.course.title,
        "provider_name": completion.provider.name if completion.provider_id else "",
        "code": completion.verification_code,
        "verify_url": url,
        "qr": qr_data_uri(url),
    }


def certificate_pdf(completion) -> bytes:
    """The certificate as PDF bytes. Rendered from stored data only: the same completion, the same PDF."""
    with translation.override("da"):
        return render_pdf(CERTIFICATE_TEMPLATE, certificate_context(completion))


def certificate_filename(completion) -> str:
    return f"kursusbevis-{completion.course.slug}-{completion.verification_code}.pdf"
