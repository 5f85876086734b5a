"""Views by concept: reports, booking, staff."""

from .booking import book, book_confirm
from .reports import index, municipal, municipal_export, national, national_export, own_status
from .staff import exemption_create, roster_preview, roster_upload, staff

__all__ = [
    "book",
    "book_confirm",
    "exemption_create",
    "index",
    "municipal",
    "municipal_export",
    "national",
    "national_export",
    "own_status",
    "roster_preview",
    "roster_upload",
    "staff",
]
