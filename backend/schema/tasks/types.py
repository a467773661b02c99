from __future__ import annotations

import datetime
import enum

import strawberry
import strawberry_django
from django.db.models import Q
from django.urls import reverse
from graphql import GraphQLError
from strawberry import auto, relay

from oasis.tasks import log_search, logs, models
from oasis.tasks.search import search_q
from oasis.tasks.spec import RunSpec
from schema.accounts.types import UserType
from schema.algorithms.types import AlgorithmOrder, AlgorithmType
from schema.datasets.types import DatasetOrder, DatasetType
from schema.ids import node_filter
from schema.images.types import ImageOrigin
from schema.lookups import TextFilterLookup
from schema.scalars import BigInt
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

    @strawberry_django.filter_field(
        description=(
            "Text search, case-insensitive: a task number (`12` or `#12`) finds that task; any text finds "
            "tasks whose algorithm name or image name (as recorded when the task was created), input "
            "dataset name or failure reason contains it. Blank: no filter."
        )
    )
    def search(self, value: str, prefix: str) -> Q:
        return search_q(value, prefix=prefix)


@strawberry_django.order_type(models.AlgorithmTask)
class TaskOrder:
    created_at: auto
    finished_at: auto
    started_at: auto
    status: auto
    algorithm: AlgorithmOrder | None = strawberry_django.order_field(
        description="By the algorithm as it is now (a deleted one sorts as null)."
    )
    input_dataset: DatasetOrder | None


@strawberry.type
class LogLine:
    index: int
    stream: LogStream
    text: str

    @classmethod
    def of(cls, line: logs.LogLine) -> LogLine:
        """The GraphQL line of a stored or live line (``oasis.tasks.logs``)."""
        return cls(index=line.index, stream=LogStream(line.stream), text=line.text)


@strawberry.type(description="One page of the lines of a task's stored log that match a search.")
class LogSearchResult:
    total_count: int = strawberry.field(description="Matching lines in the whole stored log (of `stream`).")
    matches_before: int = strawberry.field(
        description=(
            "Matching lines before the first one returned: `matches[i]` is match number "
            "`matchesBefore + i + 1` of `totalCount`."
        )
    )
    matches: list[LogLine] = strawberry.field(description="In line order.")
    next_after: int | None = strawberry.field(
        description="Pass as `after` for the next page (null: no match follows this page)."
    )
    next_before: int | None = strawberry.field(
        description="Pass as `before` for the page before this one (null: no match precedes it)."
    )


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


@strawberry.type
class ResourceSample:
    seconds: float = strawberry.field(description="Since the container started.")
    cpu_percent: float = strawberry.field(description="Of one CPU (250 is two and a half CPUs busy).")
    memory_bytes: BigInt = strawberry.field(description="In use, without the page cache.")


@strawberry.type
class TaskResources:
    """CPU and memory over the run, sampled from the engine about once a second (at most 300 kept,
    evenly spread), to size an algorithm's limits."""

    samples: list[ResourceSample]
    peak_memory_bytes: BigInt
    memory_limit_bytes: BigInt


@strawberry_django.type(models.AlgorithmTask, name="AlgorithmTask", filters=TaskFilter, ordering=TaskOrder)
class AlgorithmTaskType(relay.Node):
    """A run of an algorithm on an input dataset."""

    algorithm: AlgorithmType | None = strawberry_django.field(
        description="The algorithm it was started from (null once deleted); what ran is `spec`."
    )
    status: TaskStatus
    input_dataset: DatasetType | None
    output_dataset: DatasetType | None = strawberry_django.field(
        description="What the run wrote to output/; null when it wrote nothing (`outputsEmpty`) or was deleted."
    )
    outputs_empty: bool = strawberry_django.field(
        description="SUCCEEDED without writing a single output file: no output dataset was made."
    )
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

    @strawberry_django.field(
        only=["resources", "spec"], description="CPU and memory over the run; null until samples exist."
    )
    def resources(self, root: models.AlgorithmTask) -> TaskResources | None:
        data = root.resources or {}
        if not data.get("samples"):
            return None
        return TaskResources(
            samples=[ResourceSample(seconds=s, cpu_percent=c, memory_bytes=m) for s, c, m in data["samples"]],
            peak_memory_bytes=int(data.get("peak_memory_bytes", 0)),
            memory_limit_bytes=int(RunSpec.from_json(root.spec).memory_mb) * 1024 * 1024,
        )

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
        return [LogLine.of(line) for line in lines]

    @strawberry_django.field(
        only=["id"],
        description=(
            "Lines of the whole stored log that match `query`, counted, and one page of them: the first "
            "`first` (at most 1000) after line `after`, or with `before` the last `first` before that "
            f"line. Plain text, or with `regex` a regular expression (at most {log_search.MAX_PATTERN_CHARS} "
            "characters, matched within one line, stopped with an error past OASIS_LOG_SEARCH_BUDGET_S). "
            "Case-insensitive unless `caseSensitive`. Matched text counts towards the request's log budget "
            "(OASIS_REQUEST_LOG_MAX_BYTES): a page may be shorter, `nextAfter` goes on from it."
        ),
    )
    def log_search(
        self,
        root: models.AlgorithmTask,
        info: strawberry.Info,
        query: str,
        regex: bool = False,
        case_sensitive: bool = False,
        stream: LogStream | None = None,
        first: int = 100,
        after: int | None = None,
        before: int | None = None,
    ) -> LogSearchResult:
        if after is not None and before is not None:
            raise GraphQLError("Give `after` or `before`, not both.")
        try:
            found = log_search.search_log(
                root.pk,
                query,
                is_regex=regex,
                case_sensitive=case_sensitive,
                stream=None if stream is None else models.LogStream(stream).value,
                first=first,
                after=after,
                before=before,
            )
        except log_search.LogSearchError as exc:
            raise GraphQLError(str(exc), extensions={"code": "LOG_SEARCH"}) from None
        kept = found.matches
        if before is None:
            kept = log_budget.within_budget(kept, info.context)
        else:  # the page nearest `before` is what was asked for: the budget trims its start
            kept = log_budget.within_budget(kept[::-1], info.context)[::-1]
        matches_before = found.matches_before
        if before is not None:
            matches_before += len(found.matches) - len(kept)
        more_after = found.total_count - matches_before - len(kept) > 0
        return LogSearchResult(
            total_count=found.total_count,
            matches_before=matches_before,
            matches=[LogLine.of(x) for x in kept],
            next_after=kept[-1].index if kept and more_after else None,
            next_before=kept[0].index if kept and matches_before else None,
        )

    @strawberry_django.field(
        only=["id"],
        description=(
            "Plain HTTP download of the whole stored log as text (a running task: what is stored so far). "
            "Add `?streams=stderr` (comma-separated stdout,stderr,system; default all), `labels=1` (each "
            "line starts with `[stream] `), `ansi=strip` (no escape sequences)."
        ),
    )
    def log_download_url(self, root: models.AlgorithmTask) -> str:
        return reverse("task-log-download", kwargs={"task_id": root.pk})

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


@strawberry.enum(description="What became of one task of `cancelTasks`.")
class CancelOutcomeCode(enum.Enum):
    CANCELLED = "cancelled"
    FINISHED = "finished"
    NOT_FOUND = "not_found"
    INVALID_ID = "invalid_id"


@strawberry.type(description="One id of `cancelTasks` and what became of its task.")
class TaskCancellation:
    id: strawberry.ID = strawberry.field(description="The id as it was given.")
    code: CancelOutcomeCode
    message: str = strawberry.field(description="For people: 'Cancelled.', or why not.")
    task: AlgorithmTaskType | None = strawberry.field(
        description="The task as it is now; null when it was not found or is not yours to change."
    )


@strawberry.type
class CancelTasksResult:
    results: list[TaskCancellation] = strawberry.field(description="One per distinct id, in the order given.")
    cancelled_count: int
