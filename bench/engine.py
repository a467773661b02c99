"""The Docker engine side of the bench: the bench image, the raw ``docker run`` baselines, and the
containers a run leaves behind."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
import uuid

import docker

from oasis_testing.busybox import busybox_rootfs

#: The bench's own copy of the test image (same rootfs), so concurrent test sessions re-importing
#: ``oasis-test/busybox`` never move the tag under a running benchmark.
IMAGE = "oasis-bench/busybox:latest"
#: Every container a raw baseline starts carries this label, so a crashed run can be cleaned up.
RAW_LABEL = "org.oasis.bench=raw"
#: Containers of the bench's stacks are named ``oasis-<scope>-task-<id>`` (see OASIS_RUNNER_SCOPE).
SCOPE = f"bench-{uuid.uuid4().hex[:8]}"
CORES = os.cpu_count() or 1


class Unavailable(Exception):
    """A service a benchmark needs is not there; the message says which."""


def docker_client() -> docker.DockerClient:
    try:
        client = docker.from_env(timeout=120)
        client.ping()
    except Exception as exc:
        where = os.environ.get("DOCKER_HOST", "the default socket")
        raise Unavailable(f"no Docker engine at {where}: {exc}") from exc
    return client


def ensure_image() -> str:
    """``oasis-bench/busybox:latest`` in the engine, imported from /bin/busybox like the test image."""
    client = docker_client()
    try:
        client.images.get(IMAGE)
    except docker.errors.ImageNotFound:
        repository, tag = IMAGE.rsplit(":", 1)
        client.api.import_image_from_data(
            busybox_rootfs(), repository=repository, tag=tag, changes=['CMD ["/bin/sh"]']
        )
    finally:
        client.close()
    return IMAGE


def leftover_containers() -> list[str]:
    """Containers this bench run started that still exist (raw baselines or the stacks' tasks)."""
    client = docker_client()
    try:
        raw = client.api.containers(all=True, filters={"label": RAW_LABEL})
        ours = client.api.containers(all=True, filters={"label": f"org.oasis.scope={SCOPE}"})
        return sorted({c["Id"] for c in raw + ours})
    finally:
        client.close()


def remove_containers(ids: list[str]) -> None:
    client = docker_client()
    try:
        for container_id in ids:
            with contextlib.suppress(docker.errors.NotFound):
                client.api.remove_container(container_id, force=True, v=True)
    finally:
        client.close()


# --- the raw baselines ---------------------------------------------------------------------------
def docker_run_argv(*command: str) -> list[str]:
    return ["docker", "run", "--rm", "--label", RAW_LABEL, IMAGE, *command]


def time_cli(argv: list[str], *, stdout=subprocess.DEVNULL, shell: bool = False) -> float:
    """Wall seconds of one command, which must succeed."""
    started = time.perf_counter()
    subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE, check=True, shell=shell)
    return time.perf_counter() - started
