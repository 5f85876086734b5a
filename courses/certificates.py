"""Certificates: the verification code, the public verification link, the QR code and the PDF.

The code is derived from the completion's primary key with an HMAC of the secret key and stored on the
completion when it is written, so the same completion always yields the same code and certificate.
A tampered code matches no completion: it is simply unknown.
"""

import base64
import hashlib
import hmac
import io
import itertools
import re

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from web.pdf import render_pdf, static_data_uri

CERTIFICATE_TEMPLATE = "courses/learning/certificate_pdf.html"

CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4
CODE_LENGTH = CODE_GROUPS * CODE_GROUP_LENGTH
# The printed alphabet: Crockford's base32 without 0 and 1, so no character can be taken for another
# (no O/0, no I/1/L, and no U/V either). 30 symbols; 12 of them carry about 59 bits.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
# Codes issued before issue 11 used RFC 4648 base32 (A–Z, 2–7: O, I and L included). They are stored
# and keep verifying; a reader of an old certificate may type 0 for O and 1 or l for I or L.
_LEGACY_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
_LEGACY_READINGS = {"0": "O", "O": "O", "1": "IL", "I": "IL", "L": "IL"}
# More ambiguous characters than this in one legacy code is not a code anyone was printed.
_MAX_LEGACY_AMBIGUITY = 6
_SEPARATORS = re.compile(r"[\s\-–—_.·]+")


def _grouped(symbols: str) -> str:
    return "-".join(symbols[i : i + CODE_GROUP_LENGTH] for i in range(0, len(symbols), CODE_GROUP_LENGTH))


def verification_code_for(completion_id: int) -> str:
    """A code like 'K7QM-2XPA-93HD' for a completion id, from an alphabet without look-alikes."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"ics-completion:{completion_id}".encode(), hashlib.sha256
    ).digest()
    number = int.from_bytes(digest, "big")
    symbols = []
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, len(CODE_ALPHABET))
        symbols.append(CODE_ALPHABET[index])
    return _grouped("".join(symbols))


def normalise_code(text: str) -> str | None:
    """What a person typed or scanned, in the printed form (upper case, grouped by dashes): spaces, dashes
    and case do not matter. None when it cannot be a code at all. Look-alikes are resolved by
    `code_candidates`, not here, so the verification URL keeps what was typed."""
    symbols = _SEPARATORS.sub("", (text or "").strip()).upper()
    if len(symbols) != CODE_LENGTH or not symbols.isascii() or not symbols.isalnum():
        return None
    return _grouped(symbols)


def code_candidates(text: str) -> list[str]:
    """The stored codes that what was typed may stand for: the code itself in the current alphabet, and,
    for certificates issued before it, every reading of 0/O and 1/I/L in the old one. Empty when it
    cannot be a code. A handful of values for an indexed `verification_code__in` lookup."""
    typed = normalise_code(text)
    if typed is None:
        return []
    symbols = typed.replace("-", "")
    candidates = []
    if all(symbol in CODE_ALPHABET for symbol in symbols):
        candidates.append(typed)
    readings = [_LEGACY_READINGS.get(symbol, symbol) for symbol in symbols]
    ambiguous = sum(len(reading) > 1 for reading in readings)
    if all(set(reading) <= _LEGACY_ALPHABET for reading in readings) and ambiguous <= _MAX_LEGACY_AMBIGUITY:
        for letters in itertools.product(*readings):
            code = _grouped("".join(letters))
            if code not in candidates:
                candidates.append(code)
    return candidates


def verification_url(code: str) -> str:
    return settings.SITE_URL + reverse("courses:certificate_verify", kwargs={"code": code})


def qr_data_uri(url: str) -> str:
    import qrcode

    image = qrcode.make(url, box_size=6, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


LOGO = "img/logo.svg"


def certificate_context(completion) -> dict:
    url = verification_url(completion.verification_code)
    course = completion.course
    return {
        "completion": completion,
        "person_name": completion.person.full_name or completion.person.email,
        "course_title": course.title,
        "course_hours": course.course_hours,
        "course_days": course.course_days,
        "provider_name": completion.provider.name if completion.provider_id else "",
        "code": completion.verification_code,
        "verify_url": url,
        "qr": qr_data_uri(url),
        "logo": static_data_uri(LOGO),
    }


def certificate_pdf(completion) -> bytes:
    """The certificate as PDF bytes. Rendered from stored data only: the same completion, the same PDF."""
    with translation.override("da"):
        return render_pdf(CERTIFICATE_TEMPLATE, certificate_context(completion))


def certificate_filename(completion) -> str:
    return f"kursusbevis-{completion.course.slug}-{completion.verification_code}.pdf"
