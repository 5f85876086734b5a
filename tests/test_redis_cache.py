"""The Redis cache backend (web.redis_cache): Django's, keeping one Redis client per connection pool."""

import threading

import pytest
from django.conf import settings

from web.redis_cache import RedisCache

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_cache():
    cache = RedisCache(settings.TEST_REDIS_URL, {"KEY_PREFIX": "redis-cache-test"})
    cache.clear()
    yield cache
    cache.clear()


def test_it_is_the_cache_django_provides(redis_cache):
    redis_cache.set("a", {"x": 1}, 30)
    assert redis_cache.get("a") == {"x": 1}
    assert redis_cache.add("a", 2) is False
    assert redis_cache.add("n", 0) is True
    assert redis_cache.incr("n") == 1
    assert redis_cache.get_many(["a", "n", "missing"]) == {"a": {"x": 1}, "n": 1}
    redis_cache.delete_many(["a", "n"])
    assert redis_cache.get("a") is None


def test_one_client_serves_every_operation(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client
    redis_cache.get("a")
    assert redis_cache._cache.get_client() is client


def test_the_shared_client_counts_correctly_from_many_threads(redis_cache):
    redis_cache.set("count", 0, 30)

    def count():
        for _ in range(50):
            redis_cache.incr("count")

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert redis_cache.get("count") == 400
