"""The engine-side log of a task is rotated (issue 12): an endless-output task cannot fill the engine's
storage while OASIS keeps only OASIS_LOG_MAX_BYTES."""

from __future__ import annotations

import time

import pytest
from docker.types import LogConfig

from runners import docker as docker_runner
from tests.fixtures.docker import SESSION_SCOPE
from tests.runners.fakes import Recorder, make_job, sh

pytestmark = pytest.mark.docker


def test_the_engine_keeps_a_small_multiple_of_the_oasis_log_cap(settings):
    kept = docker_runner.ENGINE_LOG_FILE_BYTES * docker_runner.ENGINE_LOG_FILES
    assert settings.OASIS_LOG_MAX_BYTES <= kept <= 2 * settings.OASIS_LOG_MAX_BYTES
    assert docker_runner._LOG_CONFIG["Config"]["max-file"] == str(docker_runner.ENGINE_LOG_FILES)


def test_an_endless_output_is_rotated_in_the_engine(
    runner, busybox_image, docker_client, task_id, monkeypatch
):
    # The same mechanism at a scale a test can write quickly: 2 files of 256 kB.
    small = LogConfig(type="local", config={"max-size": "262144", "max-file": "2", "compress": "false"})
    monkeypatch.setattr(docker_runner, "_LOG_CONFIG", small)
    job = make_job(task_id, busybox_image, sh("yes 0123456789abcdef | head -c 20000000; sleep 60"))
    runner.start(job, Recorder().callbacks)
    name = docker_runner.container_name(task_id, SESSION_SCOPE)
    try:
        info = docker_client.api.inspect_container(name)
        assert info["HostConfig"]["LogConfig"] == {"Type": "local", "Config": small["Config"]}
        deadline = time.monotonic() + 120  # a busy machine writes 20 MB slowly
        while time.monotonic() < deadline:  # wait until the 20 MB were written
            if any("sleep" in " ".join(process) for process in docker_client.api.top(name)["Processes"]):
                break
            time.sleep(0.2)
        stored = docker_client.api.logs(name, stdout=True, stderr=True)
        assert 0 < len(stored) <= 2 * 262144 + 65536  # of 20 MB written
    finally:
        docker_client.api.remove_container(name, force=True)
