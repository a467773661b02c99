"""An engine's refusal to create or start a container becomes a failure reason for people (issue 12),
never "internal error: APIError": against the real engine, which has no GPU here, and against a
missing network named on the main engine (never a private ``dockerd --bridge=none``: it deletes the main
engine's ``docker0``, and every container with network access then fails)."""

from __future__ import annotations

import dataclasses
import uuid

import docker.errors
import pytest

from runners.docker import _start_error
from runners.exceptions import UserError
from tests.fixtures.docker import SESSION_SCOPE
from tests.runners.fakes import Recorder, make_job

pytestmark = pytest.mark.docker


@pytest.fixture
def engine_without_gpus(docker_client):
    if "nvidia" in (docker_client.info().get("Runtimes") or {}):
        pytest.skip("this engine has the NVIDIA runtime: a GPU job may well start")


def test_a_gpu_job_on_an_engine_without_gpus_fails_saying_so(
    engine_without_gpus, runner, docker_client, busybox_image, task_id
):
    job = make_job(task_id, busybox_image, ["true"])
    job = dataclasses.replace(job, limits=dataclasses.replace(job.limits, gpu=True))
    recorder = Recorder()

    with pytest.raises(UserError) as failed:
        runner.run(job, recorder.callbacks)

    assert str(failed.value) == "no GPU on this worker"
    assert 'could not select device driver "" with capabilities: [[gpu]]' in str(failed.value.__cause__)
    assert not recorder.started.is_set()
    leftovers = docker_client.api.containers(all=True, filters={"name": runner.container_name(task_id)})
    assert leftovers == []


def test_the_engine_missing_a_network_is_said_in_words(docker_client, busybox_image):
    # An engine started with --bridge=none has no default bridge, which an algorithm with network
    # access joins; this engine has one, so the same refusal (libnetwork's ErrNoSuchNetwork) is
    # produced by naming a network it lacks.
    missing = f"oasis-{SESSION_SCOPE}-no-such-network-{uuid.uuid4().hex[:6]}"
    host_config = docker_client.api.create_host_config(network_mode=missing)
    container = docker_client.api.create_container(busybox_image, ["true"], host_config=host_config)
    try:
        with pytest.raises(docker.errors.APIError) as refused:
            docker_client.api.start(container["Id"])  # as with the missing bridge: refused at start
    finally:
        docker_client.api.remove_container(container["Id"], force=True)

    assert f"network {missing} not found" in str(refused.value)
    mapped = _start_error(refused.value)
    assert isinstance(mapped, UserError) and str(mapped) == "the engine has no network for this algorithm"
    assert str(_start_error(refused.value)) == "the engine has no network for this algorithm"


@pytest.mark.parametrize(
    ("said", "reason"),
    [
        ('could not select device driver "" with capabilities: [[gpu]]', "no GPU on this worker"),
        (
            "failed to create shim task: OCI runtime create failed: nvidia-container-cli: initialization "
            "error: nvml error: driver not loaded: unknown",
            "no GPU on this worker",
        ),
        ("network bridge not found", "the engine has no network for this algorithm"),
        (
            "failed to create endpoint x on network bridge: network 6faafb does not exist",
            "the engine has no network for this algorithm",
        ),
        ("No such image: sha256:0123", None),
        ("Minimum memory limit allowed is 6MB", None),
    ],
)
def test_known_refusals_map_to_reasons_and_others_stay_bugs(said, reason):
    error = docker.errors.APIError("500 Server Error", explanation=said)
    mapped = _start_error(error)
    assert (None if mapped is None else str(mapped)) == reason
