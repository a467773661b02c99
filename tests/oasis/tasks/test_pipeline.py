"""Orchestration of a task by the pipeline, with a fake runner (the real one is tested end to end in
tests/e2e/ against Docker): whatever the runner does, the task ends in a final state with a reason."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from unittest import mock

import pytest

from oasis.datasets.models import Dataset
from oasis.tasks import pipeline
from oasis.tasks.logs import read_lines
from oasis.tasks.models import AlgorithmTask, TaskStatus
from runners.base import Outcome, Runner, Stream, Termination
from runners.exceptions import EngineUnavailable, ImageNotFound
from tests.oasis.factories import make_algorithm, make_dataset, make_task

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class FakeRunner(Runner):
    """Plays a script: writes logs and outputs through the callbacks, then returns or raises."""

    outcome: Outcome | None = None
    raises: BaseException | None = None
    outputs: dict[str, bytes] = field(default_factory=dict)
    cancel_after_start: bool = False
    stopped: list[str] = field(default_factory=list)
    #: Task ids ``run`` or ``reattach`` was called for: a test can tell the runner was never asked.
    asked: list[str] = field(default_factory=list)

    def run(self, job, callbacks):
        self.asked.append(job.task_id)
        callbacks.logs.note("Pulling fake")
        callbacks.on_started()
        callbacks.logs.write(Stream.STDOUT, b"hello\nwor")
        callbacks.logs.write(Stream.STDERR, b"warn\n")
        callbacks.logs.write(Stream.STDOUT, b"ld\n")
        if self.raises is not None:
            raise self.raises
        if self.cancel_after_start:
            assert callbacks.should_cancel()
        for path, data in self.outputs.items():
            callbacks.outputs.add(path, len(data), io.BytesIO(data))
        return self.outcome

    def reattach(self, job, callbacks, position):
        self.asked.append(job.task_id)
        return None

    def stop(self, task_id):
        self.stopped.append(task_id)

    def sweep(self, keep):
        return []

    def resolve_reference(self, ref, *, registry_auth, on_progress):
        raise NotImplementedError

    def verify_tarball(self, open_tarball, *, image_id):
        raise NotImplementedError

    def inspect_local(self, ref):
        raise NotImplementedError


@pytest.fixture
def task(alice):
    algorithm = make_algorithm(alice, memory_mb=64, timeout_s=5)
    return make_task(alice, algorithm=algorithm, dataset=make_dataset(alice, {"in.txt": b"x"}))


def execute(task, runner: Runner) -> AlgorithmTask:
    with mock.patch.object(pipeline, "get_runner", return_value=runner):
        pipeline.execute(task.pk)
    task.refresh_from_db()
    return task


def test_success_stores_log_and_outputs(task):
    done = execute(
        task, FakeRunner(Outcome(Termination.EXITED, 0), outputs={"a.txt": b"A", "d/b.txt": b"BB"})
    )
    assert done.status == TaskStatus.SUCCEEDED and done.exit_code == 0
    assert {f.path for f in done.output_dataset.files.all()} == {"a.txt", "d/b.txt"}
    assert done.output_dataset.size == 3 and done.output_dataset.file_count == 2
    lines = [(x.stream, x.text) for x in read_lines(done.pk)]
    assert lines == [("system", "Pulling fake"), ("stdout", "hello"), ("stderr", "warn"), ("stdout", "world")]
    assert done.log_stdout_offset == len(b"hello\nworld\n") and done.log_stderr_offset == len(b"warn\n")
    assert done.started_at and done.finished_at and done.lease_expires_at is None


def test_success_without_outputs_makes_no_output_dataset(task):
    datasets = Dataset.objects.count()
    done = execute(task, FakeRunner(Outcome(Termination.EXITED, 0)))
    assert (done.status, done.output_dataset, done.outputs_empty) == (TaskStatus.SUCCEEDED, None, True)
    assert Dataset.objects.count() == datasets


@pytest.mark.parametrize(
    ("outcome", "reason"),
    [
        (Outcome(Termination.EXITED, 3), "exited with code 3"),
        (Outcome(Termination.OOM_KILLED, 137), "killed: out of memory (limit 64 MB)"),
        (Outcome(Termination.TIMED_OUT, None), "timed out after 5 s"),
    ],
)
def test_failures_have_reasons_and_no_outputs(task, outcome, reason):
    done = execute(task, FakeRunner(outcome, outputs={"partial.txt": b"p"}))
    assert done.status == TaskStatus.FAILED
    assert done.failure_reason == reason
    assert done.output_dataset is None


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (ImageNotFound("image not found or pull failed: nope"), "image not found or pull failed: nope"),
        (EngineUnavailable("connection refused"), "container engine unreachable: connection refused"),
        (RuntimeError("a bug"), "internal error: RuntimeError"),
    ],
)
def test_no_exception_leaves_a_task_running(task, error, reason):
    done = execute(task, FakeRunner(raises=error))
    assert done.status == TaskStatus.FAILED
    assert done.failure_reason == reason
    assert done.finished_at is not None
    assert [x.text for x in read_lines(done.pk)][:2] == ["Pulling fake", "hello"]  # the partial log is kept


def test_cancelled_while_running_stays_cancelled_without_outputs(task):
    runner = FakeRunner(Outcome(Termination.CANCELLED, 137), outputs={}, cancel_after_start=True)
    original = runner.run

    def run(job, callbacks):
        AlgorithmTask.objects.get(pk=task.pk).update_status(
            TaskStatus.CANCELLED, failure_reason="cancelled by alice"
        )
        return original(job, callbacks)

    runner.run = run
    done = execute(task, runner)
    assert done.status == TaskStatus.CANCELLED and done.output_dataset is None
    assert done.failure_reason == "cancelled by alice"


def test_a_second_delivery_does_nothing(task):
    execute(task, FakeRunner(Outcome(Termination.EXITED, 0)))
    runner = FakeRunner(Outcome(Termination.EXITED, 0))
    done = execute(task, runner)
    assert done.status == TaskStatus.SUCCEEDED
    assert runner.asked == []  # not run, not reattached: the claim refused the finished task


def test_a_task_held_by_a_live_worker_is_left_alone(task):
    from datetime import timedelta

    from django.utils import timezone

    AlgorithmTask.objects.filter(pk=task.pk).update(lease_expires_at=timezone.now() + timedelta(minutes=1))
    runner = FakeRunner(Outcome(Termination.EXITED, 0))
    done = execute(task, runner)
    assert done.status == TaskStatus.QUEUED
    assert runner.asked == []


def test_reattach_without_a_container_fails_the_task(task):
    from datetime import timedelta

    from django.utils import timezone

    task.update_status(TaskStatus.RUNNING)
    AlgorithmTask.objects.filter(pk=task.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    done = execute(task, FakeRunner())
    assert done.status == TaskStatus.FAILED
    assert "lost" in done.failure_reason


def test_gpu_tasks_go_to_the_gpu_queue():
    from oasis.tasks import tasks

    with mock.patch.object(tasks.run_task, "apply_async") as send:
        tasks.enqueue(7, gpu=True, timeout_s=60)
        tasks.enqueue(8, gpu=False, timeout_s=60)
    assert send.call_args_list[0].kwargs["queue"] == "gpu"
    assert send.call_args_list[1].kwargs["queue"] == "default"
    assert send.call_args_list[0].kwargs["time_limit"] > 60


def test_resource_samples_are_kept_with_the_task_and_served(task, gql_as):
    from runners.base import ResourceSample
    from tests.oasis.factories import gid

    class Sampling(FakeRunner):
        def run(self, job, callbacks):
            callbacks.on_stats(ResourceSample(seconds=0.5, cpu_percent=80.0, memory_bytes=10_000_000))
            callbacks.on_stats(ResourceSample(seconds=1.5, cpu_percent=20.0, memory_bytes=30_000_000))
            return super().run(job, callbacks)

    done = execute(task, Sampling(Outcome(Termination.EXITED, 0)))

    assert done.resources == {
        "samples": [[0.5, 80.0, 10_000_000], [1.5, 20.0, 30_000_000]],
        "peak_memory_bytes": 30_000_000,
    }
    query = "query($id: ID!) { task(id: $id) { resources { peakMemoryBytes memoryLimitBytes samples { seconds cpuPercent memoryBytes } } } }"
    served = gql_as(task.owner).execute(query, {"id": gid(task)})["data"]["task"]["resources"]
    assert served["peakMemoryBytes"] == 30_000_000 and served["memoryLimitBytes"] == 64 * 1024 * 1024
    assert served["samples"][1] == {"seconds": 1.5, "cpuPercent": 20.0, "memoryBytes": 30_000_000}
