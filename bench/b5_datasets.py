"""B5 datasets: a large file uploaded through the resumable path (parts PUT in parallel as raw bodies,
issue 13) and through the GraphQL multipart endpoint, a task that reads it all and writes as much
output (``cat input/* > output/big.bin``), the output file downloaded and the output downloaded as a
zip, each to the client's disk (against ``cp``) and discarded by the client (what OASIS serves, against
reading the file with ``cat``: the targets); the throughput of each step, and the peak memory of the
web and worker processes. Then an upload dropped at half way and resumed: the
bytes sent in total.

Resumable parts are sent with ``socket.sendfile`` and downloads fetched with curl (following the
redirect), so the client is not what limits the rate; the multipart body is streamed from disk by
httpx. The client holds no file in memory. Each repetition changes the file's first bytes, so content-addressed storage
cannot skip any work. The stack is fresh, so the processes' high-water marks belong to this run; a 64 MB resumable
upload warms it up first.
Memory: each process's VmHWM (kernel high-water mark, misses nothing) and the sampled sum of each
process tree (the worker is a Celery parent, its beat and its pool children).

With local storage the transfers go through the data plane (downloads follow its redirects, parts go
to its presigned URLs), as any client's would. Over 400 lines: one benchmark's steps and their rows.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from bench.engine import IMAGE, RAW_LABEL, time_cli
from bench.memory import RssSampler
from bench.results import Row, Stat, fmt, say
from bench.stack import Oasis, Watcher, again_if_killed, check_succeeded, oasis

TARGET_MB = 200
#: Issue 13's throughput targets (MB/s), for the embedded mode.
#: The download targets are for what OASIS serves (the client discards the bytes); the same downloads
#: to the client's disk are shown beside them, against ``cp``: there the disk's write-back shares the time.
TARGETS = {"resumable": 400, "file-served": 1000, "download-served": 600}
DISCARD = Path(os.devnull)
PARALLEL_PARTS = 4
PART_MB = 16
WARM_MB = 64
START_UPLOAD = """mutation($input: StartUploadInput!) { startUpload(input: $input) {
    __typename ... on UploadSession { id partSize partCount } ... on OperationInfo { messages { message } } } }"""
RECEIVED = "query($id: ID!) { uploadSession(id: $id) { receivedParts { number } } }"
PART_URLS = (
    "query($id: ID!, $n: [Int!]!) { uploadSession(id: $id) { partUrls(partNumbers: $n) { number url } } }"
)
COMPLETE_UPLOAD = """mutation($id: ID!) { completeUpload(id: $id) {
    __typename ... on UploadSession { status error dataset { id size } } ... on OperationInfo { messages { message } } } }"""
OUTPUT_FILE = (
    "query($id: ID!) { dataset(id: $id) { files(first: 1) { edges { node { downloadUrl size } } } } }"
)
#: A client reading the zip this fast (MB/s), slower than the server can send it.
SLOW_RATE = 50
BLOCK = 1024 * 1024
CREATE_DATASET = """mutation($input: CreateDatasetInput!) { createDataset(input: $input) {
    __typename ... on Dataset { id size fileCount } ... on OperationInfo { messages { message } } } }"""
OUTPUT = "query($id: ID!) { task(id: $id) { outputDataset { id size downloadUrl } } }"


def make_file(path: Path, size_mb: int) -> None:
    """``size_mb`` MB of incompressible bytes: one random MB repeated (beyond any deflate window).
    Flushed to the disk before it returns: its write-back would otherwise share the disk with the
    first steps timed (a 1 GiB upload writes and reads back 1 GiB there)."""
    block = os.urandom(BLOCK)
    with open(path, "wb") as out:
        for _ in range(size_mb):
            out.write(block)
        out.flush()
        os.fsync(out.fileno())


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


async def process(env: Oasis, dataset_id: str, algorithm: str) -> tuple[float, str]:

    async def once():
        async with Watcher(env) as watcher:
            status, seconds, task_id = await watcher.run(algorithm, dataset_id=dataset_id, timeout=1800)
        check_succeeded(env, task_id, status)
        return seconds, task_id

    return await again_if_killed(once)


def resumable_upload(
    env: Oasis,
    path: Path,
    *,
    name: str = "big",
    drop_after: float | None = None,
    session_id: str | None = None,
) -> tuple[float, str | None, int, str]:
    """Upload ``path`` through an upload session, ``PARALLEL_PARTS`` parts at a time; returns (seconds,
    dataset id, bytes sent, session id). ``drop_after``: stop (mid-part) once that share of the file
    was sent, like a client whose connection dropped. ``session_id``: resume that session, sending only
    the parts that did not arrive."""
    size = path.stat().st_size
    started = time.perf_counter()
    if session_id is None:
        answer = env.client.data(
            START_UPLOAD,
            {"input": {"path": path.name, "size": size, "datasetName": name, "partSize": PART_MB * BLOCK}},
        )["startUpload"]
        if answer["__typename"] != "UploadSession":
            raise RuntimeError(f"startUpload refused: {answer}")
        session_id = answer["id"]
        arrived: set[int] = set()
    else:
        arrived = {
            p["number"]
            for p in env.client.data(RECEIVED, {"id": session_id})["uploadSession"]["receivedParts"]
        }
    part_size = PART_MB * BLOCK
    count = -(-size // part_size)
    todo = [n for n in range(1, count + 1) if n not in arrived]
    urls = {
        u["number"]: u["url"]
        for u in env.client.data(PART_URLS, {"id": session_id, "n": todo})["uploadSession"]["partUrls"]
    }
    sent = 0
    lock = threading.Lock()
    stop = threading.Event()

    def count(n: int) -> bool:
        """Count ``n`` bytes sent; False once the drop point is reached (the connection is cut)."""
        nonlocal sent
        with lock:
            sent += n
            if drop_after is not None and sent >= drop_after * size:
                stop.set()
        return not stop.is_set()

    def put(number: int) -> None:
        if stop.is_set():
            return
        offset = (number - 1) * part_size
        put_part(env, urls[number], path, offset, min(part_size, size - offset), count)

    with ThreadPoolExecutor(PARALLEL_PARTS) as pool:
        list(pool.map(put, todo))
    if stop.is_set():
        return time.perf_counter() - started, None, sent, session_id
    done = env.client.data(COMPLETE_UPLOAD, {"id": session_id})["completeUpload"]
    seconds = time.perf_counter() - started
    if done.get("status") != "COMPLETE" or done["dataset"]["size"] != size:
        raise RuntimeError(f"the resumable upload did not complete: {done}")
    return seconds, done["dataset"]["id"], sent, session_id


def put_part(env: Oasis, url: str, path: Path, offset: int, length: int, count) -> None:
    """PUT ``length`` bytes of ``path`` from ``offset`` as the raw body, the kernel copying them from the
    page cache to the socket (``socket.sendfile``): the client costs next to nothing, so the time is the
    server's. ``count(n)`` is told of each block sent and returning False cuts the connection there,
    like a client whose network dropped. The token goes only to OASIS's own relative URLs."""
    absolute = urlsplit(url if url.startswith("http") else env.stack.url + url)
    head = (
        f"PUT {absolute.path}{'?' + absolute.query if absolute.query else ''} HTTP/1.1\r\n"
        f"Host: {absolute.netloc}\r\nContent-Length: {length}\r\nConnection: close\r\n"
        + ("" if url.startswith("http") else f"Authorization: Bearer {env.token}\r\n")
        + "\r\n"
    )
    with (
        socket.create_connection((absolute.hostname, absolute.port), timeout=600) as conn,
        open(path, "rb") as fh,
    ):
        conn.sendall(head.encode())
        at, end = offset, offset + length
        while at < end:
            step = min(4 * BLOCK, end - at)
            conn.sendfile(fh, at, step)
            at += step
            if not count(step):
                return  # dropped mid-part
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    status = answer.split(b" ", 2)[1] if answer.startswith(b"HTTP/") else b"?"
    if status != b"200":
        raise RuntimeError(f"a part was refused: {answer[:300]!r}")


def curl_get(base_url: str, token: str, url: str, target: Path, size: int | None = None) -> float:
    """GET ``url`` (following the redirect to the data plane or the store) to ``target`` (a file, or
    /dev/null) with curl, a client that does not limit the transfer; returns the seconds it took.
    With ``size``, fewer bytes received is an error."""
    started = time.perf_counter()
    result = subprocess.run(
        [
            "curl",
            "-sS",
            "-L",
            "-o",
            str(target),
            "-w",
            "%{http_code} %{size_download}",
            "-H",
            f"Authorization: Bearer {token}",
            base_url + url,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    seconds = time.perf_counter() - started
    status, received = [*result.stdout.split(), "", ""][:2]
    if result.returncode != 0 or status != "200":
        raise RuntimeError(f"curl {url}: {result.stdout} {result.stderr}")
    if size is not None and int(received) < size:
        raise RuntimeError(f"curl {url}: {received} bytes received, not {size}")
    return seconds


def download_file(env: Oasis, dataset_id: str, target: Path, size: int) -> float:
    """Download a dataset's (first) file over plain HTTP to disk (or to /dev/null)."""
    node = env.client.data(OUTPUT_FILE, {"id": dataset_id})["dataset"]["files"]["edges"][0]["node"]
    seconds = curl_get(env.stack.url, env.token, node["downloadUrl"], target, size)
    if target != DISCARD and target.stat().st_size != size:
        raise RuntimeError(f"the file is {target.stat().st_size} bytes, not {size}")
    return seconds


def download(env: Oasis, task_id: str, target: Path, size: int) -> float:
    output = env.client.data(OUTPUT, {"id": task_id})["task"]["outputDataset"]
    if output["size"] != size:
        raise RuntimeError(f"the output dataset holds {output['size']} bytes, not {size}")
    seconds = curl_get(env.stack.url, env.token, output["downloadUrl"], target, size)
    if target != DISCARD and target.stat().st_size < size:
        raise RuntimeError(f"the zip is {target.stat().st_size} bytes, smaller than its {size}-byte file")
    return seconds


def slow_download(env: Oasis, dataset_id: str, rate_mb_s: float) -> float:
    """Download a dataset's zip reading at most ``rate_mb_s``, like a browser on a slower network."""
    url = env.client.data("query($id: ID!) { dataset(id: $id) { downloadUrl } }", {"id": dataset_id})
    started, got = time.perf_counter(), 0
    with (
        httpx.Client(base_url=env.stack.url, headers={"Authorization": f"Bearer {env.token}"}) as http,
        http.stream("GET", url["dataset"]["downloadUrl"], timeout=600, follow_redirects=True) as response,
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


def _read(source: Path) -> float:
    return time_cli(["cat", str(source)], stdout=subprocess.DEVNULL)


def _copy(source: Path, target: Path) -> float:
    seconds = time_cli(["cp", str(source), str(target)])
    target.unlink()
    return seconds


def run(mode: str, *, size_mb: int = 1024, reps: int = 1, slow_mb: int = 256) -> list[Row]:
    say(f"B5 datasets ({mode}): {size_mb} MB up, through a task, and down; {reps} run(s)")
    size = size_mb * BLOCK
    order = ("resumable", "upload", "task", "file", "file-served", "download", "download-served")
    steps: dict[str, list[float]] = {k: [] for k in order}
    baselines: dict[str, list[float]] = {k: [] for k in order}
    resumed: dict = {}
    with tempfile.TemporaryDirectory(prefix="oasis-bench-b5-") as scratch:
        folder = Path(scratch)
        (folder / "in").mkdir()
        source = folder / "in" / "big.bin"
        make_file(source, size_mb)
        with oasis(mode) as env:
            roots = {"web": env.pid("web")}
            if mode == "distributed":
                roots["worker"] = env.pid("worker")
            # Warm-up: one small resumable upload starts what the first one starts (thread pools, the
            # hashing buffers, database connections), as every benchmark here warms up first.
            warm = folder / "warm" / "warm.bin"
            warm.parent.mkdir()
            make_file(warm, WARM_MB)
            resumable_upload(env, warm, name="warm-up")
            warm.unlink()
            sampler = RssSampler(roots)
            sampler.start()
            try:
                for rep in range(reps):
                    with open(source, "r+b") as fh:  # new content each time: nothing is deduplicated
                        fh.write(f"repetition {rep} {time.time()}".encode().ljust(64))
                    sampler.step("resumable")
                    seconds, dataset_id, _, _ = resumable_upload(env, source)
                    steps["resumable"].append(seconds)
                    with open(source, "r+b") as fh:  # the multipart upload stores new content too
                        fh.write(f"multipart {rep} {time.time()}".encode().ljust(64))
                    sampler.step("upload")
                    seconds, _ = upload(env, source)
                    steps["upload"].append(seconds)
                    sampler.step("task")
                    # Made outside the loop: the API client runs its own.
                    algorithm = env.algorithm("/bin/sh -c 'cat input/* > output/big.bin'")
                    seconds, task_id = asyncio.run(process(env, dataset_id, algorithm))
                    steps["task"].append(seconds)
                    output_id = env.client.data(OUTPUT, {"id": task_id})["task"]["outputDataset"]["id"]
                    sampler.step("file")
                    steps["file"].append(download_file(env, output_id, folder / "out.bin", size))
                    (folder / "out.bin").unlink()
                    sampler.step("file-served")
                    steps["file-served"].append(download_file(env, output_id, DISCARD, size))
                    sampler.step("download")
                    steps["download"].append(download(env, task_id, folder / "out.zip", size))
                    (folder / "out.zip").unlink()
                    sampler.step("download-served")
                    steps["download-served"].append(download(env, task_id, DISCARD, size))
                    sampler.step("rest")
                    for step in ("resumable", "upload", "file", "download"):
                        baselines[step].append(_copy(source, folder / "copy.bin"))
                    for step in ("file-served", "download-served"):
                        baselines[step].append(_read(source))
                    baselines["task"].append(raw_task(source, folder))
                    say(
                        "  "
                        + ", ".join(
                            f"{k} {v[-1]:.1f} s (raw {baselines[k][-1]:.1f} s)" for k, v in steps.items()
                        )
                    )
                with open(source, "r+b") as fh:
                    fh.write(f"resumed {time.time()}".encode().ljust(64))
                sampler.step("rest")
                _, _, first, session_id = resumable_upload(env, source, name="resumed", drop_after=0.5)
                seconds, _, second, _ = resumable_upload(env, source, session_id=session_id)
                resumed = {"first": first, "second": second, "size": size}
                say(
                    f"  dropped at {first / size:.0%}, resumed: {(first + second) / size:.0%} of the file sent in all"
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
        "resumable": (
            f"upload (resumable: {PART_MB} MB parts, {PARALLEL_PARTS} at a time, raw PUT bodies)",
            "cp",
        ),
        "upload": ("upload (GraphQL multipart)", "cp"),
        "task": ("task: inputs in, cat, outputs out -> SUCCEEDED", "docker cp in, run, docker cp out"),
        "file": ("file download to the client's disk (plain HTTP)", "cp"),
        "file-served": ("file download, served (the client discards the bytes)", "cat > /dev/null"),
        "download": ("zip download to the client's disk", "cp"),
        "download-served": ("zip download, served (the client discards the bytes)", "cat > /dev/null"),
    }
    for step, values in steps.items():
        took, raw = Stat(values), Stat(baselines[step])
        label, raw_label = names[step]
        rate = size_mb / took.median
        target = TARGETS.get(step) if mode == "embedded" else None
        rows.append(
            Row(
                "B5",
                mode,
                f"{size_mb} MB {label} vs {raw_label}",
                f"{rate:.0f} MB/s ({fmt(took.median, 's')})",
                f"{fmt(took.low, 's')} - {fmt(took.high, 's')}" if reps > 1 else "",
                f"{size_mb / raw.median:.0f} MB/s ({fmt(raw.median, 's')})",
                took.median / raw.median,
                f">= {target} MB/s" if target else "(info)",
                (rate >= target) if target else None,
                {"seconds": took.summary(), "baseline_seconds": raw.summary(), "size_mb": size_mb},
            )
        )
    if resumed:
        share = resumed["second"] / resumed["size"]
        rows.append(
            Row(
                "B5",
                mode,
                f"resumable upload dropped at {resumed['first'] / resumed['size']:.0%} ({PARALLEL_PARTS} parts "
                "in flight) and resumed: bytes sent again, share of the file",
                f"{share:.0%}",
                target="<= 55%",
                met=share <= 0.55,
                data=resumed,
            )
        )
    for name, peak in memory.items():
        by_step = peak["steps_hwm_mb"]
        hwm = max(by_step[k] for k in order)
        steps_text = ", ".join(f"{k} {by_step[k]:.0f}" for k in order)
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
