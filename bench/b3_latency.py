"""B3 live latency: a line printed in the container -> the line received by ``taskLogs`` subscribers,
at 1, 10 and 100 subscribers (one websocket each) while the task prints 100 lines/s.

The subscribers ask for what the dashboard asks for: each batch's lines as ``runs`` (a few objects per
batch). At the largest count the same is measured once more with one object per line (``lines``), the
form a simple client may choose, for information.

The container stamps each line with the wall clock it reads through ``adjtimex`` (microseconds; the
container shares the host's kernel clock, and busybox ``date`` has no %N) and paces itself against
that clock. The subscriber stamps each websocket message when it arrives, before decoding it. The
baseline is the same container under ``docker run`` with its stdout read through a pipe.

Every subscriber must end with the complete log (``done: true``, every index once). The first lines
of each run are a warm-up and not counted.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import time

from bench.engine import docker_run_argv
from bench.results import Row, Stat, fmt, say
from bench.stack import REDIS, Oasis, Watcher, again_if_killed, check_succeeded
from oasis_testing.client import TASK_LOGS, TASK_LOGS_RUNS, Subscriptions

TARGET_MS = 250
RATE = 100
START_DELAY_S = 2.0
WARMUP_LINES = 20

PROGRAM = (
    'function now(  l, a) { while ((cmd | getline l) > 0) { split(l, a, " "); '
    'if (a[1] == "time.tv_sec:") s = a[2]; else if (a[1] == "time.tv_usec:") u = a[2] } close(cmd) } '
    'BEGIN { cmd = "adjtimex"; system("sleep %(delay)s"); now(); t0 = s + u / 1000000; '
    'for (i = 0; i < %(lines)d; i++) { now(); printf "%%d %%d.%%06d\\n", i, s, u; fflush(); '
    'd = t0 + (i + 1) / %(rate)d - (s + u / 1000000); if (d > 0) system(sprintf("sleep %%.6f", d)) } }'
)


def program(lines: int, delay: float = START_DELAY_S) -> str:
    return PROGRAM % {"lines": lines, "rate": RATE, "delay": delay}


class StampedSubscriptions(Subscriptions):
    """Records when each websocket message arrived, before it is decoded."""

    async def _read(self) -> None:
        async for raw in self.ws:
            arrived = time.time()
            message = json.loads(raw)
            if message.get("type") == "ping":
                await self.ws.send(json.dumps({"type": "pong"}))
            elif message.get("id") in self.queues:
                message["arrived"] = arrived
                await self.queues[message["id"]].put(message)


class Joined:
    """Counts subscribers that have sent their subscription; ``wait`` returns once all have."""

    def __init__(self, expected: int):
        self.expected = expected
        self.count = 0
        self.event = asyncio.Event()

    def add(self) -> None:
        self.count += 1
        if self.count >= self.expected:
            self.event.set()

    async def wait(self, timeout: float) -> None:
        await asyncio.wait_for(self.event.wait(), timeout)


def parse(text: str) -> tuple[int, float]:
    """``(index, stamp)`` of a printed line; anything else in the log is an error of the scenario."""
    try:
        index, stamp = text.split()
        return int(index), float(stamp)
    except ValueError:
        raise AssertionError(f"unexpected line in the log: {text!r}") from None


def batch_lines(batch: dict) -> list[tuple[int, str]]:
    """``(index, text)`` of each line of a ``taskLogs`` batch, in either form."""
    if "runs" not in batch:
        return [(line["index"], line["text"]) for line in batch["lines"]]
    texts = [text for run in batch["runs"] for text in run["text"].split("\n")]
    return list(enumerate(texts, batch["fromLine"]))


async def follow(env: Oasis, task_id: str, joined: Joined, form: str = "runs") -> tuple[list[float], int]:
    """Latencies (s) of the lines this subscriber received, and how many; checks the log is whole."""
    latencies, indexes = [], []
    async with StampedSubscriptions(env.stack.ws_url, env.token) as ws:
        op = await ws.subscribe(TASK_LOGS_RUNS if form == "runs" else TASK_LOGS, {"id": task_id, "from": 0})
        joined.add()
        queue = ws.queues[op]
        while True:
            message = await asyncio.wait_for(queue.get(), 120)
            if message["type"] != "next" or message["payload"].get("errors"):
                raise RuntimeError(f"the subscription ended: {message}")
            batch = message["payload"]["data"]["taskLogs"]
            for line_index, text in batch_lines(batch):
                index, stamp = parse(text)
                indexes.append(line_index)
                if index >= WARMUP_LINES:
                    latencies.append(message["arrived"] - stamp)
            if batch["done"]:
                break
    if indexes != list(range(len(indexes))):
        raise AssertionError("a subscriber saw a gap or a duplicate")
    return latencies, len(indexes)


async def _one_run(
    env: Oasis, watcher: Watcher, algorithm: str, subscribers: int, lines: int, form: str
) -> list[float]:
    task_id = await watcher.submit(algorithm)
    joined = Joined(subscribers)
    followers = [asyncio.create_task(follow(env, task_id, joined, form)) for _ in range(subscribers)]
    try:
        await joined.wait(60)
        got = await asyncio.gather(*followers)
    finally:
        for follower in followers:
            follower.cancel()
    status, _ = await watcher.finish(task_id, timeout=60)
    check_succeeded(env, task_id, status)
    for _, count in got:
        if count != lines:
            raise AssertionError(f"a subscriber got {count} of {lines} lines")
    return [x for latencies, _ in got for x in latencies]


async def _measure(
    env: Oasis, subscribers: int, reps: int, lines: int, form: str = "runs"
) -> list[list[float]]:
    algorithm = env.algorithm(f"awk '{program(lines)}'")
    runs = []
    async with Watcher(env) as watcher:
        for _ in range(reps):
            runs.append(
                await again_if_killed(lambda: _one_run(env, watcher, algorithm, subscribers, lines, form))
            )
    return runs


#: What the Celery broker and beat use on Redis, not the channel layer.
_BROKER_COMMANDS = {"brpop", "lpush", "rpush", "llen", "lrange", "lrem", "lpop", "rpop", "zrem"}
_BROKER_COMMANDS |= {"zrangebyscore", "sadd", "smembers", "srem", "hset", "hdel", "hget", "setex", "del"}
_BROKER_COMMANDS |= {"info", "ping", "client|setinfo", "client|list", "multi", "exec", "select", "hello"}


def _channel_layer_calls(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    """Redis calls during a benchmark that the channel layer made (the broker's left out)."""
    calls = {k: v - before.get(k, 0) for k, v in after.items() if v > before.get(k, 0)}
    return {k: v for k, v in calls.items() if k not in _BROKER_COMMANDS}


def raw_latencies(lines: int) -> list[float]:
    """The same container under ``docker run``; its stdout read through a pipe and stamped."""
    out = []
    with subprocess.Popen(docker_run_argv("awk", program(lines, delay=0.5)), stdout=subprocess.PIPE) as proc:
        for raw in proc.stdout:
            arrived = time.time()
            index, stamp = raw.split()
            if int(index) >= WARMUP_LINES:
                out.append(arrived - float(stamp))
    if proc.returncode != 0:
        raise RuntimeError(f"docker run exited {proc.returncode}")
    return out


def run(
    env: Oasis,
    *,
    subscribers: list[int],
    reps: int = 5,
    lines: int = 300,
    layer: str | None = None,
    per_line_form: bool = True,
) -> list[Row]:
    """The latency at each subscriber count (``runs``), and at the largest also with ``lines`` (info)."""
    if layer is None:
        layer = "pubsub" if env.mode == "distributed" else "in-memory"
    raw = Stat(raw_latencies(lines))
    say(f"  raw docker attach: median {raw.median * 1000:.1f} ms, p99 {raw.p(99) * 1000:.1f} ms")
    rows = []
    cases = [(count, "runs") for count in subscribers]
    if per_line_form and subscribers:
        cases.append((max(subscribers), "lines"))
    for count, form in cases:
        say(
            f"B3 live latency ({env.mode}, {layer} layer, {form}): {count} subscriber(s), "
            f"{reps} runs of {lines} lines"
        )
        before = REDIS.commands() if env.mode == "distributed" else {}
        runs = asyncio.run(_measure(env, count, reps, lines, form))
        redis_calls = _channel_layer_calls(before, REDIS.commands()) if before else {}
        pooled = Stat([x for run in runs for x in run])
        p99s = [Stat(run).p(99) * 1000 for run in runs]
        p99 = pooled.p(99) * 1000
        targeted = count >= 100 and form == "runs"
        described = "" if form == "runs" else ", one object per line (`lines`)"
        rows.append(
            Row(
                "B3",
                env.mode,
                f"line -> {count} subscriber(s), {RATE} lines/s, {layer} layer{described}: median / p99",
                f"{fmt(pooled.median * 1000, 'ms')} / {fmt(p99, 'ms')}",
                f"p99 per run {fmt(min(p99s), 'ms')} - {fmt(max(p99s), 'ms')}",
                f"{fmt(raw.median * 1000, 'ms')} / {fmt(raw.p(99) * 1000, 'ms')}",
                None,
                f"p99 <= {TARGET_MS} ms" if targeted else "(info)",
                p99 <= TARGET_MS if targeted else None,
                {
                    "subscribers": count,
                    "form": form,
                    "layer": layer,
                    "samples": len(pooled.values),
                    "median_ms": pooled.median * 1000,
                    "p90_ms": pooled.p(90) * 1000,
                    "p99_ms": p99,
                    "max_ms": pooled.high * 1000,
                    "p99_per_run_ms": p99s,
                    "raw_median_ms": raw.median * 1000,
                    "raw_p99_ms": raw.p(99) * 1000,
                    "redis_commands": redis_calls,
                },
            )
        )
        say(f"  {rows[-1].value} ({len(pooled.values)} samples)")
    return rows
