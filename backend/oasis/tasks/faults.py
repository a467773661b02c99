"""Riding out faults on the runner path: database outages and lost leases.

Every database touch of a worker executing a task goes through ``with_db_retry``: an outage of up to
``OASIS_DB_OUTAGE_S`` seconds (a PostgreSQL restart, a failover) is waited out with backoff instead of
failing the task and killing its container. ``LeaseLost`` is how an executor learns that another one
took the task over (its lease expired while it was frozen or cut off): it lets go at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection

from runners.exceptions import Abandoned

log = logging.getLogger(__name__)

T = TypeVar("T")

#: The first wait after a failed database call; it doubles up to ``_MAX_DELAY_S``.
_FIRST_DELAY_S = 0.2
_MAX_DELAY_S = 3.0


class LeaseLost(Abandoned):
    """This executor no longer holds the task's lease: another worker owns the task now."""


def with_db_retry(call: Callable[[], T], *, what: str, budget_s: float | None = None) -> T:
    """``call()``, retried with backoff while the database is unreachable (at most ``budget_s`` s).

    Only for calls that are a whole transaction of their own (or none): a failed transaction is rolled
    back by the database, so running it again is safe.
    """
    budget = settings.OASIS_DB_OUTAGE_S if budget_s is None else budget_s
    deadline = time.monotonic() + budget
    delay = _FIRST_DELAY_S
    warned = False
    while True:
        try:
            return call()
        except (OperationalError, InterfaceError) as exc:
            if connection.in_atomic_block:
                raise  # inside somebody else's transaction: only its owner can retry
            connection.close()  # broken: the next attempt connects again
            if time.monotonic() + delay > deadline:
                raise
            if not warned:
                log.warning("The database is unreachable while %s; retrying for %g s: %s", what, budget, exc)
                warned = True
            time.sleep(delay)
            delay = min(delay * 2, _MAX_DELAY_S)


#: A transaction of the runner path left idle this long is ended by PostgreSQL: a worker frozen in the
#: middle of one (a long GC, a stopped process) would otherwise hold the task's row lock, and every
#: claim of the task - the takeover included - would wait for it forever.
IDLE_TRANSACTION_LIMIT_S = 5


def limit_idle_transaction() -> None:
    """Call first inside a runner-path transaction (PostgreSQL; a no-op elsewhere)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SET LOCAL idle_in_transaction_session_timeout = {IDLE_TRANSACTION_LIMIT_S * 1000}"
            )
