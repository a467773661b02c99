"""How a task ends: its output dataset while it runs, then SUCCEEDED, FAILED or CANCELLED.

``Outputs`` implements the runner's ``OutputSink``: the output dataset is created hidden with the
first file, completed when the task succeeds and deleted otherwise. Every status change goes through
``AlgorithmTask.update_status``, under the row's lock.
"""

from __future__ import annotations

from typing import BinaryIO

from django.db import transaction

from oasis.datasets import services as dataset_services
from oasis.datasets.models import Dataset
from runners.base import Outcome, Termination

from .faults import with_db_retry
from .models import AlgorithmTask, TaskStatus
from .spec import RunSpec


class Outputs:
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


def finish(task_id: int, outcome: Outcome, outputs: Outputs) -> None:
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


def finish_retrying(task_id: int, outcome: Outcome, outputs: Outputs) -> None:
    """``finish``, waiting out a database outage; an output dataset its failed attempt created was
    rolled back with it, so the next attempt starts without it."""

    def attempt() -> None:
        dataset = outputs.dataset
        if dataset is not None and not Dataset.objects.filter(pk=dataset.pk).exists():
            outputs.dataset = None
        finish(task_id, outcome, outputs)

    with_db_retry(attempt, what=f"recording the outcome of task {task_id}")


def fail(task_id: int, reason: str) -> None:
    """Move a task that has not finished to FAILED (used when anything goes wrong)."""

    def record() -> None:
        with transaction.atomic():
            task = AlgorithmTask.objects.select_for_update().filter(pk=task_id).first()
            if task is None or task.is_finished:
                return
            task.update_status(TaskStatus.FAILED, failure_reason=reason)

    with_db_retry(record, what=f"failing task {task_id}")
