"""The runner interface: plain dataclasses in and out, nothing from Django.

A runner executes one task's container. The pipeline (``oasis.tasks.pipeline``) builds a ``Job`` from
the database, hands it to the runner with a few callbacks, and records the ``Outcome``.
"""

from __future__ import annotations

import abc
import enum
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

#: Label keys put on every container a runner creates; recovery and the sweep find containers by them.
LABEL_TASK = "org.oasis.task"
LABEL_MANAGED = "org.oasis.managed"


class Stream(enum.StrEnum):
    STDOUT = "stdout"
    STDERR = "stderr"


IMAGE_ID = re.compile(r"^sha256:[0-9a-f]{64}$")


@dataclass(frozen=True)
class JobImage:
    """The image a job runs, pinned by its image id: containers are created from ``image_id`` only.

    When the engine does not hold the id yet, the runner gets it from exactly one source: a pull by
    registry digest (``pull_ref``, ``repo@sha256:...``, with ``registry_auth`` for that registry's
    host only) or the uploaded tarball (``open_tarball``), verified to contain ``image_id``. A tag is
    never used, so nothing another user loads or pushes can change what a job runs.
    """

    image_id: str
    pull_ref: str | None = None
    registry_auth: dict | None = None
    #: Opens the uploaded ``docker save`` tarball (``.tar`` or ``.tar.gz``) as a binary stream.
    open_tarball: Callable[[], BinaryIO] | None = None
    #: Shown in log lines ("Loading image <display_name>").
    display_name: str = ""


@dataclass(frozen=True)
class ResolvedImage:
    """What resolving a registry reference or verifying a tarball found."""

    image_id: str
    #: ``repo@sha256:...`` of the manifest pulled; empty for a tarball or an engine-local image.
    repo_digest: str = ""
    architecture: str = ""
    size: int | None = None


class PullFailed(Exception):
    """Raised by ``Runner.resolve_reference``; ``reason`` is a short class of failure safe to show."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Limits:
    memory_mb: int
    cpus: float
    timeout_s: int
    network: bool = False
    gpu: bool = False
    pids: int = 256


@dataclass(frozen=True)
class InputFile:
    """One input file, placed at ``<workdir>/input/<path>``."""

    path: str
    size: int
    open: Callable[[], BinaryIO]


@dataclass(frozen=True)
class Job:
    task_id: str
    image: JobImage
    #: argv; ``None`` keeps the image's CMD.
    command: list[str] | None
    #: argv; ``None`` keeps the image's ENTRYPOINT, ``[]`` clears it.
    entrypoint: list[str] | None
    environment: dict[str, str]
    limits: Limits
    inputs: list[InputFile] = field(default_factory=list)


class LogSink(Protocol):
    """Receives the container's raw output in order; the sink splits lines, batches and stores."""

    def write(self, stream: Stream, data: bytes) -> None: ...

    def note(self, text: str) -> None:
        """A platform line (e.g. ``Pulling alpine:3.20``) shown in the task's log."""
        ...


class OutputSink(Protocol):
    """Receives the files the container wrote under ``<workdir>/output``, one stream at a time."""

    def add(self, path: str, size: int, stream: BinaryIO) -> None: ...


class Termination(enum.StrEnum):
    EXITED = "exited"
    OOM_KILLED = "oom_killed"
    TIMED_OUT = "timed_out"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Outcome:
    termination: Termination
    exit_code: int | None


@dataclass(frozen=True)
class ResourceSample:
    """What the container used at ``seconds`` after it started."""

    seconds: float
    #: Of one CPU: 250.0 is two and a half CPUs busy.
    cpu_percent: float
    #: Memory in use, without the page cache the kernel can drop.
    memory_bytes: int


@dataclass(frozen=True)
class Callbacks:
    """How a runner talks back to the pipeline while a job runs."""

    logs: LogSink
    outputs: OutputSink
    #: Called once the container has started (the task becomes RUNNING).
    on_started: Callable[[], None]
    #: Polled about twice a second; True stops the container (SIGTERM, then SIGKILL after a grace period).
    should_cancel: Callable[[], bool]
    #: Resource samples while the container runs (about one a second), if the runner can take them.
    on_stats: Callable[[ResourceSample], None] | None = None


@dataclass(frozen=True)
class LogPosition:
    """How many raw bytes of each stream the pipeline has already stored (for reattaching)."""

    stdout: int = 0
    stderr: int = 0


class Runner(abc.ABC):
    """Executes jobs. Implementations: ``runners.docker.DockerRunner``, ``runners.local.LocalRunner``."""

    @abc.abstractmethod
    def run(self, job: Job, callbacks: Callbacks) -> Outcome:
        """Prepare the image, create and start the container, stream logs, collect outputs, clean up."""

    @abc.abstractmethod
    def reattach(self, job: Job, callbacks: Callbacks, position: LogPosition) -> Outcome | None:
        """Resume a job whose worker died: ``None`` when no container is left for the task.

        Log capture resumes after ``position`` so no line is stored twice or lost. A container that
        has already exited is finished from its exit state (outputs collected, container removed).
        """

    @abc.abstractmethod
    def stop(self, task_id: str) -> None:
        """Stop and remove the task's container if it exists (idempotent)."""

    @abc.abstractmethod
    def sweep(self, keep: Callable[[Iterable[str]], set[str]]) -> list[str]:
        """Remove containers of tasks not in ``keep(candidate_task_ids)``; returns removed task ids."""

    @abc.abstractmethod
    def resolve_reference(
        self, ref: str, *, registry_auth: dict | None, on_progress: Callable[[str], None]
    ) -> ResolvedImage:
        """Pull ``ref`` from its registry now and pin it: its manifest digest and image id.

        Raises ``PullFailed`` with a short reason class (never the registry's own words).
        """

    @abc.abstractmethod
    def verify_tarball(self, open_tarball: Callable[[], BinaryIO], *, image_id: str) -> ResolvedImage:
        """Check that the ``docker save`` archive holds exactly ``image_id`` (every layer hashed)
        and make it available to the engine without applying any tag it carries.

        Raises ``InvalidImageTarball`` when it does not.
        """

    @abc.abstractmethod
    def inspect_local(self, ref: str) -> ResolvedImage:
        """Pin an image the engine already holds (the opt-in for engine-local images)."""
