"""The kombu patch (oasis.kombu_compat) breaks loudly when kombu changes under it."""

from __future__ import annotations

import kombu
import pytest
from kombu.transport import redis as kombu_redis

from oasis import kombu_compat

pytestmark = pytest.mark.faults


def test_the_installed_kombu_is_a_version_the_patch_was_written_for():
    low, high = kombu_compat.KOMBU_VERSIONS
    assert low <= kombu_compat._version() < high, kombu.__version__
    assert kombu_compat.install()
    assert kombu_redis.QoS.restore_unacked.__wrapped__ is not None


def test_a_closed_transport_no_longer_raises_when_unacked_messages_are_restored():
    """What Celery does on a lost Redis connection: close the channel of a transport already closed.
    (The whole story - a worker riding out a Redis restart with tasks running - is in test_services.)"""
    kombu_compat.install()
    qos = kombu_redis.QoS.__new__(kombu_redis.QoS)
    qos._delivered = {"tag": object()}

    class ClosedChannel:
        connection = type("Transport", (), {"client": None})()

    qos.channel = ClosedChannel()
    assert qos.restore_unacked() is None
    assert qos._delivered == {}
