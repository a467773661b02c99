"""The kombu patch (oasis.compat.kombu) breaks loudly when kombu changes under it.

The whole story - a worker riding out Redis restarts with tasks running and finishing meanwhile - is
tests/faults/test_services.py; this checks the patch is in place and does what it says.
"""

from __future__ import annotations

import kombu
import pytest
import redis
from kombu.transport import redis as kombu_redis

from oasis.compat import kombu as kombu_compat

pytestmark = pytest.mark.faults


def test_the_installed_kombu_is_a_version_the_patch_was_written_for():
    low, high = kombu_compat.KOMBU_VERSIONS
    assert low <= kombu_compat._version() < high, kombu.__version__
    assert kombu_compat.install()
    assert kombu_redis.Channel._connparams.__wrapped__ is not None
    assert redis.exceptions.ConnectionError in kombu_redis.Transport.connection_errors


def test_a_channel_of_a_closed_transport_raises_a_connection_error():
    kombu_compat.install()
    channel = kombu_redis.Channel.__new__(kombu_redis.Channel)
    channel.connection = None  # what ``Connection._close`` leaves behind
    with pytest.raises(kombu_redis.Transport.connection_errors):
        channel._connparams()
    with pytest.raises(AttributeError):  # unpatched: what ended the worker
        kombu_redis.Channel._connparams.__wrapped__(channel)
