"""B7 result reuse: a run whose spec and input content match an earlier SUCCEEDED run completes at once.

The algorithm writes an output file and a log line, like a real one. Each repetition runs it for real
(``reuse: false``: a container starts) and then again with ``reuse: true`` (the earlier result is taken:
no container); both are timed from the ``runAlgorithm`` request to SUCCEEDED seen on ``taskUpdates``,
alternating so a busy spell hits both. ``docker run --rm`` of the same command is the raw baseline.
Targets: a reused run under 100 ms and under 0.2x of a real run.
"""

from __future__ import annotations

import asyncio
import statistics
import time

from bench.engine import docker_run_argv, time_cli
from bench.results import Row, Stat, fmt_stat, say
from bench.stack import Oasis, Watcher, check_succeeded

TARGET_MS = 100.0
TARGET_RATIO = 0.2
COMMAND = "/bin/sh -c 'echo computing; echo result > output/result.txt'"


async def _measure(env: Oasis, reps: int) -> tuple[list[float], list[float], list[float]]:
    algorithm = env.algorithm(COMMAND, cacheResults=True)
    real, reused, raw = [], [], []
    async with Watcher(env) as watcher:
        status, _, _ = await watcher.run(algorithm)  # warm-up: the image, the first result
        for _ in range(reps):
            status, seconds, task_id = await _timed(watcher, algorithm, reuse=False)
            check_succeeded(env, task_id, status)
            real.append(seconds)
            status, seconds, task_id = await _timed(watcher, algorithm, reuse=True)
            check_succeeded(env, task_id, status)
            if env.client.task(task_id)["reusedFrom"] is None:
                raise RuntimeError(f"task {task_id} ran instead of reusing a result")
            reused.append(seconds)
            raw.append(await asyncio.to_thread(time_cli, docker_run_argv("/bin/sh", "-c", "echo computing")))
    return real, reused, raw


async def _timed(watcher: Watcher, algorithm: str, *, reuse: bool) -> tuple[str, float, str]:
    started = time.perf_counter()
    task_id = await watcher.submit(algorithm, reuse=reuse)
    status, seen = await watcher.finish(task_id, timeout=300)
    return status, seen - started, task_id


def run(env: Oasis, *, reps: int) -> list[Row]:
    say(f"B7 result reuse ({env.mode}): {reps} real and {reps} reused runs")
    real, reused, raw = asyncio.run(_measure(env, reps))
    real_s, reused_s, raw_s = Stat(real), Stat(reused), Stat(raw)
    ratio = statistics.median(reused) / statistics.median(real)
    met = reused_s.median * 1000 < TARGET_MS and ratio < TARGET_RATIO
    value, spread = fmt_stat(reused_s, "ms", 1000)
    return [
        Row(
            "B7",
            env.mode,
            "reused run, submit -> SUCCEEDED seen (ratio: to a real run of it)",
            value,
            spread=spread,
            baseline=f"real run {fmt_stat(real_s, 'ms', 1000)[0]}; docker run {fmt_stat(raw_s, 'ms', 1000)[0]}",
            ratio=round(ratio, 3),
            target=f"< {TARGET_MS:.0f} ms and < {TARGET_RATIO}x",
            met=met,
            data={"real": real_s.summary(), "reused": reused_s.summary(), "docker_run": raw_s.summary()},
        )
    ]
