"""B5 datasets: a large file uploaded through the GraphQL multipart endpoint, a task that reads it all
and writes as much output (``cat input/* > output/big.bin``), and the output downloaded as a zip; the
throughput of each step against moving the same bytes with ``cp`` / ``docker cp``, and the peak
memory of the web and worker processes.

The multipart body is streamed from disk by httpx and the zip streamed to disk: the client holds
neither in memory. Each repetition changes the file's first bytes, so content-addressed storage
cannot skip any work. The stack is fresh, so the processes' high-water marks belong to this run.
Memory: each process's VmHWM (kernel high-water mark, misses nothing) and the sampled sum of each
process tree (the worker is a Celery parent, its beat and its pool children).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

import httpx

from bench.common import (
    IMAGE,
    RAW_LABEL,
    Oasis,
    Row,
    RssSampler,
    Stat,
    Watcher,
    again_if_killed,
    check_succeeded,
    fmt,
    oasis,
    say,
    time_cli,
)

TARGET_MB = 200
#: A client reading the zip this fast (MB/s), slower than the server can send it.
SLOW_RATE = 50
BLOCK = 1024 * 1024
CREATE_DATASET = """mutation($input: CreateDatasetInput!) { createDataset(input: $input) {
    __typename ... on Dataset { id size fileCount } ... on OperationInfo { messages { message } } } }"""
OUTPUT = "query($id: ID!) { task(id: $id) { outputDataset { id size downloadUrl } } }"


def make_file(path: Path, size_mb: int) -> None:
    """``size_mb`` MB of incompressible bytes: one random MB repeated (beyond any deflate window)."""
    block = os.urandom(BLOCK)
    with open(path, "wb") as out:
        for _ in range(size_mb):
            out.write(block)


def upload(env: Oasis, path: Path) -> tuple[float, str]:
    operations = {"query": CREATE_DATASET, "variables": {"input": {"name": "big", "files": [None]}}}
    form = {"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.input.files.0"]})}
    with (
        httpx.Client(base_url=env.stack.url, headers={"Authorization": f"Bearer {env.token}"}) as http,
        open(path, "rb") as body,
    ):
        started = time.perf_counter()
        response = http.post(
            "/graphql",
            data=form,
            files={"0": (path.name, body, "application/octet-stream")},
            timeout=httpx.Timeout(600),
        )
        seconds = time.perf_counter() - started
    response.raise_for_status()
    result = response.json()["data"]["createDataset"]
    if result.get("__typename") != "Dataset" or result["size"] != path.stat().st_size:
        raise RuntimeError(f"the upload was not stored whole: {result}")
    return seconds, result["id"]


async def process(env: Oasis, dataset_id: str) -> tuple[float, str]:
    algorithm = env.algorithm("/bin/sh -c 'cat input/* > output/big.bin'")

    async def once():
        async with Watcher(env) as watcher:
            status, seconds, task_id = await watcher.run(algorithm, dataset_id=dataset_id, timeout=1800)
        check_succeeded(env, task_id, status)
        return seconds, task_id

    return await again_if_killed(once)


def download(env: Oasis, task_id: str, target: Path, size: int) -> float:
    output = env.client.data(OUTPUT, {"id": task_id})["task"]["outputDataset"]
    if output["size"] != size:
        raise RuntimeError(f"the output dataset holds {output['size']} bytes, not {size}")
    started = time.perf_counter()
    with (
        httpx.Client(base_url=env.stack.url, headers={"Authorization": f"Bearer {env.token}"}) as http,
        http.stream("GET", output["downloadUrl"], timeout=600) as response,
        open(target, "wb") as out,
    ):
        response.raise_for_status()
        for chunk in response.iter_raw(BLOCK):
            out.write(chunk)
    seconds = time.perf_counter() - started
    if target.stat().st_size < size:
        raise RuntimeError(f"the zip is {target.stat().st_size} bytes, smaller than its {size}-byte file")
    return seconds


def slow_download(env: Oasis, dataset_id: str, rate_mb_s: float) -> float:
    """Download a dataset's zip reading at most ``rate_mb_s``, like a browser on a slower network."""
    url = env.client.data("query($id: ID!) { dataset(id: $id) { downloadUrl } }", {"id": dataset_id})
    started, got = time.perf_counter(), 0
    with (
        httpx.Client(base_url=env.stack.url, headers={"Authorization": f"Bearer {env.token}"}) as http,
        http.stream("GET", url["dataset"]["downloadUrl"], timeout=600) as response,
    ):
        response.raise_for_status()
        for chunk in response.iter_raw(64 * 1024):
            got += len(chunk)
            ahead = got / (rate_mb_s * BLOCK) - (time.perf_counter() - started)
            if ahead > 0:
                time.sleep(ahead)
    return time.perf_counter() - started


def raw_task(path: Path, folder: Path) -> float:
    """The same work on raw Docker: create, ``docker cp`` in, run ``cat``, ``docker cp`` out, remove."""
    name = f"oasis-bench-b5-{os.getpid()}"
    started = time.perf_counter()
    subprocess.run(
        ["docker", "create", "--name", name, "--label", RAW_LABEL, IMAGE, "sh", "-c", "cat /in/* > /out.bin"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        subprocess.run(["docker", "cp", str(path.parent), f"{name}:/in"], check=True, capture_output=True)
        subprocess.run(["docker", "start", "-a", name], check=True, capture_output=True)
        subprocess.run(["docker", "cp", f"{name}:/out.bin", str(folder / "raw-out.bin")], check=True)
    finally:
        subprocess.run(["docker", "rm", "-f", name], capture_output=True)
    seconds = time.perf_counter() - started
    (folder / "raw-out.bin").unlink()
    return seconds


def _copy(source: Path, target: Path) -> float:
    seconds = time_cli(["cp", str(source), str(target)])
    target.unlink()
    return seconds


def run(mode: str, *, size_mb: int = 1024, reps: int = 1, slow_mb: int = 256) -> list[Row]:
    say(f"B5 datasets ({mode}): {size_mb} MB up, through a task, and down; {reps} run(s)")
    size = size_mb * BLOCK
    steps: dict[str, list[float]] = {"upload": [], "task": [], "download": []}
    baselines: dict[str, list[float]] = {"upload": [], "task": [], "download": []}
    with tempfile.TemporaryDirectory(prefix="oasis-bench-b5-") as scratch:
        folder = Path(scratch)
        (folder / "in").mkdir()
        source = folder / "in" / "big.bin"
        make_file(source, size_mb)
        with oasis(mode) as env:
            roots = {"web": env.pid("web")}
            if mode == "distributed":
                roots["worker"] = env.pid("worker")
            sampler = RssSampler(roots)
            sampler.start()
            try:
                for rep in range(reps):
                    with open(source, "r+b") as fh:  # new content each time: nothing is deduplicated
                        fh.write(f"repetition {rep} {time.time()}".encode().ljust(64))
                    sampler.step("upload")
                    seconds, dataset_id = upload(env, source)
                    steps["upload"].append(seconds)
                    sampler.step("task")
                    seconds, task_id = asyncio.run(process(env, dataset_id))
                    steps["task"].append(seconds)
                    sampler.step("download")
                    steps["download"].append(download(env, task_id, folder / "out.zip", size))
                    sampler.step("rest")
                    (folder / "out.zip").unlink()
                    baselines["upload"].append(_copy(source, folder / "copy.bin"))
                    baselines["task"].append(raw_task(source, folder))
                    baselines["download"].append(_copy(source, folder / "copy.bin"))
                    say(
                        "  "
                        + ", ".join(
                            f"{k} {v[-1]:.1f} s (raw {baselines[k][-1]:.1f} s)" for k, v in steps.items()
                        )
                    )
                if slow_mb:
                    with open(source, "r+b") as fh:  # a dataset of slow_mb MB
                        fh.truncate(slow_mb * BLOCK)
                    _, small = upload(env, source)
                    sampler.step(f"download at {SLOW_RATE} MB/s")
                    seconds = slow_download(env, small, SLOW_RATE)
                    sampler.step("rest")
                    say(f"  {slow_mb} MB read by a client at {SLOW_RATE} MB/s in {seconds:.1f} s")
            finally:
                memory = sampler.stop()
    rows = []
    names = {
        "upload": ("upload (GraphQL multipart)", "cp"),
        "task": ("task: inputs in, cat, outputs out -> SUCCEEDED", "docker cp in, run, docker cp out"),
        "download": ("download (zip, streamed)", "cp"),
    }
    for step, values in steps.items():
        took, raw = Stat(values), Stat(baselines[step])
        label, raw_label = names[step]
        rows.append(
            Row(
                "B5",
                mode,
                f"{size_mb} MB {label} vs {raw_label}",
                f"{size_mb / took.median:.0f} MB/s ({fmt(took.median, 's')})",
                f"{fmt(took.low, 's')} - {fmt(took.high, 's')}" if reps > 1 else "",
                f"{size_mb / raw.median:.0f} MB/s ({fmt(raw.median, 's')})",
                took.median / raw.median,
                "(info)",
                None,
                {"seconds": took.summary(), "baseline_seconds": raw.summary(), "size_mb": size_mb},
            )
        )
    for name, peak in memory.items():
        by_step = peak["steps_hwm_mb"]
        hwm = max(by_step[k] for k in ("upload", "task", "download"))
        steps_text = ", ".join(f"{k} {by_step[k]:.0f}" for k in ("upload", "task", "download"))
        rows.append(
            Row(
                "B5",
                mode,
                f"peak RSS of the {name} process (largest in its tree; by step: {steps_text} MB; "
                f"at start {peak['tree_start_mb']:.0f} MB in the tree, tree sum peak {peak['tree_peak_mb']:.0f} MB)",
                fmt(hwm, "MB"),
                target=f"<= {TARGET_MB} MB",
                met=hwm <= TARGET_MB,
                data=peak,
            )
        )
        slow = f"download at {SLOW_RATE} MB/s"
        if name == "web" and slow in by_step:
            rows.append(
                Row(
                    "B5",
                    mode,
                    f"peak RSS of the web process while a client reads a {slow_mb} MB zip at {SLOW_RATE} MB/s",
                    fmt(by_step[slow], "MB"),
                    target=f"<= {TARGET_MB} MB",
                    met=by_step[slow] <= TARGET_MB,
                    data={"slow_mb": slow_mb, "rate_mb_s": SLOW_RATE, "hwm_mb": by_step[slow]},
                )
            )
    return rows
