"""The embedded mode: a Celery worker with the in-memory broker inside the web process.

Tasks go through the very same Celery task code as in the distributed mode; only the transport
differs. Because the broker lives in memory, start-up enqueues again every task still QUEUED (and
RUNNING ones, which the pipeline reattaches), and a timer does what ``celery beat`` does elsewhere.
"""

from __future__ import annotations

import logging
import socket
import threading
import time

from django.conf import settings

from .celery import app

log = logging.getLogger(__name__)

#: This process's worker and the periodic jobs' stop, for ``shutdown``.
_worker = None
_periodic_stop: threading.Event | None = None


def start_worker() -> threading.Thread:
    global _worker
    worker = _worker = app.WorkController(
        pool_cls="threads",
        concurrency=settings.CELERY_WORKER_CONCURRENCY,
        queues=[settings.CELERY_TASK_DEFAULT_QUEUE, "gpu", settings.OASIS_HOUSEKEEPING_QUEUE],
        hostname=f"embedded@{socket.gethostname()}",
        without_heartbeat=True,
        without_mingle=True,
        without_gossip=True,
        loglevel=logging.INFO,
    )
    thread = threading.Thread(target=worker.start, name="oasis-embedded-worker", daemon=True)
    thread.start()
    return thread


def _periodic(stop: threading.Event) -> None:
    """What ``celery beat`` does elsewhere, run on this thread of its own: a backlog of tasks in the
    worker never delays it."""
    from django.db import connection

    from oasis.images.tasks import recover_images
    from oasis.tasks.tasks import recover_tasks, sweep_containers, sweep_storage

    intervals = {
        recover_tasks: float(settings.OASIS_RECOVERY_INTERVAL_S),
        sweep_containers: float(settings.OASIS_CONTAINER_SWEEP_S),
        sweep_storage: float(settings.OASIS_STORAGE_SWEEP_S),
        recover_images: 60.0,
    }
    due = dict.fromkeys(intervals, 0.0)
    elapsed = 0.0
    tick = 1.0
    while not stop.wait(tick):
        elapsed += tick
        for job, every in intervals.items():
            if elapsed >= due[job]:
                due[job] = elapsed + every
                try:
                    job.run()
                except Exception:
                    log.exception("Periodic %s failed", job.name)
                finally:
                    connection.close()


def start() -> threading.Event:
    """Start the worker, enqueue again what a restart left behind, and start the periodic jobs."""
    from oasis.tasks.tasks import requeue_queued, sweep_storage

    try:
        sweep_storage.run()  # what a crash left behind (upload temp files, blobs without a dataset)
    except Exception:
        log.exception("Sweeping storage at start failed")
    start_worker()
    count = requeue_queued()
    if count:
        log.info("Enqueued %d task(s) again that were waiting before the restart", count)
    global _periodic_stop
    stop = _periodic_stop = threading.Event()
    threading.Thread(target=_periodic, args=(stop,), name="oasis-periodic", daemon=True).start()
    return stop


def shutdown(*, grace_s: float) -> list[int]:
    """The server is stopping (SIGTERM, see ``serve``): take no more tasks, give the ones running
    here at most ``grace_s`` to end, then hand the rest back (``lease.hand_back``). Their
    containers keep running and the next start reattaches to them. Returns the ids handed back."""
    from oasis.tasks import lease

    if _periodic_stop is not None:
        _periodic_stop.set()
    if _worker is not None:
        # It stops consuming at once; then its pool waits for the running tasks: not on this thread.
        threading.Thread(target=_worker.stop, name="oasis-worker-stop", daemon=True).start()
    deadline = time.monotonic() + grace_s
    while lease.executing_here() and time.monotonic() < deadline:
        time.sleep(0.2)
    return lease.hand_back()
