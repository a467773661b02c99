"""Tasks (runs of an algorithm on a dataset), their lifecycle, and their append-only log."""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from oasis.ownership import OwnedQuerySet, Visibility

from . import events


class TaskStatus(models.TextChoices):
    CREATED = "CREATED", "Created"
    QUEUED = "QUEUED", "Queued"
    RUNNING = "RUNNING", "Running"
    SUCCEEDED = "SUCCEEDED", "Succeeded"
    FAILED = "FAILED", "Failed"
    CANCELLED = "CANCELLED", "Cancelled"


#: The lifecycle. QUEUED -> FAILED covers failures before a container starts (image pull, engine down).
TRANSITIONS: dict[str, frozenset[str]] = {
    # CREATED -> SUCCEEDED: the result of an earlier identical run is reused, nothing runs.
    TaskStatus.CREATED: frozenset({TaskStatus.QUEUED, TaskStatus.SUCCEEDED, TaskStatus.CANCELLED}),
    TaskStatus.QUEUED: frozenset({TaskStatus.RUNNING, TaskStatus.FAILED, TaskStatus.CANCELLED}),
    TaskStatus.RUNNING: frozenset({TaskStatus.SUCCEEDED, TaskStatus.FAILED, TaskStatus.CANCELLED}),
    TaskStatus.SUCCEEDED: frozenset(),
    TaskStatus.FAILED: frozenset(),
    TaskStatus.CANCELLED: frozenset(),
}
ACTIVE_STATUSES = frozenset({TaskStatus.CREATED, TaskStatus.QUEUED, TaskStatus.RUNNING})
FINISHED_STATUSES = frozenset({TaskStatus.SUCCEEDED, TaskStatus.FAILED, TaskStatus.CANCELLED})


class InvalidTransition(Exception):
    def __init__(self, current: str, new: str):
        super().__init__(f"A {current.lower()} task cannot become {new.lower()}.")
        self.current = current
        self.new = new


class AlgorithmTask(models.Model):
    """One run of an algorithm on an input dataset."""

    #: The algorithm the task was started from; what ran is ``spec``, which never changes.
    algorithm = models.ForeignKey(
        "algorithms.Algorithm", on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks"
    )
    #: The run spec recorded at creation (``oasis.tasks.spec.RunSpec``): image pinned by id, argv,
    #: environment, limits. The runner runs this, never the live algorithm.
    spec = models.JSONField(default=dict)
    #: sha256 of the spec's executable part, and of the input's content (paths and file hashes).
    spec_digest = models.CharField(max_length=71, blank=True, default="")
    input_digest = models.CharField(max_length=71, blank=True, default="")
    #: Set when the task completed at once with the result of an identical earlier task.
    reused_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reused_by"
    )
    #: CPU and memory over the run (``oasis.tasks.resources``): {"samples": [[s, cpu %, bytes]], "peak_memory_bytes"}.
    resources = models.JSONField(default=dict, blank=True)
    #: Set when the task was started by ``rerunTask``.
    rerun_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reruns"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tasks")
    status = models.CharField(max_length=16, choices=TaskStatus.choices, default=TaskStatus.CREATED)
    input_dataset = models.ForeignKey(
        "datasets.Dataset", on_delete=models.SET_NULL, null=True, related_name="input_of"
    )
    output_dataset = models.OneToOneField(
        "datasets.Dataset", on_delete=models.SET_NULL, null=True, blank=True, related_name="output_of"
    )
    #: SUCCEEDED without a single output file: no output dataset was made (as opposed to one deleted
    #: since, which also leaves ``output_dataset`` null); such a run's result can still be reused.
    outputs_empty = models.BooleanField(default=False)
    exit_code = models.IntegerField(null=True, blank=True)
    failure_reason = models.CharField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    # Log bookkeeping, updated in the same transaction as each stored log batch.
    log_line_count = models.PositiveIntegerField(default=0)
    log_chunk_count = models.PositiveIntegerField(default=0)
    log_bytes = models.BigIntegerField(default=0)
    log_dropped_bytes = models.BigIntegerField(default=0)
    #: Raw bytes of each container stream already stored; a reattaching worker resumes after them.
    log_stdout_offset = models.BigIntegerField(default=0)
    log_stderr_offset = models.BigIntegerField(default=0)

    #: The worker executing the task holds a lease it renews; an expired lease means the worker is gone.
    worker = models.CharField(max_length=200, blank=True, default="")
    lease_expires_at = models.DateTimeField(null=True, blank=True)

    visibility = Visibility()
    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="task_owner_created"),
            models.Index(fields=["status", "lease_expires_at"], name="task_status_lease"),
            models.Index(fields=["spec_digest", "input_digest"], name="task_run_identity"),
        ]

    def __str__(self) -> str:
        return f"Task {self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    def update_status(
        self,
        new: str,
        *,
        exit_code: int | None = None,
        failure_reason: str = "",
        output_dataset_id: int | None = None,
    ) -> None:
        """Move along the lifecycle, stamp the time, save, and publish the change on commit.

        The only way a task's status changes. Call it on a row locked with ``select_for_update``.
        """
        if new not in TRANSITIONS[self.status]:
            raise InvalidTransition(self.status, new)
        now = timezone.now()
        self.status = new
        fields = ["status"]
        if new == TaskStatus.QUEUED:
            self.queued_at = now
            fields.append("queued_at")
        elif new == TaskStatus.RUNNING:
            self.started_at = now
            fields.append("started_at")
        else:
            self.finished_at = now
            self.lease_expires_at = None
            fields += ["finished_at", "lease_expires_at"]
        if exit_code is not None:
            self.exit_code = exit_code
            fields.append("exit_code")
        if failure_reason:
            self.failure_reason = failure_reason[:500]
            fields.append("failure_reason")
        if output_dataset_id is not None:
            self.output_dataset_id = output_dataset_id
            fields.append("output_dataset")
        self.save(update_fields=fields)

        task_id, owner_id = self.pk, self.owner_id
        transaction.on_commit(lambda: events.task_changed(task_id, owner_id))


class LogStream(models.TextChoices):
    STDOUT = "stdout", "stdout"
    STDERR = "stderr", "stderr"
    #: Lines OASIS itself adds: "Pulling alpine:3.20", skipped outputs, the truncation marker.
    SYSTEM = "system", "system"


class TaskLogChunk(models.Model):
    """An append-only piece of a task's log: consecutive lines of one stream.

    Lines are numbered across both streams in the order they were captured; ``first_line`` is the
    index of the chunk's first line and ``text`` holds ``line_count`` lines joined by newlines.
    """

    task = models.ForeignKey(AlgorithmTask, on_delete=models.CASCADE, related_name="log_chunks")
    seq = models.PositiveIntegerField()
    stream = models.CharField(max_length=6, choices=LogStream.choices)
    first_line = models.PositiveIntegerField()
    line_count = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["task", "seq"]
        constraints = [models.UniqueConstraint(fields=["task", "seq"], name="log_chunk_seq_unique")]
        indexes = [models.Index(fields=["task", "first_line"], name="log_chunk_first_line")]

    def __str__(self) -> str:
        return f"Task {self.task_id} chunk {self.seq}"
