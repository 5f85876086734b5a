import pytest


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """A transactional test before this one may have flushed and reloaded content types under new ids;
    Django's in-process ContentType cache would then point Wagtail's reference index at ids that are gone."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
