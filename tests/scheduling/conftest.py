import pytest


@pytest.fixture(autouse=True)
def _robust_transactional_setup(request):
    """Two guards for transactional tests (live server, threads, a real worker) that run after another
    transactional test has flushed the database:

    - Django's in-process ContentType cache may point at ids that were flushed and recreated, which
      breaks Wagtail's reference index; it is cleared.
    - The role groups from people's data migration may be gone: serialized_rollback cannot restore them
      when Playwright's event loop gives the test a connection object without the serialized contents.
      Memberships add people to these groups, so they are recreated (names from people.roles).
    """
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        from django.contrib.auth.models import Group

        from people.roles import ADMIN_GROUP_NAMES

        for name in ADMIN_GROUP_NAMES:
            Group.objects.get_or_create(name=name)
    yield
