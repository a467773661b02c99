"""Login throttling (issue 12): sign-in attempts counted in Django's cache.

Two counters, each in a fixed window that opens with its first attempt: one per username and client
address (``OASIS_LOGIN_MAX_FAILURES``), so guessing one person's password from one place stops after a
few tries without letting anyone elsewhere lock that person out; and one per address alone
(``OASIS_LOGIN_MAX_FAILURES_PER_ADDRESS``), so trying one password on many usernames stops too.

An attempt is counted before the password is checked, so parallel guesses cannot all pass the check
before the first of them fails; a successful sign-in takes its attempt back (and clears its username's
counter). The cache is Redis in the distributed mode (one count for every web process) and the
process's memory in the embedded one. If the cache fails, sign-in goes on unthrottled: a broken cache
must not lock everyone out.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)


class LoginThrottled(Exception):
    """Too many failed sign-ins; ``retry_at`` (a UNIX time) says when the next attempt is allowed."""

    def __init__(self, retry_at: float) -> None:
        self.retry_at = retry_at
        super().__init__(self.message)

    @property
    def retry_after_s(self) -> int:
        return max(1, math.ceil(self.retry_at - time.time()))

    @property
    def message(self) -> str:
        minutes = math.ceil(self.retry_after_s / 60)
        at = datetime.fromtimestamp(self.retry_at, UTC).strftime("%H:%M UTC")
        wait = "1 minute" if minutes == 1 else f"{minutes} minutes"
        return f"Too many failed sign-ins. Try again in {wait} (after {at})."


@dataclass(frozen=True)
class _Counter:
    key: str
    limit: int

    @property
    def opened_key(self) -> str:
        return f"{self.key}:opened"


def _counters(username: str, address: str) -> tuple[_Counter, _Counter]:
    def key(*parts: str) -> str:
        # Hashed: usernames may hold anything, cache keys may not.
        return "oasis:login:" + hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]

    return (
        _Counter(key("user", username, address), settings.OASIS_LOGIN_MAX_FAILURES),
        _Counter(key("address", address), settings.OASIS_LOGIN_MAX_FAILURES_PER_ADDRESS),
    )


def begin_attempt(*, username: str, address: str) -> None:
    """Count one sign-in attempt of ``username`` from ``address``; ``LoginThrottled`` past a limit."""
    window = settings.OASIS_LOGIN_WINDOW_S
    try:
        for counter in _counters(username, address):
            now = time.time()
            cache.add(counter.key, 0, timeout=window)
            cache.add(counter.opened_key, now, timeout=window)
            try:
                count = cache.incr(counter.key)
            except ValueError:  # expired between add and incr: a new window
                cache.set(counter.key, 1, timeout=window)
                count = 1
            if count > counter.limit:
                opened = cache.get(counter.opened_key) or now
                raise LoginThrottled(retry_at=opened + window)
    except LoginThrottled:
        raise
    except Exception:
        log.exception("Login throttling: the cache failed; this sign-in is not throttled")


def attempt_succeeded(*, username: str, address: str) -> None:
    """The attempt counted by ``begin_attempt`` signed in: forget the username's failures here and
    take the attempt back from the address's count."""
    mine, addresses = _counters(username, address)
    try:
        cache.delete_many([mine.key, mine.opened_key])
        cache.decr(addresses.key)
    except ValueError:
        pass  # the address's window ended meanwhile
    except Exception:
        log.exception("Login throttling: the cache failed while clearing a successful sign-in")
