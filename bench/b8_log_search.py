"""B8 whole-log search: the first page of ``logSearch`` matches over a task's stored 1M-line log.

A container prints N lines of B2's shape ("line 00000001 abcdefghijklmnopqrstuvwxyz", 41 bytes with the
newline: 41 MB at 1M lines, under the 50 MB log cap) once; then each query is sent ``reps`` times over
HTTP and timed from the request to the parsed answer (the server reads and counts the whole log every
time): a rare plain text (one match), a rare text in another case, a regular expression matching one
line in a hundred, and a plain text on every line (the worst case for counting). ``grep -c`` over the
same lines in a file is the raw baseline. Target: the first page under 300 ms for the rare queries.
"""

from __future__ import annotations

import asyncio
import subprocess
import tempfile
import time
from pathlib import Path

from bench.b2_logs import TEMPLATE, script, verify
from bench.results import Row, Stat, fmt_stat, say
from bench.stack import Oasis, Watcher, check_succeeded

TARGET_MS = 300.0

SEARCH = """query($id: ID!, $q: String!, $regex: Boolean!) { task(id: $id) {
  logSearch(query: $q, regex: $regex, first: 100) { totalCount matches { index stream text } nextAfter } } }"""


def queries(lines: int) -> list[tuple[str, str, bool, int, bool]]:
    """(label, query, regex, expected totalCount, held to the target)."""
    middle = lines // 2
    return [
        ("plain, 1 match", f"line {middle:08d} ", False, 1, True),
        ("plain, other case, 1 match", f"LINE {middle:08d} ", False, 1, True),
        ("regex, 1 line in 100", r"line \d{6}42 ", True, lines // 100, True),
        ("plain, every line", "abc", False, lines, False),
    ]


async def _make_log(env: Oasis, lines: int) -> str:
    algorithm = env.algorithm(f"awk '{script(lines)}'")
    async with Watcher(env) as watcher:
        status, _, task_id = await watcher.run(algorithm, timeout=900)
    check_succeeded(env, task_id, status)
    verify(env, task_id, lines)
    return task_id


def _grep_baseline(lines: int, query: str, reps: int) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.txt"
        with open(path, "w") as file:
            for i in range(1, lines + 1):
                file.write(TEMPLATE % i + "\n")
        times = []
        for _ in range(reps):
            started = time.perf_counter()
            subprocess.run(["grep", "-c", "-i", query, str(path)], stdout=subprocess.DEVNULL, check=False)
            times.append(time.perf_counter() - started)
        return times


def run(env: Oasis, *, lines: int, reps: int) -> list[Row]:
    say(f"B8 log search ({env.mode}): {lines:,} stored lines, {reps} searches per query")
    task_id = asyncio.run(_make_log(env, lines))
    rows = []
    grep = Stat(_grep_baseline(lines, f"line {lines // 2:08d} ", reps))
    for label, query, is_regex, expected, held in queries(lines):
        env.client.data(SEARCH, {"id": task_id, "q": query, "regex": is_regex})  # warm-up
        times = []
        for _ in range(reps):
            started = time.perf_counter()
            result = env.client.data(SEARCH, {"id": task_id, "q": query, "regex": is_regex})
            times.append(time.perf_counter() - started)
            found = result["task"]["logSearch"]
            if found["totalCount"] != expected or not found["matches"]:
                raise AssertionError(f"B8 {label}: {found['totalCount']} matches, {expected} expected")
        stat = Stat(times)
        value, spread = fmt_stat(stat, "ms", 1000)
        rows.append(
            Row(
                "B8",
                env.mode,
                f"logSearch first page, {lines // 1000}k lines: {label}",
                value,
                spread=spread,
                baseline=f"grep -c -i {fmt_stat(grep, 'ms', 1000)[0]}",
                target=f"< {TARGET_MS:.0f} ms" if held else "",
                met=stat.median * 1000 < TARGET_MS if held else None,
                data={"search": stat.summary(), "grep": grep.summary(), "query": query, "regex": is_regex},
            )
        )
    return rows
