"""What a task's container used while it ran: CPU and memory samples, kept with the task.

The runner reports a sample about once a second (``runners.base.ResourceSample``). A long run keeps
at most ``MAX_POINTS`` of them, evenly spread (every other one is dropped each time the list fills),
and the peak memory of all of them, so a user can size an algorithm's limits.
"""

from __future__ import annotations

import logging
import threading

from runners.base import ResourceSample

from .models import AlgorithmTask

log = logging.getLogger(__name__)

MAX_POINTS = 300


class ResourceRecorder:
    """The ``Callbacks.on_stats`` of one execution."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._samples: list[ResourceSample] = []
        self._stride = 1
        self._seen = 0
        self.peak_memory_bytes = 0

    def __call__(self, sample: ResourceSample) -> None:
        with self._lock:
            self.peak_memory_bytes = max(self.peak_memory_bytes, sample.memory_bytes)
            if self._seen % self._stride == 0:
                self._samples.append(sample)
                if len(self._samples) > MAX_POINTS:
                    self._samples = self._samples[::2]
                    self._stride *= 2
            self._seen += 1

    def as_json(self) -> dict:
        with self._lock:
            return {
                "samples": [[s.seconds, s.cpu_percent, s.memory_bytes] for s in self._samples],
                "peak_memory_bytes": self.peak_memory_bytes,
            }

    def save(self, task_id: int) -> None:
        """Keep the samples with the task (best effort: they are not worth failing a task for)."""
        if not self._seen:
            return
        try:
            AlgorithmTask.objects.filter(pk=task_id).update(resources=self.as_json())
        except Exception:
            log.exception("Keeping the resource samples of task %s failed", task_id)
