"""Executing a task through the runner: claim, run or reattach, record the outcome.

Whatever happens, a task leaves RUNNING: every path ends in ``finish`` or ``fail``. A worker holds a
lease on the task it executes and renews it; another worker (or the periodic recovery) takes over a
task whose lease expired, reattaching to its container if it still exists.

Over 400 lines: claim and lease, the job builder, the output sink and the outcome; the next split is
``tasks/lease.py`` (docs/architecture.md says why it waited).
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import BinaryIO, Literal

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from oasis.datasets import services as dataset_services
from oasis.datasets.blobs import open_blob
from oasis.datasets.models import Dataset, DatasetFile
from oasis.images.credentials import auth_for
from oasis.images.models import DockerImage, registry_host
from runners.base import (
    Callbacks,
    InputFile,
    Job,
    JobImage,
    Limits,
    LogPosition,
    Outcome,
    Termination,
)
from runners.exceptions import EngineUnavailable, RetryableError, UserError

from .faults import LeaseLost, limit_idle_transaction, with_db_retry
from .logs import LogWriter
from .models import AlgorithmTask, TaskStatus
from .resources import ResourceRecorder
from .runner import get_runner
from .spec import RunSpec

log = logging.getLogger(__name__)

#: This process; each execution adds a suffix of its own (``new_executor_id``), so two threads of one
#: worker executing tasks never pass for each other when a lease is checked.
WORKER_ID = f"{socket.gethostname()}:{os.getpid()}"


def new_executor_id() -> str:
    return f"{WORKER_ID}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class Claim:
    mode: Literal["run", "reattach"]
    stale_claim: bool


def _lease_until():
    return timezone.now() + timedelta(seconds=settings.OASIS_TASK_LEASE_S)


def claim(task_id: int, executor: str = WORKER_ID) -> Claim | None:
    """Take the task for ``executor``, or None when there is nothing to do (finished, or held by a live worker)."""
    with transaction.atomic():
        limit_idle_transaction()
        task = AlgorithmTask.objects.select_for_update().filter(pk=task_id).first()
        if task is None or task.status not in (TaskStatus.QUEUED, TaskStatus.RUNNING):
            return None
        now = timezone.now()
        held = task.lease_expires_at is not None and task.lease_expires_at > now
        if held:
            return None
        stale = task.lease_expires_at is not None
        AlgorithmTask.objects.filter(pk=task_id).update(worker=executor, lease_expires_at=_lease_until())
    return Claim(mode="run" if task.status == TaskStatus.QUEUED else "reattach", stale_claim=stale)


#: The holder a shutdown leaves on the tasks it hands back (``hand_back``).
HANDED_BACK = "handed-back"


def _held_here(worker: str):
    return AlgorithmTask.objects.filter(
        status__in=(TaskStatus.QUEUED, TaskStatus.RUNNING), worker__startswith=f"{worker}:"
    ).exclude(worker=f"{worker}:{HANDED_BACK}")


def executing_here(worker: str = WORKER_ID) -> int:
    """How many tasks executors of this process hold."""
    return _held_here(worker).count()


def hand_back(worker: str = WORKER_ID) -> list[int]:
    """Give up the tasks this process executes, for whoever claims them next (a shutdown, issue 12).

    Their leases end now, under a holder none of this process's executors is: an executor still
    running here finds the task taken over at its next renewal or log flush and lets go without
    storing more. Their containers keep running; the next claim reattaches to them at once instead
    of waiting out a lease.
    """
    with transaction.atomic():
        ids = list(_held_here(worker).select_for_update().values_list("pk", flat=True))
        AlgorithmTask.objects.filter(pk__in=ids).update(
            worker=f"{worker}:{HANDED_BACK}", lease_expires_at=timezone.now()
        )
    return ids


class _Lease:
    """Renews the task's lease in the background while this executor runs it.

    A renewal that finds another executor holding the task (this one was frozen or cut off from the
    database past its lease, and the task was taken over) marks the lease ``lost``: the executor then
    lets go at its next cancel check (``_should_cancel``), within half a second, and its log writer
    refuses to store anything more. A failed renewal is tried again every second.
    """

    def __init__(self, task_id: int, executor: str = WORKER_ID):
        self.task_id = task_id
        self.executor = executor
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._renew, name=f"lease-{task_id}", daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=5)

    def _renew(self) -> None:
        every = max(1.0, settings.OASIS_TASK_LEASE_S / 3)
        wait = every
        try:
            while not self._stop.wait(wait):
                try:
                    close_old_connections()
                    renewed = AlgorithmTask.objects.filter(
                        pk=self.task_id,
                        worker=self.executor,
                        status__in=(TaskStatus.QUEUED, TaskStatus.RUNNING),
                    ).update(lease_expires_at=_lease_until())
                    if not renewed:
                        holder = (
                            AlgorithmTask.objects.filter(pk=self.task_id)
                            .values_list("worker", flat=True)
                            .first()
                        )
                        if holder is not None and holder != self.executor:
                            log.warning(
                                "Task %s: lost its lease to %s; this worker (%s) stops executing it",
                                self.task_id,
                                holder,
                                self.executor,
                            )
                            self.lost.set()
                            return
                    wait = every
                except Exception:
                    log.exception("Renewing the lease of task %s failed; trying again", self.task_id)
                    connection.close()
                    wait = 1.0
        finally:
            connection.close()


class _Outputs:
    """Implements the runner's ``OutputSink``: the output dataset is created with the first file."""

    def __init__(self, task: AlgorithmTask):
        self.task = task
        self.dataset: Dataset | None = None

    def ensure_dataset(self) -> Dataset:
        if self.dataset is None:
            name = f"{RunSpec.from_json(self.task.spec).algorithm_name} - task {self.task.pk} output"
            self.dataset = dataset_services.create_output_dataset(owner=self.task.owner, name=name)
        return self.dataset

    def add(self, path: str, size: int, stream: BinaryIO) -> None:
        dataset_services.add_output_file(dataset=self.ensure_dataset(), path=path, stream=stream)

    def discard(self) -> None:
        if self.dataset is not None:
            self.dataset.delete()
            self.dataset = None


def _should_cancel(task_id: int, lease: _Lease | None = None) -> bool:
    """Asked by the runner about twice a second while the container runs, and right before it starts.

    It keeps its database connection between asks: ``close_old_connections`` here opened a new one
    each time (CONN_MAX_AGE is 0), two Postgres sessions a second per running task. An unreachable
    database is waited out (``with_db_retry``); a lost lease raises ``LeaseLost``.
    """
    if lease is not None and lease.lost.is_set():
        raise LeaseLost(f"task {task_id} was taken over by another worker")

    def cancelled() -> bool:
        status = AlgorithmTask.objects.filter(pk=task_id).values_list("status", flat=True).first()
        return status in (None, TaskStatus.CANCELLED)

    return with_db_retry(cancelled, what=f"checking whether task {task_id} was cancelled")


def _mark_running(task_id: int) -> None:
    def mark() -> None:
        with transaction.atomic():
            limit_idle_transaction()
            task = AlgorithmTask.objects.select_for_update().get(pk=task_id)
            if task.status == TaskStatus.QUEUED:
                task.update_status(TaskStatus.RUNNING)

    with_db_retry(mark, what=f"marking task {task_id} running")


def build_job(task: AlgorithmTask) -> Job:
    """The job of the task's recorded spec: the image by its pinned id, never the live algorithm."""
    spec = RunSpec.from_json(task.spec)
    inputs = []
    if task.input_dataset_id:
        for placement in DatasetFile.objects.filter(dataset_id=task.input_dataset_id).select_related("blob"):
            blob = placement.blob
            inputs.append(InputFile(path=placement.path, size=blob.size, open=lambda b=blob: open_blob(b)))
    return Job(
        task_id=str(task.pk),
        image=job_image(spec),
        command=spec.command,
        entrypoint=spec.entrypoint,
        environment=dict(spec.environment),
        limits=Limits(
            memory_mb=spec.memory_mb,
            cpus=spec.cpus,
            timeout_s=spec.timeout_s,
            network=spec.network,
            gpu=spec.gpu,
            pids=settings.OASIS_PIDS_LIMIT,
        ),
        inputs=inputs,
    )


def job_image(spec: RunSpec) -> JobImage:
    """Where a worker whose engine lacks the pinned image gets it: the digest or the stored tarball.

    Registry credentials are the image owner's (or the installation's) for that registry host only.
    """
    image = DockerImage.objects.filter(pk=spec.image_pk).first() if spec.image_pk else None
    display = f"{spec.image_name} ({spec.image_id[:19]})"
    if spec.repo_digest:
        return JobImage(
            image_id=spec.image_id,
            pull_ref=spec.repo_digest,
            registry_auth=auth_for(
                registry_host(spec.repo_digest), owner_id=image.owner_id if image else None
            ),
            display_name=display,
        )
    if image is not None and image.image_file and image.image_id == spec.image_id:
        file_field = image.image_file
        return JobImage(
            image_id=spec.image_id,
            open_tarball=lambda: file_field.storage.open(file_field.name, "rb"),
            display_name=display,
        )
    return JobImage(image_id=spec.image_id, display_name=display)


def describe(outcome: Outcome, task: AlgorithmTask) -> str:
    """A failure reason a person understands."""
    spec = RunSpec.from_json(task.spec)
    if outcome.termination == Termination.OOM_KILLED:
        return f"killed: out of memory (limit {spec.memory_mb} MB)"
    if outcome.termination == Termination.TIMED_OUT:
        return f"timed out after {spec.timeout_s} s"
    if outcome.exit_code is not None and outcome.exit_code != 0:
        if outcome.exit_code in (126, 127):
            return f"exited with code {outcome.exit_code}: the command could not be run (not found or not executable)"
        return f"exited with code {outcome.exit_code}"
    return ""


def finish(task_id: int, outcome: Outcome, outputs: _Outputs) -> None:
    """Record the outcome; a task cancelled meanwhile stays CANCELLED and keeps no output."""
    with transaction.atomic():
        task = AlgorithmTask.objects.select_for_update().get(pk=task_id)
        if task.is_finished or outcome.termination == Termination.CANCELLED:
            outputs.discard()
            if not task.is_finished:
                task.update_status(TaskStatus.CANCELLED, failure_reason="cancelled")
            return
        if task.status == TaskStatus.QUEUED:
            task.update_status(TaskStatus.RUNNING)
        if outcome.termination == Termination.EXITED and outcome.exit_code == 0:
            dataset = outputs.dataset
            if dataset is None:  # no output file: no dataset of zero files
                task.outputs_empty = True
                task.save(update_fields=["outputs_empty"])
                task.update_status(TaskStatus.SUCCEEDED, exit_code=0)
                return
            dataset_services.complete_output_dataset(dataset)
            task.update_status(TaskStatus.SUCCEEDED, exit_code=0, output_dataset_id=dataset.pk)
        else:
            outputs.discard()
            task.update_status(
                TaskStatus.FAILED, exit_code=outcome.exit_code, failure_reason=describe(outcome, task)
            )


def fail(task_id: int, reason: str) -> None:
    """Move a task that has not finished to FAILED (used when anything goes wrong)."""

    def record() -> None:
        with transaction.atomic():
            task = AlgorithmTask.objects.select_for_update().filter(pk=task_id).first()
            if task is None or task.is_finished:
                return
            task.update_status(TaskStatus.FAILED, failure_reason=reason)

    with_db_retry(record, what=f"failing task {task_id}")


def execute(task_id: int) -> None:
    """Run or resume one task. Idempotent: a second delivery of the same task does nothing."""
    executor = new_executor_id()
    claimed = with_db_retry(lambda: claim(task_id, executor), what=f"claiming task {task_id}")
    if claimed is None:
        return
    task = with_db_retry(
        lambda: AlgorithmTask.objects.select_related("owner").get(pk=task_id),
        what=f"reading task {task_id}",
    )
    writer = LogWriter(task, max_bytes=settings.OASIS_LOG_MAX_BYTES, executor=executor)
    outputs = _Outputs(task)
    lease = _Lease(task_id, executor)
    resources = ResourceRecorder()
    callbacks = Callbacks(
        logs=writer,
        outputs=outputs,
        on_started=lambda: _mark_running(task_id),
        should_cancel=lambda: _should_cancel(task_id, lease),
        on_stats=resources,
    )
    try:
        with lease:
            runner = get_runner()
            job = with_db_retry(lambda: build_job(task), what=f"reading the inputs of task {task_id}")
            position = LogPosition(stdout=task.log_stdout_offset, stderr=task.log_stderr_offset)
            if claimed.mode == "reattach":
                writer.note("[oasis] The worker running this task was lost; resuming.")
                outcome = runner.reattach(job, callbacks, position)
                if outcome is None:
                    writer.close()
                    fail(task_id, "the worker running the task was lost and its container is gone")
                    return
            else:
                outcome = None
                if claimed.stale_claim:
                    # A worker died after claiming: if it had started the container, the command has
                    # run (or runs still); follow it to its end rather than run the command twice.
                    outcome = runner.reattach(job, callbacks, position)
                    if outcome is not None:
                        writer.note("[oasis] The worker starting this task was lost; resumed its container.")
                if outcome is None:
                    outcome = runner.run(job, callbacks)
            writer.close()
            resources.save(task_id)
            _finish_retrying(task_id, outcome, outputs)
    except LeaseLost:
        # Another worker owns the task now and follows its container: leave both alone.
        log.warning("Task %s: this worker lost its lease and stopped executing the task", task_id)
        writer.abandon()
        with contextlib.suppress(Exception):
            outputs.discard()
    except UserError as exc:
        _close_quietly(writer)
        outputs.discard()
        fail(task_id, str(exc))
    except EngineUnavailable as exc:
        _close_quietly(writer)
        outputs.discard()
        fail(task_id, f"container engine unreachable: {exc}")
        _remove_container_later(task_id)
    except RetryableError as exc:
        _close_quietly(writer)
        outputs.discard()
        fail(task_id, f"temporary failure: {exc}")
    except BaseException as exc:
        log.exception("Task %s failed with an internal error", task_id)
        _close_quietly(writer)
        with contextlib.suppress(Exception):
            outputs.discard()
        fail(task_id, f"internal error: {type(exc).__name__}")
        if not isinstance(exc, Exception):
            raise


def _finish_retrying(task_id: int, outcome: Outcome, outputs: _Outputs) -> None:
    """``finish``, waiting out a database outage; an output dataset its failed attempt created was
    rolled back with it, so the next attempt starts without it."""

    def attempt() -> None:
        dataset = outputs.dataset
        if dataset is not None and not Dataset.objects.filter(pk=dataset.pk).exists():
            outputs.dataset = None
        finish(task_id, outcome, outputs)

    with_db_retry(attempt, what=f"recording the outcome of task {task_id}")


def _remove_container_later(task_id: int) -> None:
    """The engine was away: its container (left behind) goes as soon as the engine answers again."""
    from .tasks import remove_container

    try:
        remove_container.apply_async(args=[task_id], countdown=2)
    except Exception:
        log.exception("Task %s: scheduling the removal of its container failed (the sweep will)", task_id)


def _close_quietly(writer: LogWriter) -> None:
    try:
        writer.close()
    except Exception:
        log.exception("Closing the log writer failed")
