"""Launching, re-running and cancelling tasks.

A task records its run spec when it is created (``oasis.tasks.spec``); what it runs never changes
after that. A run is fully determined by its spec digest and its input's content digest, so a task
may take the result of an earlier identical run instead of running (``reuse``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from oasis.algorithms.models import Algorithm
from oasis.algorithms.services import get_runnable
from oasis.datasets import services as dataset_services
from oasis.datasets.models import Dataset
from oasis.errors import NotFound, ValidationError, field_error
from oasis.images.models import DockerImage, ImageStatus
from oasis.ownership import can_change

from .models import ACTIVE_STATUSES, AlgorithmTask, LogStream, TaskLogChunk, TaskStatus
from .spec import RunSpec, snapshot


def run_algorithm(*, user, algorithm_id, input_dataset_id, reuse: bool | None = None) -> AlgorithmTask:
    """Create a task for the algorithm on the dataset and queue it (enqueued on commit).

    With ``reuse`` (default: the algorithm's ``cache_results``) a SUCCEEDED task with the same spec
    and the same input content that the user may see completes the new task at once instead.
    """
    try:
        algorithm = get_runnable(user=user, algorithm_id=algorithm_id)
    except NotFound as exc:
        raise field_error("algorithmId", "Algorithm not found.", code="not_found") from exc
    dataset = _input_dataset(user, input_dataset_id)
    _check_image(algorithm.image, field="algorithmId")
    return _start(
        user=user,
        spec=snapshot(algorithm),
        algorithm=algorithm,
        dataset=dataset,
        reuse=algorithm.cache_results if reuse is None else reuse,
    )


def rerun_task(*, user, task_id, use_current_algorithm: bool = False, reuse: bool = False) -> AlgorithmTask:
    """Run a task's recorded spec again on the same input (or the algorithm's current definition)."""
    task = get_visible(user=user, task_id=task_id)
    if not can_change(user, task):
        raise NotFound("Task not found.")
    if task.input_dataset_id is None:
        raise ValidationError("The task's input dataset was deleted; it cannot run again.", code="no_input")
    dataset = _input_dataset(user, task.input_dataset_id)
    if use_current_algorithm:
        if task.algorithm_id is None:
            raise ValidationError(
                "The task's algorithm was deleted; re-run its recorded spec.", code="deleted"
            )
        try:
            algorithm = get_runnable(user=user, algorithm_id=task.algorithm_id)
        except NotFound as exc:
            raise ValidationError("The task's algorithm is not available to you any more.") from exc
        _check_image(algorithm.image, field="id")
        spec = snapshot(algorithm)
    else:
        spec = RunSpec.from_json(task.spec)
        image = DockerImage.objects.visible_to(user).filter(pk=spec.image_pk).first()
        if image is None:
            raise ValidationError(
                "The image this task ran was deleted or is not yours to use.", code="no_image"
            )
        if image.source == "file" and image.image_id != spec.image_id:
            raise ValidationError("The image this task ran is no longer stored.", code="no_image")
        algorithm = Algorithm.objects.filter(pk=task.algorithm_id).first()
    return _start(user=user, spec=spec, algorithm=algorithm, dataset=dataset, reuse=reuse, rerun_of=task)


def _input_dataset(user, dataset_id) -> Dataset:
    dataset = Dataset.objects.visible_to(user).filter(pk=dataset_id).first()
    if dataset is None:
        raise field_error("inputDatasetId", "Dataset not found.", code="not_found")
    return dataset


def refuse_deleting_an_input(dataset: Dataset) -> None:
    """A dataset a queued or running task reads may not be deleted (a rule of ``delete_dataset``)."""
    if AlgorithmTask.objects.filter(input_dataset=dataset, status__in=ACTIVE_STATUSES).exists():
        raise ValidationError("The dataset is the input of a task that has not finished.", code="in_use")


def _check_image(image: DockerImage, *, field: str) -> None:
    """A task runs a pinned image: one pulled or verified at least once (a failed re-pull keeps it)."""
    if image.resolved_at is not None:
        return
    if image.status == ImageStatus.PENDING:
        raise field_error(
            field, f"The image {image.name} is still being prepared; try again when it is ready."
        )
    raise field_error(field, f"The image {image.name} could not be prepared: {image.failure_reason}")


def _start(*, user, spec: RunSpec, algorithm, dataset: Dataset, reuse: bool, rerun_of=None) -> AlgorithmTask:
    from .tasks import enqueue

    input_digest = dataset_services.content_digest(dataset.pk)
    with transaction.atomic():
        task = AlgorithmTask.objects.create(
            algorithm=algorithm,
            owner=user,
            input_dataset=dataset,
            spec=spec.to_json(),
            spec_digest=spec.digest,
            input_digest=input_digest,
            rerun_of=rerun_of,
        )
        source = _reusable_result(user, spec.digest, input_digest) if reuse else None
        if source is not None:
            _complete_with(task, source)
            return task
        task.update_status(TaskStatus.QUEUED)
        task_id, gpu, timeout = task.pk, spec.gpu, spec.timeout_s
        transaction.on_commit(lambda: enqueue(task_id, gpu=gpu, timeout_s=timeout))
    return task


def _reusable_result(user, spec_digest: str, input_digest: str) -> AlgorithmTask | None:
    """The latest SUCCEEDED identical run the user may see, whose output still exists (or which had
    none: ``outputs_empty``)."""
    return (
        AlgorithmTask.objects.visible_to(user)
        .filter(
            Q(output_dataset__isnull=False) | Q(outputs_empty=True),
            status=TaskStatus.SUCCEEDED,
            spec_digest=spec_digest,
            input_digest=input_digest,
        )
        .select_related("output_dataset")
        .order_by("-finished_at", "-pk")
        .first()
    )


def _complete_with(task: AlgorithmTask, source: AlgorithmTask) -> None:
    """Finish ``task`` with ``source``'s result: its output files shared (no copy; none when it had
    none) and a log line."""
    spec = RunSpec.from_json(task.spec)
    output = None
    if source.output_dataset is not None:
        output = dataset_services.share_output(
            source=source.output_dataset,
            owner=task.owner,
            name=f"{spec.algorithm_name} - task {task.pk} output",
        )
    text = (
        f"[oasis] Reused the result of task {source.pk}: the same run spec ({task.spec_digest[:19]}) "
        f"on the same input ({task.input_digest[:19]}); nothing was run."
    )
    TaskLogChunk.objects.create(
        task=task, seq=0, stream=LogStream.SYSTEM, first_line=0, line_count=1, text=text
    )
    now = timezone.now()
    task.reused_from = source
    task.outputs_empty = output is None
    task.log_line_count, task.log_chunk_count, task.log_bytes = 1, 1, len(text.encode())
    task.queued_at = task.started_at = now
    task.save(
        update_fields=[
            "reused_from",
            "outputs_empty",
            "log_line_count",
            "log_chunk_count",
            "log_bytes",
            "queued_at",
            "started_at",
        ]
    )
    task.update_status(
        TaskStatus.SUCCEEDED, exit_code=0, output_dataset_id=None if output is None else output.pk
    )


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
            raise ValidationError(_finished_message(task), code="finished")
        _cancel(task, user)
    return task


#: Most tasks one ``cancel_tasks`` call takes: one transaction holds their row locks.
MAX_CANCEL_TASKS = 100


@dataclass(frozen=True)
class CancelOutcome:
    """What became of one task of a bulk cancel: ``task`` is None when it was not found (or is not the
    user's to change); ``code`` is ``cancelled``, ``finished`` or ``not_found``."""

    task_id: int
    task: AlgorithmTask | None
    code: str
    message: str


def cancel_tasks(*, user, task_ids: Sequence[int]) -> list[CancelOutcome]:
    """Cancel several tasks at once, each as ``cancel_task`` would, and say per task what happened.

    A task that has already finished, or that the user may not change, is reported and skipped; the
    others are cancelled together. At most ``MAX_CANCEL_TASKS`` ids; a repeated id counts once.
    """
    wanted = list(dict.fromkeys(task_ids))
    if len(wanted) > MAX_CANCEL_TASKS:
        raise field_error("ids", f"At most {MAX_CANCEL_TASKS} tasks at once; {len(wanted)} were given.")
    outcomes: list[CancelOutcome] = []
    with transaction.atomic():
        # Locked in primary-key order, so two bulk cancels over overlapping tasks cannot deadlock.
        locked = {
            task.pk: task
            for task in AlgorithmTask.objects.visible_to(user)
            .filter(pk__in=wanted)
            .order_by("pk")
            .select_for_update(of=("self",))
        }
        for task_id in wanted:
            task = locked.get(task_id)
            if task is None or not can_change(user, task):
                outcomes.append(CancelOutcome(task_id, None, "not_found", "Task not found."))
            elif task.is_finished:
                outcomes.append(CancelOutcome(task_id, task, "finished", _finished_message(task)))
            else:
                _cancel(task, user)
                outcomes.append(CancelOutcome(task_id, task, "cancelled", "Cancelled."))
    return outcomes


def _finished_message(task: AlgorithmTask) -> str:
    return f"The task has already finished ({task.status.lower()})."


def _cancel(task: AlgorithmTask, user) -> None:
    """Cancel a locked, unfinished task: a queued task never runs; a running one is stopped by its worker."""
    task.update_status(TaskStatus.CANCELLED, failure_reason="cancelled by " + user.get_username())
