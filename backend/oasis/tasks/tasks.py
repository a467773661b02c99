"""Celery tasks: thin wrappers that take ids and call the pipeline."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from . import pipeline
from .models import AlgorithmTask, TaskStatus
from .runner import get_runner

log = logging.getLogger(__name__)

#: Extra seconds the Celery hard time limit allows beyond an algorithm's own timeout (image pulls, I/O).
TIME_LIMIT_MARGIN_S = 1800


@shared_task(
    name="oasis.tasks.tasks.run_task", acks_late=True, reject_on_worker_lost=True, ignore_result=True
)
def run_task(task_id: int) -> None:
    pipeline.execute(task_id)


def enqueue(task_id: int, *, gpu: bool, timeout_s: int) -> None:
    """Send a task to the workers: GPU tasks go to the ``gpu`` queue."""
    run_task.apply_async(
        args=[task_id],
        queue="gpu" if gpu else settings.CELERY_TASK_DEFAULT_QUEUE,
        time_limit=timeout_s + TIME_LIMIT_MARGIN_S,
    )


@shared_task(name="oasis.tasks.tasks.recover_tasks", ignore_result=True)
def recover_tasks() -> list[int]:
    """Re-enqueue tasks whose worker died: claimed (QUEUED or RUNNING) but the lease expired."""
    now = timezone.now()
    orphans = list(
        AlgorithmTask.objects.filter(
            Q(status=TaskStatus.RUNNING) | Q(status=TaskStatus.QUEUED, lease_expires_at__isnull=False),
            Q(lease_expires_at__lt=now) | Q(lease_expires_at__isnull=True),
        ).values_list("pk", "algorithm__gpu", "algorithm__timeout_s")
    )
    for task_id, gpu, timeout_s in orphans:
        log.warning("Recovering task %s: its worker stopped renewing the lease", task_id)
        enqueue(task_id, gpu=gpu, timeout_s=timeout_s)
    return [task_id for task_id, _, _ in orphans]


@shared_task(name="oasis.tasks.tasks.sweep_containers", ignore_result=True)
def sweep_containers() -> list[str]:
    """Remove containers of tasks that are finished or gone."""

    def keep(task_ids):
        ids = [int(t) for t in task_ids if str(t).isdigit()]
        active = AlgorithmTask.objects.filter(
            pk__in=ids, status__in=(TaskStatus.QUEUED, TaskStatus.RUNNING)
        ).values_list("pk", flat=True)
        return {str(pk) for pk in active}

    return get_runner().sweep(keep)


def requeue_queued() -> int:
    """At start-up of the embedded mode: enqueue again every task still QUEUED (the broker was in memory)."""
    count = 0
    for task_id, gpu, timeout_s in AlgorithmTask.objects.filter(
        status__in=(TaskStatus.QUEUED, TaskStatus.RUNNING)
    ).values_list("pk", "algorithm__gpu", "algorithm__timeout_s"):
        enqueue(task_id, gpu=gpu, timeout_s=timeout_s)
        count += 1
    return count
