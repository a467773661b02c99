from __future__ import annotations

import strawberry
import strawberry_django

from oasis.tasks import services
from schema.context import Info, require_user
from schema.ids import decode_id

from .types import AlgorithmTaskType, RerunTaskInput, RunAlgorithmInput


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
