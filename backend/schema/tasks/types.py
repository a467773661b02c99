from __future__ import annotations

import datetime

import strawberry
import strawberry_django
from strawberry import auto, relay

from oasis.tasks import logs, models
from schema.accounts.types import UserType
from schema.algorithms.types import AlgorithmType
from schema.datasets.types import DatasetType
from schema.ids import node_filter
from schema.lookups import TextFilterLookup
from schema.tasks import log_budget
from schema.visibility import visible

TaskStatus = strawberry.enum(
    models.TaskStatus, name="TaskStatus", description="Where a task is in its lifecycle."
)
LogStream = strawberry.enum(
    models.LogStream, name="LogStream", description="stdout, stderr, or OASIS itself."
)

MAX_LOG_LINES = 5000


@strawberry_django.filter_type(models.AlgorithmTask, lookups=True)
class TaskFilter:
    status: TextFilterLookup | None
    created_at: auto
    algorithm = node_filter(type_name="Algorithm", lookup="algorithm", description="Tasks of one algorithm.")
    owner = node_filter(type_name="User", lookup="owner", description="Tasks of one user.")
    input_dataset = node_filter(
        type_name="Dataset", lookup="input_dataset", description="Tasks reading one dataset."
    )


@strawberry_django.order_type(models.AlgorithmTask)
class TaskOrder:
    created_at: auto
    finished_at: auto
    status: auto


@strawberry.type
class LogLine:
    index: int
    stream: LogStream
    text: str


@strawberry_django.type(models.AlgorithmTask, name="AlgorithmTask", filters=TaskFilter, ordering=TaskOrder)
class AlgorithmTaskType(relay.Node):
    """A run of an algorithm on an input dataset."""

    algorithm: AlgorithmType
    status: TaskStatus
    input_dataset: DatasetType | None
    output_dataset: DatasetType | None
    exit_code: auto
    failure_reason: str
    created_at: datetime.datetime
    queued_at: auto
    started_at: auto
    finished_at: auto
    owner: UserType
    log_line_count: int = strawberry_django.field(
        description="Lines stored so far (stdout, stderr and system)."
    )

    @strawberry_django.field(
        only=["id"],
        description=(
            "The container's stdout and stderr as one text. One request returns at most "
            "OASIS_REQUEST_LOG_MAX_BYTES of log (all outputLog and logLines fields together); a longer "
            "log ends with a line saying where to continue with logLines."
        ),
    )
    def output_log(self, root: models.AlgorithmTask, info: strawberry.Info) -> str:
        return log_budget.bounded_output(root.pk, info.context)

    @strawberry_django.field(
        only=["id"],
        description=(
            f"Stored log lines from an index (at most {MAX_LOG_LINES}). Fewer when the request's log "
            "budget (OASIS_REQUEST_LOG_MAX_BYTES) runs out, but at least one: go on from the last index + 1."
        ),
    )
    def log_lines(
        self, root: models.AlgorithmTask, info: strawberry.Info, from_line: int = 0, limit: int = 1000
    ) -> list[LogLine]:
        limit = max(0, min(limit, MAX_LOG_LINES))
        lines = log_budget.within_budget(
            logs.read_lines(root.pk, from_line=from_line, limit=limit), info.context
        )
        return [
            LogLine(index=line.index, stream=models.LogStream(line.stream), text=line.text) for line in lines
        ]

    @classmethod
    def get_queryset(cls, queryset, info, **kwargs):
        return visible(queryset, info)


@strawberry.input
class RunAlgorithmInput:
    algorithm_id: strawberry.ID
    input_dataset_id: strawberry.ID
