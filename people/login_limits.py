"""Failed-login limits and the lockout message that says when to try again.

Two limits, kept apart on purpose:
- **Per account** (the key is the email typed), strictly: allauth's own `ACCOUNT_RATE_LIMITS["login_failed"]`.
  Its counters are a list of attempt timestamps in the cache under
  `allauth.core.internal.ratelimit.get_cache_key`, guarded by a cache lock per key. Only logins to one
  account share that lock.
- **Per network address**, generously (`ICS_LOGIN_FAILED_PER_ADDRESS`, e.g. 100 in 5 minutes), counted
  here with the cache's atomic `add` and `incr` in a fixed window. A municipality's course room logs in
  from one NAT address. With allauth counting per address, every login from that room (a success too:
  allauth counts first and takes the count back after the right password) queued for the same cache
  lock. allauth waits one second for that lock and then answers 429, so the 08:30 rush refused some
  people with the right password (`make bench`, issue 12). A fixed window lets up to twice the limit
  through around a window's edge, which is fine for a bound this loose.

When a limit is reached the login is refused with a Danish message that says how many minutes, and
until what time, the refusal lasts, and whether it is the account or the address that is held back.

allauth's module is internal (pinned in pyproject.toml); `tests/people/test_login_limits.py` fails if
its shape changes.
"""

import datetime
import math
import time
from dataclasses import dataclass

from allauth.core.internal.ratelimit import get_cache_key, get_ip, get_rates, parse_rate
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import ngettext

APP = "allauth.account"
ACTION = "login_failed"


@dataclass(frozen=True)
class Lockout:
    """How long failed-login limits hold a login back: `seconds` until an attempt is counted again, the
    local time it is, and whether the per-address limit is (one of) the limits reached."""

    seconds: float
    until: datetime.datetime
    by_address: bool

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.seconds / 60))


def _address_window(request: HttpRequest, now: float) -> tuple[str, int, float]:
    """This address's failure counter for the window `now` falls in: (cache key, limit, window end)."""
    rate = parse_rate(settings.ICS_LOGIN_FAILED_PER_ADDRESS + "/ip")
    window = int(now // rate.duration)
    return f"people:login-failed:{get_ip(request)}:{rate.duration:g}:{window}", rate.amount, (window + 1) * rate.duration


def record_failure(request: HttpRequest, *, now: float | None = None) -> None:
    """Count a failed login against `request`'s address (allauth counts it against the account)."""
    now = time.time() if now is None else now
    cache_key, _, ends = _address_window(request, now)
    cache.add(cache_key, 0, timeout=max(1, math.ceil(ends - now)) + 60)
    try:
        cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.add(cache_key, 1, timeout=max(1, math.ceil(ends - now)) + 60)


def address_lockout(request: HttpRequest, *, now: float | None = None) -> Lockout | None:
    """The lockout of `request`'s address, or None while it has room. Reads the counter only."""
    now = time.time() if now is None else now
    cache_key, limit, ends = _address_window(request, now)
    if cache.get(cache_key, 0) < limit:
        return None
    return _lockout([(ends - now, True)], now)


def lockout_for(request: HttpRequest, key: str, *, now: float | None = None) -> Lockout | None:
    """The lockout that applies to a login with `key` (allauth's per-account key) from `request`'s address,
    or None when every limit still has room. Reads the counters; consumes nothing."""
    now = time.time() if now is None else now
    waits = []
    for rate in get_rates(app=APP, action=ACTION):
        cache_key = get_cache_key(request, app=APP, action=ACTION, rate=rate, key=key)
        recent = sorted((ts for ts in cache.get(cache_key, []) if ts > now - rate.duration), reverse=True)
        if len(recent) >= rate.amount:
            # Room again when the attempt that filled the window leaves it.
            waits.append((recent[rate.amount - 1] + rate.duration - now, rate.per == "ip"))
    address = address_lockout(request, now=now)
    if address is not None:
        waits.append((address.seconds, True))
    return _lockout(waits, now)


def _lockout(waits: list[tuple[float, bool]], now: float) -> Lockout | None:
    if not waits:
        return None
    seconds = max(wait for wait, _ in waits)
    until = timezone.localtime(datetime.datetime.fromtimestamp(now + seconds, tz=datetime.UTC))
    return Lockout(seconds=seconds, until=until, by_address=any(by_ip for _, by_ip in waits))


def lockout_error(lockout: Lockout) -> ValidationError:
    """The Danish form error for a lockout: who is held back, for how many minutes and until when."""
    values = {"minutes": lockout.minutes, "time": lockout.until.strftime("%H.%M")}
    if lockout.by_address:
        message = ngettext(
            "Too many failed logins from this network address. Try again in %(minutes)s minute, at %(time)s.",
            "Too many failed logins from this network address. Try again in %(minutes)s minutes, at %(time)s.",
            lockout.minutes,
        )
    else:
        message = ngettext(
            "Too many failed logins to this account. Try again in %(minutes)s minute, at %(time)s, "
            "or reset your password.",
            "Too many failed logins to this account. Try again in %(minutes)s minutes, at %(time)s, "
            "or reset your password.",
            lockout.minutes,
        )
    return ValidationError(message % values, code="too_many_login_attempts")
