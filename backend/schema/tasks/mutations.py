from __future__ import annotations

import strawberry
import strawberry_django

from oasis.tasks import services
from schema.context import Info, require_user
from schema.ids import decode_id, decode_ids

from .types import (
    AlgorithmTaskType,
    CancelOutcomeCode,
    CancelTasksResult,
    RerunTaskInput,
    RunAlgorithmInput,
    TaskCancellation,
)


@strawberry.type
class Mutation:
    @strawberry_django.mutation(
        handle_django_errors=True, description="Run an algorithm on a dataset; the task is QUEUED."
    )
    def run_algorithm(self, info: Info, input: RunAlgorithmInput) -> AlgorithmTaskType:
        return services.run_algorithm(
            user=require_user(info),
            algorithm_id=decode_id(input.algorithm_id, type_name="Algorithm", field="algorithmId"),
            input_dataset_id=decode_id(input.input_dataset_id, type_name="Dataset", field="inputDatasetId"),
            reuse=input.reuse,
        )

    @strawberry_django.mutation(
        handle_django_errors=True,
        description="Run a task's recorded spec again on the same input; the new task is QUEUED.",
    )
    def rerun_task(self, info: Info, input: RerunTaskInput) -> AlgorithmTaskType:
        return services.rerun_task(
            user=require_user(info),
            task_id=decode_id(input.id, type_name="AlgorithmTask", field="id"),
            use_current_algorithm=input.use_current_algorithm,
            reuse=input.reuse,
        )

    @strawberry_django.mutation(handle_django_errors=True, description="Cancel a task that has not finished.")
    def cancel_task(self, info: Info, id: strawberry.ID) -> AlgorithmTaskType:
        return services.cancel_task(
            user=require_user(info), task_id=decode_id(id, type_name="AlgorithmTask", field="id")
        )

    @strawberry_django.mutation(
        handle_django_errors=True,
        description=(
            f"Cancel several tasks (at most {services.MAX_CANCEL_TASKS} ids: relay ids or numbers). Tasks "
            "that have already finished, are not found or are not yours are reported per id, not refused."
        ),
    )
    def cancel_tasks(self, info: Info, ids: list[strawberry.ID]) -> CancelTasksResult:
        user = require_user(info)
        decoded = decode_ids(ids, type_name="AlgorithmTask", field="ids", limit=services.MAX_CANCEL_TASKS)
        pks = [pk for pk in decoded.values() if pk is not None]
        outcomes = {outcome.task_id: outcome for outcome in services.cancel_tasks(user=user, task_ids=pks)}
        results = []
        for given, pk in decoded.items():
            if pk is None:
                results.append(
                    TaskCancellation(
                        id=given, code=CancelOutcomeCode.INVALID_ID, message="Not a task id.", task=None
                    )
                )
                continue
            outcome = outcomes[pk]
            results.append(
                TaskCancellation(
                    id=given, code=CancelOutcomeCode(outcome.code), message=outcome.message, task=outcome.task
                )
            )
        cancelled = sum(outcome.code == "cancelled" for outcome in outcomes.values())
        return CancelTasksResult(results=results, cancelled_count=cancelled)
