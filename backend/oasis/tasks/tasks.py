"""Celery tasks: thin wrappers that take ids and call the pipeline, plus the housekeeping jobs.

The database is the source of truth for what should run; the broker may lose messages (a Redis restart
without persistence). Recovery therefore sends again every task that should be queued but has no message
in flight: a QUEUED task nobody claimed, or a task whose worker stopped renewing its lease. "In flight"
is an enqueue mark kept next to the broker's messages (in Redis, or in memory in the embedded mode), so
the marks vanish exactly when the messages do; a claim removes its task's mark.

Housekeeping (recovery, the sweeps) runs on its own queue with the broker's top priority, as do
takeovers of a dead worker's task (on the task's own queue), so a backlog of queued tasks cannot delay
them; tasks are sent with a lower priority. A recovery run holds a lock and a housekeeping message
expires after its interval, so neither piles up.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from oasis.runner import get_runner
from runners.exceptions import EngineUnavailable

from . import pipeline
from .lease import HANDED_BACK
from .models import AlgorithmTask, TaskStatus

log = logging.getLogger(__name__)

#: Extra seconds the Celery hard time limit allows beyond an algorithm's own timeout (image pulls, I/O).
TIME_LIMIT_MARGIN_S = 1800
#: A task queued this recently may still be on its way to the broker: recovery leaves it alone.
_FRESH_S = 2.0
#: The broker priority of a task's message (Redis: 0 is taken first, 9 last); see ``enqueue``.
TASK_PRIORITY = 6
#: How long ``enqueue`` keeps trying a broker that does not answer before leaving the task to recovery.
_PUBLISH_RETRY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.3, "interval_max": 0.5}


@shared_task(
    name="oasis.tasks.tasks.run_task", acks_late=True, reject_on_worker_lost=True, ignore_result=True
)
def run_task(task_id: int) -> None:
    marks.clear(task_id)  # the message arrived: recovery may send it again if it is lost from here on
    pipeline.execute(task_id)


def enqueue(task_id: int, *, gpu: bool, timeout_s: int, urgent: bool = False) -> bool:
    """Send a task to the workers (GPU tasks go to the ``gpu`` queue); True when the broker took it.

    ``urgent`` (a takeover of a dead worker's task) jumps the backlog: on Redis a message of priority
    0 is taken before any of a lower priority (``TASK_PRIORITY``), on every queue; the housekeeping
    jobs have priority 0 too.

    A broker that is down is not an error for the caller: the task stays QUEUED in the database and
    recovery sends it once the broker is back (within ``OASIS_RECOVERY_INTERVAL_S``).
    """
    # Marked before it is sent: a worker may take the message (and clear the mark) at once.
    marks.set(task_id)
    try:
        run_task.apply_async(
            args=[task_id],
            queue="gpu" if gpu else settings.CELERY_TASK_DEFAULT_QUEUE,
            priority=0 if urgent else TASK_PRIORITY,
            time_limit=timeout_s + TIME_LIMIT_MARGIN_S,
            retry_policy=_PUBLISH_RETRY,
        )
    except Exception as exc:  # kombu raises whatever the transport raises
        log.warning("Task %s could not be sent to the broker (recovery will send it): %s", task_id, exc)
        marks.clear(task_id)
        return False
    return True


class _Marks:
    """A number per task, kept where the broker keeps its messages (in memory when embedded)."""

    @property
    def _redis(self):
        if not settings.REDIS_URL:
            return None
        if self._client is None:
            import redis

            self._client = redis.Redis.from_url(
                settings.REDIS_URL, socket_timeout=5, socket_connect_timeout=2
            )
        return self._client

    def __init__(self, name: str) -> None:
        self.name = name
        self._memory: dict[int, float] = {}
        self._lock = threading.Lock()
        self._client = None

    @property
    def _key(self) -> str:
        prefix = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("global_keyprefix") or ""
        return f"{prefix}oasis:{self.name}"

    def set(self, task_id: int, value: float | None = None) -> None:
        value = time.time() if value is None else value
        try:
            if self._redis is None:
                with self._lock:
                    self._memory[task_id] = value
            else:
                self._redis.hset(self._key, str(task_id), repr(value))
        except Exception as exc:
            log.warning("Recording the enqueue of task %s failed: %s", task_id, exc)

    def clear(self, task_id: int) -> None:
        try:
            if self._redis is None:
                with self._lock:
                    self._memory.pop(task_id, None)
            else:
                self._redis.hdel(self._key, str(task_id))
        except Exception as exc:
            log.warning("Clearing the enqueue mark of task %s failed: %s", task_id, exc)

    def all(self) -> dict[int, float]:
        """Task id -> when its message was sent (raises when the broker is unreachable)."""
        if self._redis is None:
            with self._lock:
                return dict(self._memory)
        return {int(k): float(v) for k, v in self._redis.hgetall(self._key).items()}

    def forget_except(self, task_ids: set[int]) -> None:
        stale = set(self.all()) - task_ids
        if not stale:
            return
        if self._redis is None:
            with self._lock:
                for task_id in stale:
                    self._memory.pop(task_id, None)
        else:
            self._redis.hdel(self._key, *map(str, stale))

    def lock(self, name: str, seconds: float) -> bool:
        """Hold a named lock for ``seconds`` (never released early: one run per interval)."""
        if self._redis is None:
            with self._lock:
                key = -hash(name)
                if self._memory.get(key, 0.0) > time.time():
                    return False
                self._memory[key] = time.time() + seconds
                return True
        prefix = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("global_keyprefix") or ""
        return bool(self._redis.set(f"{prefix}oasis:lock:{name}", "1", nx=True, px=int(seconds * 1000)))


#: Tasks with a message in flight -> when it was sent.
marks = _Marks("enqueued")
#: Tasks whose lease recovery has seen expired -> the expiry it saw (a POSIX time).
suspects = _Marks("expired-leases")


def _housekeeping(**options):
    """A housekeeping job: routed to the housekeeping queue by ``CELERY_TASK_ROUTES``."""
    return shared_task(ignore_result=True, **options)


@_housekeeping(name="oasis.tasks.tasks.recover_tasks")
def recover_tasks() -> list[int]:
    """Send again what should be queued and has no message in flight: QUEUED tasks nobody claimed
    (the broker lost them) and tasks whose worker died (its lease expired)."""
    # Slightly shorter than the interval, so the next scheduled run is never refused.
    if not marks.lock("recover", max(1.0, settings.OASIS_RECOVERY_INTERVAL_S * 0.8)):
        return []
    now = timezone.now()
    expired = Q(lease_expires_at__lt=now)
    unclaimed = Q(
        status=TaskStatus.QUEUED,
        lease_expires_at__isnull=True,
        queued_at__lt=now - timedelta(seconds=_FRESH_S),
    )
    candidates = list(
        AlgorithmTask.objects.filter(
            (Q(status=TaskStatus.RUNNING) & (expired | Q(lease_expires_at__isnull=True)))
            | (Q(status=TaskStatus.QUEUED) & expired)
            | unclaimed
        ).values_list("pk", "lease_expires_at", "worker", "spec__gpu", "spec__timeout_s")
    )
    in_flight = marks.all()
    # Marks of tasks that are over go; a young QUEUED task (not a candidate yet) keeps its mark.
    marks.forget_except(
        set(
            AlgorithmTask.objects.filter(
                pk__in=list(in_flight), status__in=(TaskStatus.QUEUED, TaskStatus.RUNNING)
            ).values_list("pk", flat=True)
        )
    )
    handed_back = f":{HANDED_BACK}"
    seen = suspects.all()
    expired_now = {pk for pk, lease, *_ in candidates if lease is not None}
    suspects.forget_except(expired_now | {-pk for pk in expired_now})
    resend_before = time.time() - settings.OASIS_REQUEUE_AFTER_S
    sent = []
    for task_id, lease, worker, gpu, timeout_s in candidates:
        if in_flight.get(task_id, 0.0) > resend_before:
            continue  # its message is still on the way
        given_up = worker.endswith(handed_back)  # a worker that shut down gave it back: no second look
        if lease is not None and not given_up and not _confirmed_dead(task_id, lease.timestamp(), seen):
            continue
        if lease is None:
            log.warning("Recovering task %s: QUEUED with no message in the broker", task_id)
        else:
            log.warning("Recovering task %s: its worker stopped renewing the lease", task_id)
        # A takeover must not wait behind the backlog; a lost QUEUED task takes its turn again.
        if enqueue(task_id, gpu=gpu, timeout_s=timeout_s, urgent=lease is not None):
            sent.append(task_id)
    return sent


def _confirmed_dead(task_id: int, expiry: float, seen: dict[int, float]) -> bool:
    """An expired lease means a dead worker only if it stays the same for a while with the database up.

    After a database outage every lease has expired, while every worker is alive and renews within a
    second or two of the database's return: taking their tasks over at once would make two workers
    race for each task. So the first sighting is noted, and the task is taken over only when a later
    run, at least ``_confirm_s()`` later, finds the very same expiry.
    """
    first = seen.get(task_id)
    if first is None or abs(first - expiry) > 1e-3:
        suspects.set(task_id, expiry)
        suspects.set(-task_id, time.time())  # when it was first seen
        return False
    return time.time() - seen.get(-task_id, time.time()) >= _confirm_s()


def _confirm_s() -> float:
    # Longer than a live worker's pause between two renewal attempts (lease / 3, or 1 s after a failure).
    return max(2.0, settings.OASIS_TASK_LEASE_S / 2)


@_housekeeping(name="oasis.tasks.tasks.sweep_containers")
def sweep_containers() -> list[str]:
    """Remove containers of tasks that are finished or gone."""

    def keep(task_ids):
        ids = [int(t) for t in task_ids if str(t).isdigit()]
        active = AlgorithmTask.objects.filter(
            pk__in=ids, status__in=(TaskStatus.QUEUED, TaskStatus.RUNNING)
        ).values_list("pk", flat=True)
        return {str(pk) for pk in active}

    return get_runner().sweep(keep)


@_housekeeping(
    name="oasis.tasks.tasks.remove_container",
    bind=True,
    autoretry_for=(EngineUnavailable,),
    retry_backoff=2,
    retry_backoff_max=30,
    retry_jitter=False,
    max_retries=60,
)
def remove_container(self, task_id: int) -> None:
    """Remove a finished task's container once the engine answers again (it failed while the engine was away)."""
    if AlgorithmTask.objects.filter(pk=task_id, status__in=(TaskStatus.QUEUED, TaskStatus.RUNNING)).exists():
        return  # running again (recovered): not garbage
    get_runner().stop(str(task_id))


@_housekeeping(name="oasis.tasks.tasks.sweep_storage")
def sweep_storage() -> dict[str, int]:
    """Remove upload temp files, abandoned upload sessions, unreferenced blobs and abandoned output
    datasets past their grace period or expiry."""
    from oasis.datasets.blobs import sweep_blobs
    from oasis.datasets.resumable import sweep_upload_sessions
    from oasis.datasets.services import sweep_abandoned_outputs
    from oasis.datasets.uploads import sweep_temp_files

    return {
        "temp_files": sweep_temp_files(),
        # An output dataset a task points at is its task's, finished or not.
        "abandoned_outputs": sweep_abandoned_outputs(in_use=Q(output_of__isnull=False)),
        **sweep_upload_sessions(),
        **sweep_blobs(),
    }


def requeue_queued() -> int:
    """At start-up of the embedded mode: enqueue again every task still QUEUED (the broker was in memory)."""
    count = 0
    for task_id, gpu, timeout_s in AlgorithmTask.objects.filter(
        status__in=(TaskStatus.QUEUED, TaskStatus.RUNNING)
    ).values_list("pk", "spec__gpu", "spec__timeout_s"):
        enqueue(task_id, gpu=gpu, timeout_s=timeout_s)
        count += 1
    return count
