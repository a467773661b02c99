from __future__ import annotations

import datetime

import strawberry
import strawberry_django
from strawberry import auto, relay

from oasis.tasks import logs, models
from oasis.tasks.spec import RunSpec
from schema.accounts.types import UserType
from schema.algorithms.types import AlgorithmType
from schema.datasets.types import DatasetType
from schema.ids import node_filter
from schema.images.types import ImageOrigin
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


@strawberry.type
class EnvironmentVariable:
    name: str
    value: str


@strawberry.type
class TaskSpec:
    """What a task runs, recorded when it was created: editing or deleting the algorithm, or pulling
    its image's tag again, never changes it."""

    digest: str = strawberry.field(
        description="sha256 of what decides the run (image id, argv, env, limits)."
    )
    algorithm_name: str
    image_name: str
    image_source: ImageOrigin
    image_ref: str = strawberry.field(description="The reference as registered; empty for a tarball.")
    image_id: str = strawberry.field(description="The image id the container is created from.")
    repo_digest: str = strawberry.field(description="repo@sha256:... a worker pulls it by (references only).")
    command: list[str] | None = strawberry.field(description="argv; null keeps the image's CMD.")
    entrypoint: list[str] | None = strawberry.field(description="argv; null keeps the image's ENTRYPOINT.")
    environment: list[EnvironmentVariable]
    gpu: bool
    network: bool
    memory_mb: int
    cpus: float
    timeout_s: int

    @classmethod
    def of(cls, spec: RunSpec) -> TaskSpec:
        return cls(
            digest=spec.digest,
            algorithm_name=spec.algorithm_name,
            image_name=spec.image_name,
            image_source=ImageOrigin(spec.image_source),
            image_ref=spec.image_ref,
            image_id=spec.image_id,
            repo_digest=spec.repo_digest,
            command=spec.command,
            entrypoint=spec.entrypoint,
            environment=[EnvironmentVariable(name=k, value=v) for k, v in sorted(spec.environment.items())],
            gpu=spec.gpu,
            network=spec.network,
            memory_mb=spec.memory_mb,
            cpus=spec.cpus,
            timeout_s=spec.timeout_s,
        )


@strawberry_django.type(models.AlgorithmTask, name="AlgorithmTask", filters=TaskFilter, ordering=TaskOrder)
class AlgorithmTaskType(relay.Node):
    """A run of an algorithm on an input dataset."""

    algorithm: AlgorithmType | None = strawberry_django.field(
        description="The algorithm it was started from (null once deleted); what ran is `spec`."
    )
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
    spec_digest: str = strawberry_django.field(description="The digest of `spec`.")
    input_digest: str = strawberry_django.field(
        description="sha256 over the input's (path, file sha256) pairs when the task was created."
    )
    reused_from: AlgorithmTaskType | None = strawberry_django.field(
        description="The identical earlier run whose result this task took instead of running."
    )
    rerun_of: AlgorithmTaskType | None = strawberry_django.field(description="The task this one re-ran.")

    @strawberry_django.field(only=["spec"], description="Exactly what the task runs, recorded at creation.")
    def spec(self, root: models.AlgorithmTask) -> TaskSpec:
        return TaskSpec.of(RunSpec.from_json(root.spec))

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
    reuse: bool | None = strawberry.field(
        default=None,
        description=(
            "Take the result of an earlier SUCCEEDED run with the same spec and input content, if you may "
            "see one, instead of running. Default: the algorithm's cacheResults."
        ),
    )


@strawberry.input
class RerunTaskInput:
    id: strawberry.ID
    use_current_algorithm: bool = strawberry.field(
        default=False, description="Run the algorithm's definition as it is now instead of the recorded spec."
    )
    reuse: bool = False
