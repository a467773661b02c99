"""The docker-compose deployment is valid (images can't be pulled here, so we validate its config)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.fixtures.services import missing_service

REPO = Path(__file__).resolve().parents[1]


def _compose() -> list[str]:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    missing_service("neither docker-compose nor the docker compose plugin is installed")
    raise AssertionError("unreachable")


def test_compose_config_is_valid_and_describes_the_distributed_deployment():
    result = subprocess.run(
        [*_compose(), "config"],
        cwd=REPO,
        env={**os.environ, "DJANGO_SECRET_KEY": "compose-test"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    config = result.stdout
    for service in ("web:", "worker:", "beat:", "redis:", "postgres:"):
        assert f"  {service}" in config
    assert "REDIS_URL: redis://redis:6379/0" in config
    assert "/var/run/docker.sock:/var/run/docker.sock" in config


def test_compose_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    result = subprocess.run(
        [*_compose(), "config"], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("path", ["Dockerfile", "docker-compose.yml"])
def test_deployment_files_exist(path):
    assert (REPO / path).is_file()
