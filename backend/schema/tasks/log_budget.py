"""How much log text one GraphQL request may return.

``outputLog`` returned a task's whole stored log (up to ``OASIS_LOG_MAX_BYTES``, 50 MB); 15 aliases of it
made an 813 MB response and left the server 1.85 GB larger. Every ``outputLog`` and ``logLines`` field of
one request now draws from one budget of ``OASIS_REQUEST_LOG_MAX_BYTES``, kept on the request's context.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings

from oasis.tasks.models import LogStream, TaskLogChunk

_KEY = "_oasis_log_budget"


def _remaining(context: Any) -> list[int]:
    """A one-item list holding the bytes left for this request (created on first use)."""
    state = vars(context)
    if _KEY not in state:
        state[_KEY] = [settings.OASIS_REQUEST_LOG_MAX_BYTES]
    return state[_KEY]


def bounded_output(task_id: int, context: Any) -> str:
    """The container's output as one text, cut at a line end where the request's budget runs out."""
    remaining = _remaining(context)
    if remaining[0] <= 0:
        # Spent by an earlier field of the request (15 aliases of outputLog): read nothing, or each
        # alias cost a query and the split of a whole chunk only to return this line.
        return _stop_line(0)
    chunks = (
        TaskLogChunk.objects.filter(task_id=task_id)
        .exclude(stream=LogStream.SYSTEM)
        .order_by("seq")
        .values_list("first_line", "text")
    )
    parts: list[str] = []
    for first_line, text in chunks.iterator(chunk_size=20):
        size = len(text.encode()) + 1
        if size <= remaining[0]:
            parts += (text, "\n")
            remaining[0] -= size
            continue
        taken = 0
        for line in text.split("\n"):
            line_size = len(line.encode()) + 1
            if line_size > remaining[0]:
                break
            parts += (line, "\n")
            remaining[0] -= line_size
            taken += 1
        remaining[0] = 0
        parts.append(_stop_line(first_line + taken))
        break
    return "".join(parts)


def _stop_line(from_line: int) -> str:
    limit = settings.OASIS_REQUEST_LOG_MAX_BYTES
    return (
        f"[oasis] outputLog stops here: one request returns at most {limit} bytes of log "
        f"(OASIS_REQUEST_LOG_MAX_BYTES); read on with logLines(fromLine: {from_line}).\n"
    )


def within_budget(lines: Iterable, context: Any) -> list:
    """The first of ``lines`` (objects with ``text``) that fit the request's budget; at least one."""
    remaining = _remaining(context)
    kept = []
    for line in lines:
        size = len(line.text.encode()) + 1
        if kept and size > remaining[0]:
            break
        remaining[0] = max(0, remaining[0] - size)
        kept.append(line)
    return kept


def reset(context: Any) -> None:
    """Give the next execution on this context (a subscription event) a full budget again."""
    if context is not None and hasattr(context, "__dict__"):
        vars(context).pop(_KEY, None)
