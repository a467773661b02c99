"""The runner interface: plain dataclasses in and out, nothing from Django.

A runner executes one task's container. The pipeline (``oasis.tasks.pipeline``) builds a ``Job`` from
the database, hands it to the runner with a few callbacks, and records the ``Outcome``.
"""

from __future__ import annotations

import abc
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

#: Label keys put on every container a runner creates; recovery and the sweep find containers by them.
LABEL_TASK = "org.oasis.task"
LABEL_MANAGED = "org.oasis.managed"


class Stream(enum.StrEnum):
    STDOUT = "stdout"
    STDERR = "stderr"


@dataclass(frozen=True)
class ImageSource:
    """Where the image comes from: exactly one of ``ref`` and ``open_tarball`` is set."""

    ref: str | None = None
    #: Opens the uploaded ``docker save`` tarball (``.tar`` or ``.tar.gz``) as a binary stream.
    open_tarball: Callable[[], BinaryIO] | None = None
    #: The image id (``sha256:...`` of the config) recorded at registration; lets a runner skip loading.
    digest: str | None = None
    #: Shown in log lines ("Loading image <display_name>").
    display_name: str = ""


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
    image: ImageSource
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
class Callbacks:
    """How a runner talks back to the pipeline while a job runs."""

    logs: LogSink
    outputs: OutputSink
    #: Called once the container has started (the task becomes RUNNING).
    on_started: Callable[[], None]
    #: Polled about twice a second; True stops the container (SIGTERM, then SIGKILL after a grace period).
    should_cancel: Callable[[], bool]


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

    def validate_image_tarball(self, stream: BinaryIO) -> None:  # noqa: B027  # pragma: no cover - optional
        """Optional engine-side check; the platform validates tarballs without an engine."""
