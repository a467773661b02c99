"""Peak memory of process trees (``RssSampler``) and what the machine is (``machine``)."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from pathlib import Path

from bench.engine import CORES, docker_client

#: How often the sampler finds the process trees again (a worker's pool children come and go).
TREE_REFRESH_S = 1.0


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def process_tree(root: int) -> list[int]:
    tree = _children()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += tree.get(pid, [])
    return out


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class RssSampler(threading.Thread):
    """Samples the VmRSS of whole process trees every ``interval`` s; also reads each process's VmHWM.

    The trees (a walk of all of /proc) are found again every ``TREE_REFRESH_S`` and at each step, not
    at every sample: the walk took the benchmark's own process long enough, every 50 ms, to slow the
    client threads it shares the GIL with (B5's resumable upload: 325 MB/s with it, 400-413 without).

    ``peaks()`` gives, per tree: the peak of the tree's summed RSS, the peak RSS of its largest
    single process (sampled, and the kernel's high-water mark VmHWM, which misses nothing), and the
    RSS at the start.
    """

    def __init__(self, roots: dict[str, int], interval: float = 0.05):
        super().__init__(daemon=True, name="rss-sampler")
        self.roots = roots
        self.interval = interval
        self._halt = threading.Event()
        self.tree_peak = dict.fromkeys(roots, 0)
        self.proc_peak = dict.fromkeys(roots, 0)
        self.start_rss: dict[str, int] = {}
        self.hwm = dict.fromkeys(roots, 0)
        #: Peak (largest process's VmHWM) per step and tree, in kB; see ``step``.
        self.steps: dict[str, dict[str, int]] = {}
        self._step: str | None = None
        self._lock = threading.Lock()
        self._trees: dict[str, list[int]] = {}
        self._trees_at = float("-inf")

    def step(self, name: str) -> None:
        """From now on, peaks also count for step ``name``; the kernel's high-water marks are reset."""
        with self._lock:
            self._sample()
            for root in self.roots.values():
                for pid in process_tree(root):
                    with contextlib.suppress(OSError):
                        Path(f"/proc/{pid}/clear_refs").write_text("5")  # resets VmHWM (root only)
            self._step = name
            self.steps[name] = dict.fromkeys(self.roots, 0)
            self._trees_at = float("-inf")  # the trees as they are now

    def _sample(self) -> None:
        now = time.monotonic()
        if now >= self._trees_at + TREE_REFRESH_S:  # walking /proc is the expensive part
            self._trees = {name: process_tree(root) for name, root in self.roots.items()}
            self._trees_at = now
        for name, pids in self._trees.items():
            sizes = [_status_kb(pid, "VmRSS") for pid in pids]
            total = sum(sizes)
            hwm = max([_status_kb(pid, "VmHWM") for pid in pids] + sizes)
            self.start_rss.setdefault(name, total)
            self.tree_peak[name] = max(self.tree_peak[name], total)
            self.proc_peak[name] = max(self.proc_peak[name], max(sizes, default=0))
            self.hwm[name] = max(self.hwm[name], hwm)
            if self._step is not None:
                self.steps[self._step][name] = max(self.steps[self._step][name], hwm)

    def run(self) -> None:
        while not self._halt.is_set():
            with self._lock:
                self._sample()
            self._halt.wait(self.interval)

    def stop(self) -> dict[str, dict[str, float]]:
        self._halt.set()
        self.join()
        self._sample()
        return {
            name: {
                "tree_peak_mb": self.tree_peak[name] / 1024,
                "process_peak_mb": self.proc_peak[name] / 1024,
                "process_hwm_mb": self.hwm[name] / 1024,
                "tree_start_mb": self.start_rss.get(name, 0) / 1024,
                "steps_hwm_mb": {step: peaks[name] / 1024 for step, peaks in self.steps.items()},
            }
            for name in self.roots
        }


def machine() -> dict:
    """Cores, memory, CPU model, kernel and engine version, and how busy the machine was."""
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_kb = _status_meminfo("MemTotal")
    engine = ""
    with contextlib.suppress(Exception):
        client = docker_client()
        engine = client.version().get("Version", "")
        client.close()
    return {
        "cores": CORES,
        "memory_gb": round(memory_kb / 2**20, 1),
        "cpu": cpu,
        "kernel": os.uname().release,
        "docker": engine,
        "python": sys.version.split()[0],
        "load_average": os.getloadavg(),
    }


def _status_meminfo(key: str) -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0
