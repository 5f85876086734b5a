"""Entries that never change once written, kept in Redis and in this process's memory.

An entry whose key names every version it depends on (a page's live revision, the version of the course
material, a learner's attempt) never goes stale: a change makes a new key, and the old entry is left to
expire. Such an entry can be kept in the process's own memory (`CACHES["local"]`) as well as in the
shared cache, so a request reads it without a round trip to Redis. Anything that can change under the
same key must use the shared cache alone."""

import time

from django.core.cache import cache, caches
from django.db import transaction

DEFAULT_SECONDS = 7 * 24 * 3600


def versioned_get(key: str):
    """The entry under `key`: this process's copy, else the shared cache's (then kept here); None if neither."""
    local = caches["local"]
    value = local.get(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            local.set(key, value, DEFAULT_SECONDS)
    return value


def versioned_set(key: str, value, seconds: int = DEFAULT_SECONDS) -> None:
    cache.set(key, value, seconds)
    caches["local"].set(key, value, seconds)


def current_version(key: str) -> int:
    """The version kept under `key` in the shared cache: any value (an evicted one is replaced by a new
    one, which only costs a re-read of what it versions)."""
    version = cache.get(key)
    if version is None:
        version = time.time_ns()
        cache.set(key, version, None)
    return version


def version_changed(key: str) -> None:
    """What `key` versions was written: a new version at once, for the rest of this transaction, and
    again when it commits (a request that read the new version before the commit may have kept the old
    state under it)."""
    cache.set(key, time.time_ns(), None)
    transaction.on_commit(lambda: cache.set(key, time.time_ns(), None))
