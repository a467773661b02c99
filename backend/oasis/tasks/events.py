"""Live events about tasks: one function per event kind, each sent to the channel layer.

Groups: ``task.<id>`` (one task's status), ``task.<id>.logs`` (its log batches), ``tasks.user.<id>``
(every task of a user, for lists) and ``tasks.all`` (every task, for staff). Messages carry ids and
small payloads; subscribers read current state from the database, which is the source of truth.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from . import publisher


@dataclass(frozen=True)
class TaskChanged:
    """A task's status, timestamps, exit code, reason or output changed: read its row for the rest."""

    TYPE: ClassVar[str] = "task.changed"
    task_id: int

    def encode(self) -> dict:
        return {"type": self.TYPE, "task_id": self.task_id}


@dataclass(frozen=True)
class LogBatchStored:
    """Log lines stored for a task, indexes consecutive from ``from_line``, as runs of one stream:
    ``(stream, text)`` where ``text`` holds the run's lines joined by newlines (a line never holds one).

    One string per run, not a list per line: msgpack packs it in one go for Redis, and the in-memory
    layer, which deep-copies a message for every subscriber, copies it for free. It keeps this shape
    from the writer to the subscription, which cuts it to what a viewer has not seen yet.
    """

    TYPE: ClassVar[str] = "task.log"
    task_id: int
    from_line: int
    runs: tuple[tuple[str, str], ...]

    def encode(self) -> dict:
        return {
            "type": self.TYPE,
            "task_id": self.task_id,
            "from_line": self.from_line,
            "runs": [list(run) for run in self.runs],
        }


Event = TaskChanged | LogBatchStored


def decode(message: dict) -> Event | None:
    """The event a channel-layer message carries (``None`` for one of another kind)."""
    kind = message.get("type")
    if kind == TaskChanged.TYPE:
        return TaskChanged(task_id=int(message["task_id"]))
    if kind == LogBatchStored.TYPE:
        runs = tuple((str(stream), str(text)) for stream, text in message["runs"])
        return LogBatchStored(task_id=int(message["task_id"]), from_line=int(message["from_line"]), runs=runs)
    return None


def task_group(task_id: int) -> str:
    return f"task.{task_id}"


def log_group(task_id: int) -> str:
    return f"task.{task_id}.logs"


def user_group(user_id: int) -> str:
    return f"tasks.user.{user_id}"


ALL_TASKS_GROUP = "tasks.all"


def task_changed(task_id: int, owner_id: int) -> None:
    """A task's status, timestamps, exit code, reason or output changed."""
    message = TaskChanged(task_id).encode()
    publisher.send(task_group(task_id), message)
    publisher.send(log_group(task_id), message)  # log followers learn the task finished
    publisher.send(user_group(owner_id), message)
    publisher.send(ALL_TASKS_GROUP, message)


def log_batch(task_id: int, from_line: int, runs: Sequence[tuple[str, str]]) -> None:
    """A stored batch of log lines (see ``LogBatchStored``)."""
    publisher.send(log_group(task_id), LogBatchStored(task_id, from_line, tuple(runs)).encode())
