"""D5, D6 and lease loss: the pipeline against the real Docker engine and the real PostgreSQL.

In-process on purpose: each fault lands at an exact point (between the inputs going in and the
container's start; between the start and RUNNING; in the middle of a run), which real process kills
can only hit by luck. The engine and the database are the real ones.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from oasis.tasks import lease, pipeline
from oasis.tasks.job import build_job
from oasis.tasks.logs import read_lines
from oasis.tasks.models import AlgorithmTask, TaskStatus
from oasis.tasks.services import cancel_task
from runners.docker import container_name
from tests.fixtures.docker import SESSION_SCOPE
from tests.oasis.factories import make_algorithm, make_dataset, make_image, make_task
from tests.runners.fakes import Recorder

pytestmark = [pytest.mark.faults, pytest.mark.docker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def make(alice, busybox_image_id):
    """``make(command)`` -> a QUEUED task of Alice's running ``command`` in the real busybox image."""

    def task(command: str, **fields) -> AlgorithmTask:
        image = make_image(alice, image_id=busybox_image_id)
        algorithm = make_algorithm(alice, image=image, command=command, **fields)
        return make_task(alice, algorithm=algorithm, dataset=make_dataset(alice, {"in.txt": b"x"}))

    return task


def starts(docker_client, task: AlgorithmTask, since: float) -> int:
    """How many times the engine started the task's container since ``since``."""
    name = container_name(str(task.pk), SESSION_SCOPE)
    events = docker_client.api.events(
        since=int(since),
        until=int(time.time()) + 1,
        filters={"event": "start", "container": name},
        decode=True,
    )
    return sum(1 for _ in events)


def stdout(task: AlgorithmTask) -> list[str]:
    return [line.text for line in read_lines(task.pk, limit=10_000) if line.stream == "stdout"]


def execute(task: AlgorithmTask, runner) -> AlgorithmTask:
    with mock.patch.object(pipeline, "get_runner", return_value=runner):
        pipeline.execute(task.pk)
    task.refresh_from_db()
    return task


def test_d5_a_task_cancelled_while_its_container_is_prepared_never_starts_it(
    alice, make, runner, docker_client
):
    task = make("/bin/sh -c 'echo RAN'")
    since = time.time() - 1
    api = runner.api
    put_archive = api.put_archive

    def inputs_then_cancel(*args, **kwargs):
        result = put_archive(*args, **kwargs)
        # The user's cancel is answered after the worker claimed the task and prepared the container.
        assert cancel_task(user=alice, task_id=task.pk).status == TaskStatus.CANCELLED
        return result

    with mock.patch.object(api, "put_archive", inputs_then_cancel):
        done = execute(task, runner)

    assert done.status == TaskStatus.CANCELLED and done.started_at is None
    assert "RAN" not in stdout(done)
    assert starts(docker_client, task, since) == 0
    assert runner._inspect(container_name(str(task.pk), SESSION_SCOPE)) is None  # removed


def test_d6_a_stale_claim_follows_the_started_container_instead_of_running_the_command_again(
    alice, make, runner, docker_client
):
    task = make("/bin/sh -c 'echo ran; sleep 2; echo done'")
    since = time.time() - 1
    # A worker claims the task, starts its container and dies before recording RUNNING.
    assert lease.claim(task.pk, "dead-host:1:0000") is not None
    runner.start(build_job(task), Recorder().callbacks)
    AlgorithmTask.objects.filter(pk=task.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    task.refresh_from_db()
    assert task.status == TaskStatus.QUEUED

    done = execute(task, runner)

    assert done.status == TaskStatus.SUCCEEDED, done.failure_reason
    assert stdout(done) == ["ran", "done"]
    assert starts(docker_client, task, since) == 1  # the command ran once


def test_lease_loss_stops_the_executor_at_once_and_leaves_the_container_to_the_new_owner(
    alice, make, runner, docker_client, settings, caplog
):
    settings.OASIS_TASK_LEASE_S = 3  # renewed every second
    task = make("/bin/sh -c 'i=0; while [ $i -lt 150 ]; do echo tick $i; i=$((i+1)); sleep 0.04; done'")

    def work() -> None:
        try:
            execute(task, runner)
        finally:
            connection.close()

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    deadline = time.monotonic() + 60
    while AlgorithmTask.objects.get(pk=task.pk).log_line_count < 20:
        assert time.monotonic() < deadline, "no log"
        time.sleep(0.1)
    held_by = AlgorithmTask.objects.get(pk=task.pk).worker
    assert held_by.startswith(lease.WORKER_ID + ":") and held_by != lease.new_executor_id()

    # This worker froze past its lease and another took the task over (what ``claim`` writes).
    AlgorithmTask.objects.filter(pk=task.pk).update(worker="other-host:2:ffff")
    lost_at = time.monotonic()
    worker.join(timeout=15)
    assert not worker.is_alive()
    assert time.monotonic() - lost_at < 5  # the next renewal (1 s) noticed, the next cancel check obeyed
    assert "lost its lease" in caplog.text

    after = AlgorithmTask.objects.get(pk=task.pk)
    assert after.status == TaskStatus.RUNNING  # not this worker's to finish any more
    time.sleep(1)
    assert (
        AlgorithmTask.objects.get(pk=task.pk).log_line_count == after.log_line_count
    )  # nothing more written
    name = container_name(str(task.pk), SESSION_SCOPE)
    assert runner._inspect(name) is not None  # left for the new owner
    # The new owner resumes from what was stored: every line once.
    AlgorithmTask.objects.filter(pk=task.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    done = execute(AlgorithmTask.objects.get(pk=task.pk), runner)
    assert done.status == TaskStatus.SUCCEEDED, done.failure_reason
    assert stdout(done) == [f"tick {i}" for i in range(150)]
