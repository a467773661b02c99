"""In-memory sinks for runner tests: the runner is the thing under test, so its sinks can be simple."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from runners.base import IMAGE_ID, Callbacks, InputFile, Job, JobImage, Limits, Stream


class MemoryLogs:
    """Collects raw bytes per stream, in arrival order, and the platform notes."""

    def __init__(self) -> None:
        self.chunks: list[tuple[Stream, bytes]] = []
        self.notes: list[str] = []

    def write(self, stream: Stream, data: bytes) -> None:
        assert isinstance(stream, Stream)
        assert isinstance(data, bytes) and data
        self.chunks.append((stream, data))

    def note(self, text: str) -> None:
        assert isinstance(text, str)
        self.notes.append(text)

    def bytes_of(self, stream: Stream) -> bytes:
        return b"".join(data for kind, data in self.chunks if kind is stream)

    @property
    def stdout(self) -> bytes:
        return self.bytes_of(Stream.STDOUT)

    @property
    def stderr(self) -> bytes:
        return self.bytes_of(Stream.STDERR)


class MemoryOutputs:
    """Collects output files; checks each arrives once and with the announced size."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, path: str, size: int, stream: BinaryIO) -> None:
        assert path not in self.files, f"{path} delivered twice"
        data = b""
        while chunk := stream.read(1024 * 1024):
            data += chunk
        assert len(data) == size, f"{path}: announced {size} bytes, got {len(data)}"
        self.files[path] = data


@dataclass
class Recorder:
    """The callbacks of one run and what they saw."""

    logs: MemoryLogs = field(default_factory=MemoryLogs)
    outputs: MemoryOutputs = field(default_factory=MemoryOutputs)
    started: threading.Event = field(default_factory=threading.Event)
    #: Seconds after ``on_started`` when ``should_cancel`` turns True (None: never).
    cancel_after_s: float | None = None
    #: Set it to cancel right away.
    cancel: threading.Event = field(default_factory=threading.Event)
    _started_at: float | None = None

    def _on_started(self) -> None:
        assert not self.started.is_set(), "on_started called twice"
        self._started_at = time.monotonic()
        self.started.set()

    def _should_cancel(self) -> bool:
        if self.cancel.is_set():
            return True
        if self.cancel_after_s is None or self._started_at is None:
            return False
        return time.monotonic() - self._started_at >= self.cancel_after_s

    @property
    def callbacks(self) -> Callbacks:
        return Callbacks(
            logs=self.logs,
            outputs=self.outputs,
            on_started=self._on_started,
            should_cancel=self._should_cancel,
        )


def memory_input(path: str, data: bytes) -> InputFile:
    from io import BytesIO

    return InputFile(path=path, size=len(data), open=lambda: BytesIO(data))


def file_opener(path: Path) -> Callable[[], BinaryIO]:
    return lambda: open(path, "rb")


def make_job(
    task_id: str,
    image: JobImage | str,
    command: list[str] | None,
    *,
    entrypoint: list[str] | None = None,
    environment: dict[str, str] | None = None,
    inputs: list[InputFile] | None = None,
    memory_mb: int = 128,
    cpus: float = 1.0,
    timeout_s: int = 60,
    network: bool = False,
    pids: int = 256,
) -> Job:
    return Job(
        task_id=task_id,
        image=pinned(image) if isinstance(image, str) else image,
        command=command,
        entrypoint=entrypoint,
        environment=environment or {},
        limits=Limits(memory_mb=memory_mb, cpus=cpus, timeout_s=timeout_s, network=network, pids=pids),
        inputs=inputs or [],
    )


def pinned(image: str) -> JobImage:
    """A job image for an image id, or for a tag the engine holds now (pinned to its id here).

    A tag no engine holds (the local runner ignores images) gets an id made from its name.
    """
    if IMAGE_ID.match(image):
        return JobImage(image_id=image, display_name=image)
    import docker
    import docker.errors

    try:
        client = docker.from_env()
        try:
            return JobImage(image_id=client.images.get(image).id, display_name=image)
        finally:
            client.close()
    except docker.errors.DockerException:
        return JobImage(image_id="sha256:" + hashlib.sha256(image.encode()).hexdigest(), display_name=image)


def sh(script: str) -> list[str]:
    return ["/bin/sh", "-c", script]
