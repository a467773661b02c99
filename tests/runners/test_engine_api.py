"""The Docker SDK's private members that runners/engine_api.py uses: present, and checked at start-up.

This test fails when docker-py changes under the module; then read the new SDK and move the range.
"""

from __future__ import annotations

import inspect

import docker
import pytest

from runners import engine_api


def test_the_private_members_exist_with_the_shapes_used():
    for name in engine_api.PRIVATE_MEMBERS:
        assert callable(getattr(docker.APIClient, name)), name
    assert list(inspect.signature(docker.APIClient._stream_helper).parameters)[:3] == [
        "self",
        "response",
        "decode",
    ]
    assert "response" in inspect.signature(docker.APIClient._get_raw_response_socket).parameters


def test_the_installed_sdk_is_in_the_tested_range():
    low, high = engine_api.TESTED_RANGE
    assert low <= engine_api._version() < high, docker.__version__


def test_a_missing_member_is_refused_at_start(monkeypatch):
    monkeypatch.delattr(docker.APIClient, "_stream_helper")
    with pytest.raises(RuntimeError, match="lacks _stream_helper"):
        engine_api.check()


def test_an_untested_version_is_a_warning(monkeypatch, caplog):
    monkeypatch.setattr(docker, "__version__", "9.0.0")
    engine_api.check()
    assert "outside >=7.1,<8.0" in caplog.text
