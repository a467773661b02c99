"""kombu's Redis transport, made to survive a restart of Redis (issue 11) - the one module that
touches kombu's internals.

Written for kombu >= 5.3, < 5.8 (``KOMBU_VERSIONS``). When a worker loses its Redis connection while it
holds unacknowledged messages - with ``acks_late`` that is every running task - Celery closes the
channel, and kombu's Redis QoS tries to put those messages back through the transport it has just
closed (``Transport.client`` is None): ``AttributeError``, which Celery treats as unrecoverable. The
worker exited, killing its running tasks. Here that restore is skipped when the transport is gone:
the messages are either still in Redis's unacked set (and come back after the visibility timeout) or
were lost with Redis, and the running tasks go on; recovery sends again, from the database, whatever
should run. ``install`` checks the version and the patched method at start-up.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

KOMBU_VERSIONS = ((5, 3), (5, 8))
_installed = False


def _version() -> tuple[int, int]:
    import kombu

    major, minor = kombu.__version__.split(".")[:2]
    return int(major), int(minor)


def install() -> bool:
    """Patch ``kombu.transport.redis.Channel._connparams``; False (and an error logged) when kombu is
    not a version this was written for."""
    global _installed
    if _installed:
        return True
    import redis
    from kombu.transport import redis as kombu_redis

    low, high = KOMBU_VERSIONS
    original = getattr(kombu_redis.Channel, "_connparams", None)
    if not (low <= _version() < high) or original is None:
        log.error(
            "kombu %s is not a version oasis.compat.kombu was written for (%s to %s): a worker may exit "
            "when Redis restarts",
            ".".join(map(str, _version())),
            low,
            high,
        )
        return False

    def _connparams(self, asynchronous=False):
        transport = getattr(self, "connection", None)
        if transport is None or getattr(transport, "client", None) is None:
            # A connection error, which kombu and Celery handle (log, reconnect), not AttributeError.
            raise redis.exceptions.ConnectionError("the broker connection of this channel is closed")
        return original(self, asynchronous=asynchronous)

    _connparams.__wrapped__ = original
    kombu_redis.Channel._connparams = _connparams
    _installed = True
    return True
