"""B2 log throughput: a container printing N lines of 40 characters (41 bytes with the newline)
-> SUCCEEDED with every line stored, against ``docker run ... > /dev/null`` of the same command.

Each task is checked: ``logLineCount`` is exactly N and the last stored line is the last printed one.
Time per line across 100k / 1M / 2M lines shows whether the cost grows faster than the log.
"""

from __future__ import annotations

import asyncio

from bench.engine import docker_run_argv, time_cli
from bench.results import Row, Stat, fmt, fmt_stat, say
from bench.stack import Oasis, Watcher, again_if_killed, check_succeeded

TARGET = 1.5
#: "line 00000001 abcdefghijklmnopqrstuvwxyz" - 40 characters.
TEMPLATE = "line %08d abcdefghijklmnopqrstuvwxyz"


def script(lines: int) -> str:
    return f'BEGIN {{ for (i = 1; i <= {lines}; i++) printf "{TEMPLATE}\\n", i }}'


def verify(env: Oasis, task_id: str, lines: int) -> None:
    task = env.client.task(task_id)
    if task["logLineCount"] != lines:
        raise AssertionError(f"task {task_id}: {task['logLineCount']} lines stored, {lines} printed")
    last = env.client.log_lines(task_id, from_line=lines - 1, limit=1)
    if [x["text"] for x in last] != [TEMPLATE % lines]:
        raise AssertionError(f"task {task_id}: the last stored line is {last}")


async def _measure(env: Oasis, lines: int, reps: int, warmup: int) -> tuple[list[float], list[float]]:
    algorithm = env.algorithm(f"awk '{script(lines)}'")
    oasis, raw = [], []
    async with Watcher(env) as watcher:
        for i in range(warmup + reps):

            async def once():
                status, seconds, task_id = await watcher.run(algorithm, timeout=900)
                check_succeeded(env, task_id, status)
                verify(env, task_id, lines)
                return seconds

            seconds = await again_if_killed(once)
            # Off the loop: the watcher's websocket must keep answering the server's pings meanwhile
            # (a 2M-line baseline that blocked the loop for 30 s got it closed).
            baseline = await asyncio.to_thread(time_cli, docker_run_argv("awk", script(lines)))
            if i >= warmup:
                oasis.append(seconds)
                raw.append(baseline)
    return oasis, raw


def run(env: Oasis, *, sizes: list[int], reps: int = 5, warmup: int = 1) -> list[Row]:
    rows = []
    for lines in sizes:
        say(f"B2 log throughput ({env.mode}): {lines:,} lines, {warmup} warm-up + {reps} runs")
        oasis, raw = (
            Stat(x) for x in asyncio.run(_measure(env, lines, reps, warmup if lines == sizes[0] else 0))
        )
        value, spread = fmt_stat(oasis, "s")
        ratio = oasis.median / raw.median
        per_line = oasis.median / lines * 1e6
        rows.append(
            Row(
                "B2",
                env.mode,
                f"{lines:,} lines -> SUCCEEDED, all stored ({fmt(per_line, 'us')}/line, "
                f"{lines / oasis.median / 1000:.0f}k lines/s)",
                value,
                spread,
                fmt_stat(raw, "s")[0],
                ratio,
                f"<= {TARGET}",
                ratio <= TARGET,
                {
                    "lines": lines,
                    "oasis": oasis.summary(),
                    "docker_cli": raw.summary(),
                    "us_per_line": per_line,
                },
            )
        )
        say(f"  {rows[-1].case}: {value} vs {rows[-1].baseline} (ratio {ratio:.2f})")
    per_line = [r.data["us_per_line"] for r in rows]
    if len(per_line) > 1:
        growth = per_line[-1] / per_line[0]
        rows.append(
            Row(
                "B2",
                env.mode,
                f"time per line, {sizes[-1]:,} vs {sizes[0]:,} lines (1.0 = linear)",
                f"{growth:.2f}x",
                target="no quadratic growth (<= 1.5x)",
                met=growth <= 1.5,
                data={"us_per_line": per_line},
            )
        )
    return rows
