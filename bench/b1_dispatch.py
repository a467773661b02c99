"""B1 dispatch overhead: ``runAlgorithm`` -> SUCCEEDED seen on ``taskUpdates``, for a container that
exits at once, against ``docker run --rm <image> true`` (the CLI) and the docker-py calls a program
would make (create, start, wait, remove).

OASIS and the baselines alternate within each repetition, so a busy spell hits both alike. The API's
timestamps of each task split OASIS's time into: the mutation (submit -> queued), getting the
container going (queued -> started: Celery pick-up, image check, create, inputs, attach, start), the
run and clean-up (started -> finished: the container, its exit, outputs, removal) and the live
event (finished -> seen by the subscriber).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from datetime import datetime

from bench.engine import IMAGE, RAW_LABEL, docker_client, time_cli
from bench.results import Row, Stat, fmt_stat, say
from bench.stack import Oasis, Watcher, again_if_killed, check_succeeded

TARGET = 1.3


def raw_sdk(client) -> float:
    """docker-py create, start, wait, remove of ``true``: the calls a program would make."""
    started = time.perf_counter()
    container = client.api.create_container(IMAGE, ["true"], labels={RAW_LABEL.split("=")[0]: "raw"})
    try:
        client.api.start(container)
        client.api.wait(container)
    finally:
        client.api.remove_container(container, force=True)
    return time.perf_counter() - started


def _stamp(value: str | None) -> float | None:
    return datetime.fromisoformat(value).timestamp() if value else None


def phases(env: Oasis, task_ids: list[str], submitted: dict[str, float], seen: dict[str, float]) -> dict:
    """Median seconds of each phase of the tasks, from the API's timestamps."""
    parts: dict[str, list[float]] = {"submit->queued": [], "queued->started": [], "started->finished": []}
    parts["finished->seen"] = []
    for task_id in task_ids:
        task = env.client.task(task_id)
        queued, started, finished = (_stamp(task[k]) for k in ("queuedAt", "startedAt", "finishedAt"))
        parts["submit->queued"].append(queued - submitted[task_id])
        parts["queued->started"].append(started - queued)
        parts["started->finished"].append(finished - started)
        parts["finished->seen"].append(seen[task_id] - finished)
    return {name: statistics.median(values) for name, values in parts.items()}


async def _measure(env: Oasis, reps: int, warmup: int) -> dict:
    algorithm = env.algorithm("true")
    client = docker_client()
    oasis, cli, sdk = [], [], []
    submitted: dict[str, float] = {}
    seen: dict[str, float] = {}
    ids: list[str] = []
    try:
        async with Watcher(env) as watcher:
            for i in range(warmup + reps):

                async def once():
                    wall = time.time()
                    status, seconds, task_id = await watcher.run(algorithm, timeout=120)
                    check_succeeded(env, task_id, status)
                    return wall, seconds, task_id

                wall, seconds, task_id = await again_if_killed(once)
                raw_cli = await asyncio.to_thread(
                    time_cli, ["docker", "run", "--rm", "--label", RAW_LABEL, IMAGE, "true"]
                )
                raw_py = await asyncio.to_thread(raw_sdk, client)
                if i >= warmup:
                    oasis.append(seconds)
                    cli.append(raw_cli)
                    sdk.append(raw_py)
                    ids.append(task_id)
                    submitted[task_id] = wall
                    seen[task_id] = wall + seconds
    finally:
        client.close()
    return {"oasis": oasis, "cli": cli, "sdk": sdk, "phases": phases(env, ids, submitted, seen)}


def run(env: Oasis, *, reps: int = 7, warmup: int = 2) -> list[Row]:
    say(f"B1 dispatch overhead ({env.mode}): {warmup} warm-up + {reps} runs of `true`")
    got = asyncio.run(_measure(env, reps, warmup))
    oasis, cli, sdk = Stat(got["oasis"]), Stat(got["cli"]), Stat(got["sdk"])
    value, spread = fmt_stat(oasis, "s")
    ratio = oasis.median / cli.median
    phases_text = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in got["phases"].items())
    say(f"  phases (median): {phases_text}")
    data = {"oasis": oasis.summary(), "docker_cli": cli.summary(), "docker_py": sdk.summary()}
    data["phases_s"] = got["phases"]
    return [
        Row(
            "B1",
            env.mode,
            "runAlgorithm -> SUCCEEDED (`true`) vs `docker run --rm`",
            value,
            spread,
            fmt_stat(cli, "s")[0],
            ratio,
            f"<= {TARGET}",
            ratio <= TARGET,
            data,
        ),
        Row(
            "B1",
            env.mode,
            "same vs docker-py create/start/wait/remove",
            value,
            spread,
            fmt_stat(sdk, "s")[0],
            oasis.median / sdk.median,
            "(info)",
            None,
        ),
    ]
