"""Shared fixtures: users, a GraphQL client speaking to the real ASGI/Django stack in-process."""

from __future__ import annotations

import os
import shutil

import pytest
from django.conf import settings

from oasis_testing.stack import port_open
from tests.fixtures.services import IN_CI

pytest_plugins = ["tests.fixtures.docker", "tests.fixtures.graphql", "tests.fixtures.stack"]


def pytest_report_header(config):
    db = settings.DATABASES["default"]
    database = "PostgreSQL" if "postgresql" in db["ENGINE"] else "SQLite (no PostgreSQL on 127.0.0.1:5432)"
    redis = "Redis on 127.0.0.1:6379" if port_open("127.0.0.1", 6379) else "no Redis (distributed tests skip)"
    docker = (
        "Docker engine"
        if os.path.exists("/var/run/docker.sock") or os.environ.get("DOCKER_HOST")
        else "no Docker engine"
    )
    browser = "Chromium" if shutil.which("chromium") else "no Chromium"
    return f"OASIS tests: {database}; {redis}; {docker}; {browser}; CI={'true' if IN_CI else 'false'}"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the login throttle's counts must not leak between tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def make_user(db, django_user_model):
    def make(username: str = "alice", password: str = "correct horse battery", **extra):
        return django_user_model.objects.create_user(username=username, password=password, **extra)

    return make


@pytest.fixture
def alice(make_user):
    return make_user("alice")


@pytest.fixture
def bob(make_user):
    return make_user("bob")
