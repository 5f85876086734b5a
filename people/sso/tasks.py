"""Celery task for single sign-on: the nightly metadata refresh (beat entry in the settings' [sso] block)."""

from celery import shared_task

from .services import idp_metadata_refresh_all


@shared_task
def idp_metadata_refresh_task() -> dict[str, int]:
    """Fetch again every active IdP's metadata from its address. Idempotent."""
    return idp_metadata_refresh_all()
