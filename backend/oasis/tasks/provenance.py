"""Provenance: which task made a dataset, and the chain of tasks and inputs behind it."""

from __future__ import annotations

from .models import AlgorithmTask

#: The longest chain ``lineage`` walks.
MAX_LINEAGE_DEPTH = 50


def producer(*, user, dataset_id: int) -> AlgorithmTask | None:
    """The task whose output the dataset is, if ``user`` may see it."""
    return AlgorithmTask.objects.visible_to(user).filter(output_dataset_id=dataset_id).first()


def lineage(*, user, dataset_id: int, max_depth: int = 10) -> list[AlgorithmTask]:
    """The producing task, then the task that produced its input, ... (nearest first).

    Stops at a dataset nobody made (an upload), at a task ``user`` may not see, or after
    ``max_depth`` steps (at most ``MAX_LINEAGE_DEPTH``); a cycle cannot occur but is guarded anyway.
    """
    depth = max(0, min(max_depth, MAX_LINEAGE_DEPTH))
    chain: list[AlgorithmTask] = []
    seen: set[int] = set()
    current: int | None = dataset_id
    while current is not None and len(chain) < depth and current not in seen:
        seen.add(current)
        task = producer(user=user, dataset_id=current)
        if task is None:
            break
        chain.append(task)
        current = task.input_dataset_id
    return chain
