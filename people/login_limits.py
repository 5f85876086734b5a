"""Failed-login limits and the lockout message that says when to try again.

allauth counts failed logins under `ACCOUNT_RATE_LIMITS["login_failed"]`: per account (the key is the
email typed) strictly, per address generously, because a municipality's course room logs in from one
NAT address. When a limit is reached allauth refuses the login with a bare "try again later"; this
module reads the same counters to say how many minutes, and until what time, the refusal lasts, and
whether it is the account or the address that is held back.

The counters are allauth's: a list of attempt timestamps (newest first) in the cache under
`allauth.core.internal.ratelimit.get_cache_key`. That module is internal to allauth (pinned in
pyproject.toml); `tests/people/test_login_limits.py` fails if its shape changes.
"""

import datetime
import math
import time
from dataclasses import dataclass

from allauth.core.internal.ratelimit import get_cache_key, get_rates
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
