"""Database reads of the websocket side (token checks, live subscriptions) on threads that keep their
connections.

channels' ``database_sync_to_async`` opens and closes a connection for every call (with the default
``thread_sensitive`` also all through one thread). A hundred viewers connecting and subscribing at
once then waited for hundreds of PostgreSQL connections, and the first lines of a busy log with them
(B3 in docs/benchmarks.md). These threads keep theirs, reconnecting once if the database dropped one.
"""

from __future__ import annotations

import asyncio
import functools
from concurrent.futures import ThreadPoolExecutor

from django.db import InterfaceError, OperationalError, connection

#: Threads (and so database connections) per server process for these reads.
READ_THREADS = 4
_readers = ThreadPoolExecutor(max_workers=READ_THREADS, thread_name_prefix="oasis-ws-read")


def db_read(read):
    """``read`` as a coroutine function run on the readers, on the thread's kept connection."""

    def on_kept_connection(*args, **kwargs):
        try:
            return read(*args, **kwargs)
        except (InterfaceError, OperationalError):
            connection.close()  # dropped meanwhile (a database restart): connect again, once
            return read(*args, **kwargs)

    @functools.wraps(read)
    async def call(*args, **kwargs):
        work = functools.partial(on_kept_connection, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(_readers, work)

    return call
