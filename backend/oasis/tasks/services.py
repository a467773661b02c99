"""Launching and cancelling tasks."""

from __future__ import annotations

from django.db import transaction

from oasis.algorithms.services import get_runnable
from oasis.datasets.models import Dataset
from oasis.errors import NotFound, ValidationError, field_error
from oasis.ownership import can_change

from .models import AlgorithmTask, TaskStatus


def run_algorithm(*, user, algorithm_id, input_dataset_id) -> AlgorithmTask:
    """Create a task for the algorithm on the dataset and queue it; it is enqueued on commit."""
    from .tasks import enqueue

    try:
        algorithm = get_runnable(user=user, algorithm_id=algorithm_id)
    except NotFound as exc:
        raise field_error("algorithmId", "Algorithm not found.", code="not_found") from exc
    dataset = Dataset.objects.visible_to(user).filter(pk=input_dataset_id).first()
    if dataset is None:
        raise field_error("inputDatasetId", "Dataset not found.", code="not_found")
    with transaction.atomic():
        task = AlgorithmTask.objects.create(algorithm=algorithm, owner=user, input_dataset=dataset)
        task.update_status(TaskStatus.QUEUED)
        task_id, gpu, timeout = task.pk, algorithm.gpu, algorithm.timeout_s
        transaction.on_commit(lambda: enqueue(task_id, gpu=gpu, timeout_s=timeout))
    return task


def get_visible(*, user, task_id) -> AlgorithmTask:
    task = AlgorithmTask.objects.visible_to(user).filter(pk=task_id).first()
    if task is None:
        raise NotFound("Task not found.")
    return task


def cancel_task(*, user, task_id) -> AlgorithmTask:
    """Cancel a task that has not finished. A queued task never runs; a running one is stopped by its worker."""
    with transaction.atomic():
        task = get_visible(user=user, task_id=task_id)
        if not can_change(user, task):
            raise NotFound("Task not found.")
        task = AlgorithmTask.objects.select_for_update().get(pk=task.pk)
        if task.is_finished:
            raise ValidationError(f"The task has already finished ({task.status.lower()}).", code="finished")
        task.update_status(TaskStatus.CANCELLED, failure_reason="cancelled by " + user.get_username())
    return task
