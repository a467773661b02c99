"""Reattaching to a container after the worker died, stopping, and sweeping - against the real engine.

A worker that died is played by ``DockerRunner.start``: it creates and starts the container and
returns, leaving it running with nobody following it, exactly as a killed worker would.
"""

from __future__ import annotations

import time

import docker.errors
import pytest

from runners.base import LogPosition, Termination
from runners.docker import DockerRunner, container_name
from tests.fixtures.docker import SESSION_SCOPE
from tests.runners.fakes import Recorder, make_job, sh

pytestmark = pytest.mark.docker

# 60 numbered lines on each stream over ~3 s, then an output file.
TICKING = sh(
    'i=1; while [ $i -le 60 ]; do echo "out line $i"; echo "err line $i" >&2; i=$((i+1)); sleep 0.05; done;'
    " echo result > output/result.txt"
)
TICKING_STDOUT = b"".join(b"out line %d\n" % i for i in range(1, 61))
TICKING_STDERR = b"".join(b"err line %d\n" % i for i in range(1, 61))


def state_of(docker_client, task_id: str) -> dict:
    return docker_client.api.inspect_container(container_name(task_id, SESSION_SCOPE))["State"]


def wait_until(predicate, timeout_s: float = 20) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def stored_so_far(docker_client, task_id: str) -> tuple[bytes, bytes]:
    """What a pipeline would have stored before the worker died (read behind the runner's back)."""
    name = container_name(task_id, SESSION_SCOPE)
    return (
        docker_client.api.logs(name, stdout=True, stderr=False),
        docker_client.api.logs(name, stdout=False, stderr=True),
    )


def test_reattach_to_a_running_container_resumes_at_the_exact_byte(
    runner, docker_client, busybox_image, task_id
):
    job = make_job(task_id, busybox_image, TICKING)
    first = Recorder()
    runner.start(job, first.callbacks)
    assert first.started.is_set()
    wait_until(lambda: stored_so_far(docker_client, task_id)[0].count(b"\n") >= 10)
    stdout, stderr = stored_so_far(docker_client, task_id)
    # Cut inside a line, at different places on each stream.
    kept_out, kept_err = stdout[: len(stdout) - 4], stderr[: len(stderr) - 7]
    assert state_of(docker_client, task_id)["Running"]

    second = Recorder()
    outcome = runner.reattach(job, second.callbacks, LogPosition(stdout=len(kept_out), stderr=len(kept_err)))

    assert (outcome.termination, outcome.exit_code) == (Termination.EXITED, 0)
    assert kept_out + second.logs.stdout == TICKING_STDOUT
    assert kept_err + second.logs.stderr == TICKING_STDERR
    assert second.outputs.files == {"result.txt": b"result\n"}
    assert not second.started.is_set()
    with pytest.raises(docker.errors.NotFound):
        state_of(docker_client, task_id)


def test_reattach_after_the_container_exited_finishes_it(runner, docker_client, busybox_image, task_id):
    job = make_job(
        task_id, busybox_image, sh("echo one; echo two >&2; echo DATA > output/hello.txt; printf three")
    )
    runner.start(job, Recorder().callbacks)
    wait_until(lambda: not state_of(docker_client, task_id)["Running"])

    recorder = Recorder()
    outcome = runner.reattach(job, recorder.callbacks, LogPosition(stdout=3, stderr=0))

    assert (outcome.termination, outcome.exit_code) == (Termination.EXITED, 0)
    assert recorder.logs.stdout == b"\nthree"
    assert recorder.logs.stderr == b"two\n"
    assert recorder.outputs.files == {"hello.txt": b"DATA\n"}
    with pytest.raises(docker.errors.NotFound):
        state_of(docker_client, task_id)


def test_reattach_after_a_failure_reports_the_exit_code(runner, docker_client, busybox_image, task_id):
    job = make_job(task_id, busybox_image, sh("echo DATA > output/x.txt; exit 4"))
    runner.start(job, Recorder().callbacks)
    wait_until(lambda: not state_of(docker_client, task_id)["Running"])

    recorder = Recorder()
    outcome = runner.reattach(job, recorder.callbacks, LogPosition())

    assert (outcome.termination, outcome.exit_code) == (Termination.EXITED, 4)
    assert recorder.outputs.files == {}


def test_reattach_counts_the_time_limit_from_the_container_start(
    runner, docker_client, busybox_image, task_id
):
    job = make_job(task_id, busybox_image, sh("sleep 60"), timeout_s=3)
    runner.start(job, Recorder().callbacks)
    time.sleep(2)

    began = time.monotonic()
    outcome = runner.reattach(job, Recorder().callbacks, LogPosition())

    assert outcome.termination is Termination.TIMED_OUT
    assert time.monotonic() - began < 3
    with pytest.raises(docker.errors.NotFound):
        state_of(docker_client, task_id)


def test_reattach_follows_a_quiet_container_past_the_api_timeout(make_runner, busybox_image, task_id):
    runner = make_runner(api_timeout_s=2)
    job = make_job(task_id, busybox_image, sh("echo early; sleep 4; echo late"))
    runner.start(job, Recorder().callbacks)

    recorder = Recorder()
    outcome = runner.reattach(job, recorder.callbacks, LogPosition())

    assert (outcome.termination, outcome.exit_code) == (Termination.EXITED, 0)
    assert recorder.logs.stdout == b"early\nlate\n"


def test_reattach_can_cancel(runner, docker_client, busybox_image, task_id):
    job = make_job(task_id, busybox_image, sh("sleep 60"))
    runner.start(job, Recorder().callbacks)
    recorder = Recorder()
    recorder.cancel.set()

    outcome = runner.reattach(job, recorder.callbacks, LogPosition())

    assert outcome.termination is Termination.CANCELLED


def test_reattach_without_a_container_returns_none(runner, busybox_image, task_id):
    assert (
        runner.reattach(make_job(task_id, busybox_image, ["true"]), Recorder().callbacks, LogPosition())
        is None
    )


class BrokenAttachRunner(DockerRunner):
    """Fault injection: the live (attached) stream breaks after a number of bytes."""

    def __init__(self, *, break_after: int, **options) -> None:
        super().__init__(**options)
        self.break_after = break_after

    def _open_log_stream(self, container_id, mode):
        read, close = super()._open_log_stream(container_id, mode)
        if mode != "attach":
            return read, close
        budget = self.break_after

        def breaking_read(size: int) -> bytes:
            nonlocal budget
            if budget <= 0:
                raise ConnectionResetError("injected: connection to the engine lost")
            data = read(min(size, budget))
            budget -= len(data)
            return data

        return breaking_read, close


@pytest.mark.parametrize("break_after", [5, 301, 2200], ids=["in-first-header", "mid-run", "near-the-end"])
def test_a_broken_live_stream_is_resumed_from_the_stored_log(busybox_image, task_id, break_after):
    runner = BrokenAttachRunner(break_after=break_after, scope=SESSION_SCOPE)
    recorder = Recorder()

    outcome = runner.run(make_job(task_id, busybox_image, TICKING), recorder.callbacks)

    assert (outcome.termination, outcome.exit_code) == (Termination.EXITED, 0)
    assert recorder.logs.stdout == TICKING_STDOUT
    assert recorder.logs.stderr == TICKING_STDERR
    assert recorder.outputs.files == {"result.txt": b"result\n"}


def test_stop_removes_the_container_and_is_idempotent(runner, docker_client, busybox_image, task_id):
    runner.start(make_job(task_id, busybox_image, sh("sleep 60")), Recorder().callbacks)
    began = time.monotonic()

    runner.stop(task_id)
    runner.stop(task_id)

    assert time.monotonic() - began < 10
    with pytest.raises(docker.errors.NotFound):
        state_of(docker_client, task_id)


def test_sweep_removes_containers_of_tasks_not_kept(runner, docker_client, busybox_image, task_id):
    orphan, kept = f"{task_id}-orphan", f"{task_id}-kept"
    for task in (orphan, kept):
        runner.start(make_job(task, busybox_image, sh("sleep 60")), Recorder().callbacks)
    seen: list[set[str]] = []

    def keep(candidates):
        seen.append(set(candidates))
        return set(candidates) - {orphan}

    try:
        removed = runner.sweep(keep)

        assert removed == [orphan]
        assert {orphan, kept} <= seen[0]
        with pytest.raises(docker.errors.NotFound):
            state_of(docker_client, orphan)
        assert state_of(docker_client, kept)["Running"]
    finally:
        runner.stop(kept)


def test_a_leftover_container_of_the_same_task_is_replaced(runner, docker_client, busybox_image, task_id):
    runner.start(make_job(task_id, busybox_image, sh("sleep 60")), Recorder().callbacks)

    recorder = Recorder()
    outcome = runner.run(make_job(task_id, busybox_image, sh("echo fresh")), recorder.callbacks)

    assert (outcome.termination, outcome.exit_code) == (Termination.EXITED, 0)
    assert recorder.logs.stdout == b"fresh\n"
    assert "Removed a leftover container of an earlier attempt" in recorder.logs.notes


def test_an_unscoped_runner_leaves_scoped_containers_alone(runner, docker_client, busybox_image, task_id):
    from runners.docker import DockerRunner

    runner.start(make_job(task_id, busybox_image, sh("sleep 60")), Recorder().callbacks)
    seen: list[set[str]] = []

    def keep_all(candidates):  # keeps whatever else runs on this engine
        seen.append(set(candidates))
        return set(candidates)

    try:
        DockerRunner().sweep(keep_all)
        assert not seen or task_id not in seen[0]
        assert state_of(docker_client, task_id)["Running"]
    finally:
        runner.stop(task_id)
