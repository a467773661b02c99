"""Who executes a task: the lease an executor takes (``claim``), renews (``Lease``) and hands back.

A worker holds a lease on the task it executes and renews it; another worker (or the periodic
recovery, ``tasks.recover_tasks``) takes over a task whose lease expired, reattaching to its container
if it still exists. The lease is a holder (``AlgorithmTask.worker``) and an expiry on the task's row,
so the database alone says who may write a task's log and outcome.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from .faults import limit_idle_transaction
from .models import AlgorithmTask, TaskStatus

log = logging.getLogger(__name__)

#: This process; each execution adds a suffix of its own (``new_executor_id``), so two threads of one
#: worker executing tasks never pass for each other when a lease is checked.
WORKER_ID = f"{socket.gethostname()}:{os.getpid()}"

#: The holder a shutdown leaves on the tasks it hands back (``hand_back``).
HANDED_BACK = "handed-back"


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


class Lease:
    """Renews the task's lease in the background while this executor runs it.

    A renewal that finds another executor holding the task (this one was frozen or cut off from the
    database past its lease, and the task was taken over) marks the lease ``lost``: the executor then
    lets go at its next cancel check (``pipeline._should_cancel``), within half a second, and its log
    writer refuses to store anything more. A failed renewal is tried again every second.
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
