"""Resource samples from the real engine while a container runs (CPU and memory over the run)."""

from __future__ import annotations

import dataclasses
import threading
import time

import pytest

from oasis.tasks.resources import MAX_POINTS, ResourceRecorder
from runners.base import ResourceSample
from runners.docker import _StatsSampler, resource_sample
from tests.runners.fakes import Recorder, make_job, sh

V2 = {
    "cpu_stats": {
        "cpu_usage": {"total_usage": 3_000_000_000},
        "system_cpu_usage": 20_000_000_000,
        "online_cpus": 2,
    },
    "precpu_stats": {"cpu_usage": {"total_usage": 2_000_000_000}, "system_cpu_usage": 18_000_000_000},
    "memory_stats": {"usage": 50_000_000, "stats": {"inactive_file": 10_000_000}},
}


@pytest.mark.docker
def test_a_busy_container_reports_cpu_and_memory(runner, busybox_image, task_id):
    samples: list[ResourceSample] = []
    recorder = Recorder()
    callbacks = dataclasses.replace(recorder.callbacks, on_stats=samples.append)
    # ~40 MB held in a shell variable while a second CPU loop runs for 3 s.
    script = "x=$(head -c 40000000 /dev/zero | tr '\\0' a); timeout 3 sh -c 'while :; do :; done'; echo ${#x}"

    outcome = runner.run(make_job(task_id, busybox_image, sh(script), memory_mb=256), callbacks)

    assert outcome.exit_code == 0, recorder.logs.stderr
    assert recorder.logs.stdout == b"40000000\n"
    assert len(samples) >= 2
    assert max(s.memory_bytes for s in samples) > 30_000_000
    assert max(s.cpu_percent for s in samples) > 20
    assert [s.seconds for s in samples] == sorted(s.seconds for s in samples)


def test_stats_of_both_cgroup_versions():
    v2 = V2
    assert resource_sample(v2, seconds=1.234) == ResourceSample(
        seconds=1.23, cpu_percent=100.0, memory_bytes=40_000_000
    )
    v1 = {**v2, "memory_stats": {"usage": 50_000_000, "stats": {"total_inactive_file": 5_000_000}}}
    assert resource_sample(v1, seconds=0).memory_bytes == 45_000_000
    assert resource_sample({"read": "0001-01-01"}, seconds=0) is None


def test_a_long_run_keeps_a_bounded_evenly_spread_series():
    recorder = ResourceRecorder()
    for i in range(5000):
        recorder(ResourceSample(seconds=float(i), cpu_percent=1.0, memory_bytes=i))
    kept = recorder.as_json()
    assert len(kept["samples"]) <= MAX_POINTS
    assert kept["peak_memory_bytes"] == 4999
    gaps = {b[0] - a[0] for a, b in zip(kept["samples"], kept["samples"][1:], strict=False)}
    assert len(gaps) == 1  # evenly spread


def test_stopping_the_sampler_waits_for_no_sample_and_none_comes_after():
    """A task's end does not wait for the engine's next stats entry (B1 paid up to 2 s per task), and
    the samples end at ``stop`` even though the stream's reader is still blocked."""
    release = threading.Event()

    class Engine:  # the engine's stats stream: one entry, then a read that blocks
        def stats(self, container_id, stream, decode):
            yield V2
            release.wait(10)
            yield V2

    samples: list[ResourceSample] = []
    sampler = _StatsSampler(Engine(), "c0ffee", samples.append)
    deadline = time.monotonic() + 5
    while not samples and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    sampler.stop()
    assert time.monotonic() - started < 0.5
    release.set()
    sampler._thread.join(5)
    assert len(samples) == 1
