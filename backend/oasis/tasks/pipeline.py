"""Executing a task through the runner: claim, run or reattach, record the outcome.

Whatever happens, a task leaves RUNNING: every path ends in ``outcome.finish`` or ``outcome.fail``.
The pieces live beside it: who may execute the task (``lease.py``), what the runner runs (``job.py``),
the log (``log_writer.py``) and how the task ends (``outcome.py``); this module wires them to the
runner's callbacks and turns each kind of error into the task's failure reason.
"""

from __future__ import annotations

import contextlib
import logging

from django.conf import settings
from django.db import transaction

from oasis.runner import get_runner
from runners.base import Callbacks, LogPosition
from runners.exceptions import EngineUnavailable, RetryableError, UserError

from .faults import LeaseLost, limit_idle_transaction, with_db_retry
from .job import build_job
from .lease import Lease, claim, new_executor_id
from .log_writer import LogWriter
from .models import AlgorithmTask, TaskStatus
from .outcome import Outputs, fail, finish_retrying
from .resources import ResourceRecorder

log = logging.getLogger(__name__)


def _should_cancel(task_id: int, lease: Lease | None = None) -> bool:
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
    outputs = Outputs(task)
    lease = Lease(task_id, executor)
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
            finish_retrying(task_id, outcome, outputs)
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
