"""B4 concurrency: N tasks (`true`) submitted at once -> all SUCCEEDED seen on ``taskUpdates``, with
worker concurrency = cores, against the same N containers through ``xargs -P <cores> docker run``.

"At once": every ``runAlgorithm`` is sent without waiting for the previous task (8 requests in flight).
None may be lost: each task id must be seen finishing, and SUCCEEDED.
"""

from __future__ import annotations

import asyncio
import time

from bench.engine import CORES, IMAGE, RAW_LABEL, time_cli
from bench.results import Row, Stat, fmt_stat, say
from bench.stack import KILLED, Oasis, Watcher

TARGET = 1.5
IN_FLIGHT = 8


async def _oasis(env: Oasis, tasks: int) -> tuple[float, dict[str, int]]:
    algorithm = env.algorithm("true")
    async with Watcher(env) as watcher:
        started = time.perf_counter()
        gate = asyncio.Semaphore(IN_FLIGHT)

        async def submit() -> str:
            async with gate:
                return await watcher.submit(algorithm)

        ids = await asyncio.gather(*(submit() for _ in range(tasks)))
        submitted = time.perf_counter() - started
        ends = [await watcher.finish(task_id, timeout=1800) for task_id in ids]
    statuses: dict[str, int] = {}
    for task_id, (status, _) in zip(ids, ends, strict=True):
        if status != "SUCCEEDED" and env.client.task(task_id)["failureReason"] == KILLED:
            status = "killed from outside"
        statuses[status] = statuses.get(status, 0) + 1
    say(f"  {tasks} submitted in {submitted:.1f} s; statuses {statuses}")
    return max(seen for _, seen in ends) - started, statuses


def raw(tasks: int) -> float:
    command = (
        f"seq {tasks} | xargs -P {CORES} -I{{}} docker run --rm --label {RAW_LABEL} {IMAGE} true > /dev/null"
    )
    return time_cli(command, shell=True)


def run(env: Oasis, *, tasks: int = 200, reps: int = 1) -> list[Row]:
    say(f"B4 concurrency ({env.mode}): {tasks} tasks at once, {CORES} at a time; {reps} run(s)")
    oasis, baseline, lost, killed = [], [], 0, 0
    for _ in range(reps):
        seconds, statuses = asyncio.run(_oasis(env, tasks))
        oasis.append(seconds)
        lost += tasks - statuses.get("SUCCEEDED", 0) - statuses.get("killed from outside", 0)
        killed += statuses.get("killed from outside", 0)
        baseline.append(raw(tasks))
        say(f"  OASIS {seconds:.1f} s, xargs docker run {baseline[-1]:.1f} s")
    oasis_s, raw_s = Stat(oasis), Stat(baseline)
    value, spread = fmt_stat(oasis_s, "s")
    ratio = oasis_s.median / raw_s.median
    return [
        Row(
            "B4",
            env.mode,
            f"{tasks} tasks at once, all SUCCEEDED ({lost} lost or failed"
            + (f", {killed} killed from outside" if killed else "")
            + "), "
            f"{tasks / oasis_s.median:.1f} tasks/s",
            value,
            spread if reps > 1 else "",
            fmt_stat(raw_s, "s")[0],
            ratio,
            f"<= {TARGET}, none lost",
            ratio <= TARGET and lost == 0,
            {
                "tasks": tasks,
                "oasis": oasis_s.summary(),
                "xargs": raw_s.summary(),
                "lost": lost,
                "killed": killed,
            },
        )
    ]
