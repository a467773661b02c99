"""Executing a task through the runner: claim, run or reattach, record the outcome.

Whatever happens, a task leaves RUNNING: every path ends in ``finish`` or ``fail``. A worker holds a
lease on the task it executes and renews it; another worker (or the periodic recovery) takes over a
task whose lease expired, reattaching to its container if it still exists.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from dataclasses import dataclass
from datetime import timedelta
from typing import BinaryIO, Literal

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connection, transaction
from django.utils import timezone

from oasis.datasets import services as dataset_services
from oasis.datasets.blobs import open_blob
from oasis.datasets.models import Dataset, DatasetFile
from runners.base import (
    Callbacks,
    ImageSource,
    InputFile,
    Job,
    Limits,
    LogPosition,
    Outcome,
    Termination,
)
from runners.exceptions import EngineUnavailable, RetryableError, UserError

from .logs import LogWriter
from .models import AlgorithmTask, TaskStatus
from .runner import get_runner

log = logging.getLogger(__name__)

WORKER_ID = f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class Claim:
    mode: Literal["run", "reattach"]
    stale_claim: bool


def _lease_until():
    return timezone.now() + timedelta(seconds=settings.OASIS_TASK_LEASE_S)


def claim(task_id: int) -> Claim | None:
    """Take the task for this worker, or None when there is nothing to do (finished, or held by a live worker)."""
    with transaction.atomic():
        task = AlgorithmTask.objects.select_for_update().filter(pk=task_id).first()
        if task is None or task.status not in (TaskStatus.QUEUED, TaskStatus.RUNNING):
            return None
        now = timezone.now()
        held = task.lease_expires_at is not None and task.lease_expires_at > now
        if held:
            return None
        stale = task.lease_expires_at is not None
        AlgorithmTask.objects.filter(pk=task_id).update(worker=WORKER_ID, lease_expires_at=_lease_until())
    return Claim(mode="run" if task.status == TaskStatus.QUEUED else "reattach", stale_claim=stale)


class _Lease:
    """Renews the task's lease in the background while this worker executes it."""

    def __init__(self, task_id: int):
        self.task_id = task_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._renew, name=f"lease-{task_id}", daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=5)

    def _renew(self) -> None:
        try:
            while not self._stop.wait(max(1.0, settings.OASIS_TASK_LEASE_S / 3)):
                try:
                    close_old_connections()
                    AlgorithmTask.objects.filter(
                        pk=self.task_id, worker=WORKER_ID, status__in=(TaskStatus.QUEUED, TaskStatus.RUNNING)
                    ).update(lease_expires_at=_lease_until())
                except Exception:
                    log.exception("Renewing the lease of task %s failed", self.task_id)
        finally:
            connection.close()


class _Outputs:
    """Implements the runner's ``OutputSink``: the output dataset is created with the first file."""

    def __init__(self, task: AlgorithmTask):
        self.task = task
        self.dataset: Dataset | None = None

    def ensure_dataset(self) -> Dataset:
        if self.dataset is None:
            name = f"{self.task.algorithm.name} - task {self.task.pk} output"
            self.dataset = dataset_services.create_output_dataset(owner=self.task.owner, name=name)
        return self.dataset

    def add(self, path: str, size: int, stream: BinaryIO) -> None:
        dataset_services.add_output_file(dataset=self.ensure_dataset(), path=path, stream=stream)

    def discard(self) -> None:
        if self.dataset is not None:
            self.dataset.delete()
            self.dataset = None


def _should_cancel(task_id: int) -> bool:
    """Asked by the runner about twice a second while the container runs.

    It keeps its database connection between asks: ``close_old_connections`` here opened a new one
    each time (CONN_MAX_AGE is 0), two Postgres sessions a second per running task.
    """

    def cancelled() -> bool:
        status = AlgorithmTask.objects.filter(pk=task_id).values_list("status", flat=True).first()
        return status in (None, TaskStatus.CANCELLED)

    try:
        return cancelled()
    except (InterfaceError, OperationalError):
        connection.close()  # the database dropped it meanwhile: connect again, once
        return cancelled()


def _mark_running(task_id: int) -> None:
    with transaction.atomic():
        task = AlgorithmTask.objects.select_for_update().get(pk=task_id)
        if task.status == TaskStatus.QUEUED:
            task.update_status(TaskStatus.RUNNING)


def build_job(task: AlgorithmTask) -> Job:
    algorithm = task.algorithm
    image = algorithm.image
    if image.image_ref:
        source = ImageSource(ref=image.image_ref, display_name=image.image_ref)
    else:
        file_field = image.image_file
        source = ImageSource(
            open_tarball=lambda: file_field.storage.open(file_field.name, "rb"),
            digest=image.digest or None,
            display_name=f"{image.name} ({image.digest[:19] or 'tarball'})",
        )
    inputs = []
    if task.input_dataset_id:
        for placement in DatasetFile.objects.filter(dataset_id=task.input_dataset_id).select_related("blob"):
            blob = placement.blob
            inputs.append(InputFile(path=placement.path, size=blob.size, open=lambda b=blob: open_blob(b)))
    return Job(
        task_id=str(task.pk),
        image=source,
        command=algorithm.command_argv,
        entrypoint=algorithm.entrypoint_argv,
        environment=dict(algorithm.environment),
        limits=Limits(
            memory_mb=algorithm.memory_mb,
            cpus=algorithm.cpus,
            timeout_s=algorithm.timeout_s,
            network=algorithm.network,
            gpu=algorithm.gpu,
            pids=settings.OASIS_PIDS_LIMIT,
        ),
        inputs=inputs,
    )


def describe(outcome: Outcome, task: AlgorithmTask) -> str:
    """A failure reason a person understands."""
    algorithm = task.algorithm
    if outcome.termination == Termination.OOM_KILLED:
        return f"killed: out of memory (limit {algorithm.memory_mb} MB)"
    if outcome.termination == Termination.TIMED_OUT:
        return f"timed out after {algorithm.timeout_s} s"
    if outcome.exit_code is not None and outcome.exit_code != 0:
        if outcome.exit_code in (126, 127):
            return f"exited with code {outcome.exit_code}: the command could not be run (not found or not executable)"
        return f"exited with code {outcome.exit_code}"
    return ""


def finish(task_id: int, outcome: Outcome, outputs: _Outputs) -> None:
    """Record the outcome; a task cancelled meanwhile stays CANCELLED and keeps no output."""
    with transaction.atomic():
        task = AlgorithmTask.objects.select_for_update().select_related("algorithm").get(pk=task_id)
        if task.is_finished or outcome.termination == Termination.CANCELLED:
            outputs.discard()
            if not task.is_finished:
                task.update_status(TaskStatus.CANCELLED, failure_reason="cancelled")
            return
        if task.status == TaskStatus.QUEUED:
            task.update_status(TaskStatus.RUNNING)
        if outcome.termination == Termination.EXITED and outcome.exit_code == 0:
            dataset = outputs.ensure_dataset()
            dataset_services.complete_output_dataset(dataset)
            task.update_status(TaskStatus.SUCCEEDED, exit_code=0, output_dataset_id=dataset.pk)
        else:
            outputs.discard()
            task.update_status(
                TaskStatus.FAILED, exit_code=outcome.exit_code, failure_reason=describe(outcome, task)
            )


def fail(task_id: int, reason: str) -> None:
    """Move a task that has not finished to FAILED (used when anything goes wrong)."""
    with transaction.atomic():
        task = AlgorithmTask.objects.select_for_update().filter(pk=task_id).first()
        if task is None or task.is_finished:
            return
        task.update_status(TaskStatus.FAILED, failure_reason=reason)


def execute(task_id: int) -> None:
    """Run or resume one task. Idempotent: a second delivery of the same task does nothing."""
    claimed = claim(task_id)
    if claimed is None:
        return
    task = AlgorithmTask.objects.select_related("algorithm__image", "owner").get(pk=task_id)
    writer = LogWriter(task, max_bytes=settings.OASIS_LOG_MAX_BYTES)
    outputs = _Outputs(task)
    callbacks = Callbacks(
        logs=writer,
        outputs=outputs,
        on_started=lambda: _mark_running(task_id),
        should_cancel=lambda: _should_cancel(task_id),
    )
    try:
        with _Lease(task_id):
            runner = get_runner()
            job = build_job(task)
            if claimed.mode == "reattach":
                writer.note("[oasis] The worker running this task was lost; resuming.")
                outcome = runner.reattach(
                    job, callbacks, LogPosition(stdout=task.log_stdout_offset, stderr=task.log_stderr_offset)
                )
                if outcome is None:
                    writer.close()
                    fail(task_id, "the worker running the task was lost and its container is gone")
                    return
            else:
                if claimed.stale_claim:
                    runner.stop(str(task_id))  # a container left by a worker that died before RUNNING
                outcome = runner.run(job, callbacks)
            writer.close()
            finish(task_id, outcome, outputs)
    except UserError as exc:
        _close_quietly(writer)
        outputs.discard()
        fail(task_id, str(exc))
    except EngineUnavailable as exc:
        _close_quietly(writer)
        outputs.discard()
        fail(task_id, f"container engine unreachable: {exc}")
    except RetryableError as exc:
        _close_quietly(writer)
        outputs.discard()
        fail(task_id, f"temporary failure: {exc}")
    except BaseException as exc:
        log.exception("Task %s failed with an internal error", task_id)
        _close_quietly(writer)
        outputs.discard()
        fail(task_id, f"internal error: {type(exc).__name__}")
        if not isinstance(exc, Exception):
            raise


def _close_quietly(writer: LogWriter) -> None:
    try:
        writer.close()
    except Exception:
        log.exception("Closing the log writer failed")
