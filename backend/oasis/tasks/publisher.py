"""Sending events to the channel layer from synchronous code (Celery workers, services).

One long-lived event loop in a daemon thread per process owns the channel layer's connections, so a
worker reuses them instead of building a loop and a connection per message. With the in-memory layer
(embedded mode) messages must be sent on the web server's own loop, which ``bind_server_loop`` records.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures import Future

from channels.layers import InMemoryChannelLayer, get_channel_layer

log = logging.getLogger(__name__)

_lock = threading.Lock()
_own_loop: asyncio.AbstractEventLoop | None = None
_server_loop: asyncio.AbstractEventLoop | None = None


def bind_server_loop(loop: asyncio.AbstractEventLoop) -> None:
    """Called by the ASGI application on its loop; the in-memory layer lives there."""
    global _server_loop
    _server_loop = loop


def _background_loop() -> asyncio.AbstractEventLoop:
    global _own_loop
    with _lock:
        if _own_loop is None or _own_loop.is_closed():
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="oasis-publisher", daemon=True)
            thread.start()
            _own_loop = loop
        return _own_loop


def _target_loop(layer) -> asyncio.AbstractEventLoop | None:
    if isinstance(layer, InMemoryChannelLayer):
        return _server_loop
    return _background_loop()


def _log_failure(future: Future) -> None:
    exc = future.exception()
    if exc is not None:
        log.warning("Publishing an event failed: %s", exc)


def send(group: str, message: dict) -> Future | None:
    """Send ``message`` to ``group`` without blocking; delivery is at most once (the log is durable)."""
    layer = get_channel_layer()
    if layer is None:
        return None
    loop = _target_loop(layer)
    if loop is None or loop.is_closed():
        return None  # embedded and no server loop: nobody can be listening
    future = asyncio.run_coroutine_threadsafe(layer.group_send(group, message), loop)
    future.add_done_callback(_log_failure)
    return future
