"""What every benchmark shares: the live stack, the bench image, raw Docker baselines, statistics,
result rows, and a peak-RSS sampler.

The stack is the one the end-to-end tests start (``tests.fixtures.stack``): real daphne, Celery,
Postgres, Redis and Docker processes. Nothing here is a pytest fixture: a missing service is reported
with one clear line instead of a skip.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for _path in (REPO, REPO / "backend"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import docker  # noqa: E402
import httpx  # noqa: E402

from tests.fixtures.client import TASK_UPDATES, OasisClient, Subscriptions  # noqa: E402
from tests.fixtures.services import port_open  # noqa: E402
from tests.fixtures.stack import LiveStack, start_stack  # noqa: E402

#: The bench's own copy of the test image (same rootfs), so concurrent test sessions re-importing
#: ``oasis-test/busybox`` never move the tag under a running benchmark.
IMAGE = "oasis-bench/busybox:latest"
BUSYBOX = Path("/bin/busybox")
#: Every container a raw baseline starts carries this label, so a crashed run can be cleaned up.
RAW_LABEL = "org.oasis.bench=raw"
#: Containers of the bench's stacks are named ``oasis-<scope>-task-<id>`` (see OASIS_RUNNER_SCOPE).
SCOPE = f"bench-{uuid.uuid4().hex[:8]}"
CORES = os.cpu_count() or 1
#: Without a redis-server binary, a Redis database of the bench's own on the shared server: test
#: stacks flush database 7 when they start, which would empty a running benchmark's Celery queue.
SHARED_REDIS_URL = "redis://127.0.0.1:6379/13"
FINISHED = ("SUCCEEDED", "FAILED", "CANCELLED")

#: Settings of the benchmark stacks: production defaults where the test stack shortens them for speed,
#: a log cap that holds 2M lines (B2), and a runner scope of our own on the shared engine.
STACK_ENV = {
    "OASIS_TASK_LEASE_S": "30",
    "OASIS_RECOVERY_INTERVAL_S": "15",
    "OASIS_STOP_GRACE_S": "5",
    "OASIS_LOG_MAX_BYTES": str(512 * 2**20),
    "OASIS_RUNNER_SCOPE": SCOPE,
    # Redis pub/sub ignores the database number: without a prefix of our own, a test stack's task 1
    # and ours would hear each other's events.
    "OASIS_CHANNEL_PREFIX": f"{SCOPE}.",
    "OASIS_WORKER_CONCURRENCY": str(CORES),
}


class Unavailable(Exception):
    """A service a benchmark needs is not there; the message says which."""


class KilledFromOutside(RuntimeError):
    """A task's container got SIGKILL without running out of memory: something else on the shared
    engine removed it (another installation's container sweep, a person). Not OASIS's doing."""


#: What ``describe`` in oasis.tasks.pipeline says for a container killed by SIGKILL (not an OOM).
KILLED = "exited with code 137"


def check_succeeded(env: Oasis, task_id: str, status: str) -> None:
    if status == "SUCCEEDED":
        return
    reason = env.client.task(task_id)["failureReason"]
    if reason == KILLED:
        raise KilledFromOutside(f"task {task_id}: its container was killed from outside ({reason})")
    raise RuntimeError(f"task {task_id} ended {status}: {reason}")


async def again_if_killed(run_once, *, attempts: int = 3):
    """``await run_once()``, repeated when a container was killed from outside (noted on screen)."""
    for attempt in range(1, attempts + 1):
        try:
            return await run_once()
        except KilledFromOutside as exc:
            if attempt == attempts:
                raise
            say(f"  ! {exc}; repeating this run")


# --- services ------------------------------------------------------------------------------------
def docker_client() -> docker.DockerClient:
    try:
        client = docker.from_env(timeout=120)
        client.ping()
    except Exception as exc:
        where = os.environ.get("DOCKER_HOST", "the default socket")
        raise Unavailable(f"no Docker engine at {where}: {exc}") from exc
    return client


class PrivateRedis:
    """A ``redis-server`` of the bench's own (no persistence), so the numbers of B3's channel layers
    count only our traffic and nothing else on the machine shares our broker. Falls back to the
    shared Redis on 127.0.0.1:6379 (database 13) without the binary."""

    def __init__(self):
        self.proc: subprocess.Popen | None = None
        self.url = SHARED_REDIS_URL

    def start(self) -> str:
        binary = shutil.which("redis-server")
        if self.proc is None and binary:
            from tests.fixtures.stack import free_port

            port = free_port()
            argv = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            atexit.register(self.stop)  # also for bench/profile.py and one-off scripts
            self.url = f"redis://127.0.0.1:{port}/0"
            deadline = time.monotonic() + 10
            while not port_open("127.0.0.1", port, timeout=0.2):
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise Unavailable("the bench's own redis-server did not start")
                time.sleep(0.05)
        return self.url

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None

    def commands(self) -> dict[str, int]:
        """Calls per Redis command so far (INFO commandstats)."""
        import redis

        stats = redis.Redis.from_url(self.url).info("commandstats")
        return {name.removeprefix("cmdstat_"): value["calls"] for name, value in stats.items()}


REDIS = PrivateRedis()


def check_services(mode: str) -> None:
    """Raise ``Unavailable`` when something the ``mode`` needs is missing."""
    docker_client().close()
    if not BUSYBOX.exists():
        raise Unavailable(f"{BUSYBOX} is missing (Debian package busybox-static): it makes the bench image")
    if mode == "distributed":
        if not port_open("127.0.0.1", 5432):
            raise Unavailable("no PostgreSQL on 127.0.0.1:5432 (the distributed stack needs it)")
        if not shutil.which("redis-server") and not port_open("127.0.0.1", 6379):
            raise Unavailable("no redis-server binary and no Redis on 127.0.0.1:6379 (distributed mode)")


def ensure_image() -> str:
    """``oasis-bench/busybox:latest`` in the engine, imported from /bin/busybox like the test image."""
    client = docker_client()
    try:
        client.images.get(IMAGE)
    except docker.errors.ImageNotFound:
        from tests.fixtures.docker import busybox_rootfs

        repository, tag = IMAGE.rsplit(":", 1)
        client.api.import_image_from_data(
            busybox_rootfs(), repository=repository, tag=tag, changes=['CMD ["/bin/sh"]']
        )
    finally:
        client.close()
    return IMAGE


def leftover_containers() -> list[str]:
    """Containers this bench run started that still exist (raw baselines or the stacks' tasks)."""
    client = docker_client()
    try:
        raw = client.api.containers(all=True, filters={"label": RAW_LABEL})
        ours = client.api.containers(all=True, filters={"label": f"org.oasis.scope={SCOPE}"})
        return sorted({c["Id"] for c in raw + ours})
    finally:
        client.close()


def remove_containers(ids: list[str]) -> None:
    client = docker_client()
    try:
        for container_id in ids:
            with contextlib.suppress(docker.errors.NotFound):
                client.api.remove_container(container_id, force=True, v=True)
    finally:
        client.close()


# --- the raw baselines ---------------------------------------------------------------------------
def docker_run_argv(*command: str) -> list[str]:
    return ["docker", "run", "--rm", "--label", RAW_LABEL, IMAGE, *command]


def time_cli(argv: list[str], *, stdout=subprocess.DEVNULL, shell: bool = False) -> float:
    """Wall seconds of one command, which must succeed."""
    started = time.perf_counter()
    subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE, check=True, shell=shell)
    return time.perf_counter() - started


# --- statistics and results ----------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0..100), linear between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class Stat:
    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    def p(self, q: float) -> float:
        return percentile(self.values, q)

    def summary(self) -> dict:
        return {
            "n": len(self.values),
            "median": self.median,
            "min": self.low,
            "max": self.high,
            "p25": self.p(25),
            "p75": self.p(75),
            "values": self.values,
        }


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"
    if unit == "us":
        return f"{value:.2f} us"
    if unit == "MB/s":
        return f"{value:.0f} MB/s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:g} {unit}".strip()


def fmt_stat(stat: Stat, unit: str, scale: float = 1.0) -> tuple[str, str]:
    """``(median, "min-max")`` as text."""
    return (
        fmt(stat.median * scale, unit),
        f"{fmt(stat.low * scale, unit)} - {fmt(stat.high * scale, unit)}",
    )


@dataclass
class Row:
    """One line of a benchmark's table (and of the final summary)."""

    bench: str
    mode: str
    case: str
    value: str
    spread: str = ""
    baseline: str = ""
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    data: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


COLUMNS = [
    ("bench", "Bench"),
    ("mode", "Mode"),
    ("case", "Case"),
    ("value", "OASIS (median)"),
    ("spread", "Spread (min - max)"),
    ("baseline", "Raw Docker (median)"),
    ("ratio", "Ratio"),
    ("target", "Target"),
    ("met", "Met"),
]


def _cell(row: Row, key: str) -> str:
    value = getattr(row, key)
    if key == "ratio":
        return "-" if value is None else f"{value:.2f}"
    if key == "met":
        return {None: "", True: "yes", False: "NO"}[value]
    return str(value)


def table(rows: list[Row], *, markdown: bool = False) -> str:
    cells = [[title for _, title in COLUMNS]] + [[_cell(r, key) for key, _ in COLUMNS] for r in rows]
    if markdown:
        lines = ["| " + " | ".join(cells[0]) + " |", "|" + "|".join("---" for _ in COLUMNS) + "|"]
        lines += ["| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in cells[1:]]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
    out = ["  ".join(c.ljust(w) for c, w in zip(cells[0], widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells[1:]]
    return "\n".join(out)


def say(message: str) -> None:
    print(message, flush=True)


# --- the OASIS side ------------------------------------------------------------------------------
@dataclass
class Oasis:
    """A running stack with a user, the bench image registered and a one-file input dataset."""

    stack: LiveStack
    token: str
    client: OasisClient
    image_id: str
    dataset_id: str
    algorithms: dict[str, str] = field(default_factory=dict)

    @property
    def mode(self) -> str:
        return self.stack.mode

    def algorithm(self, command: str, **fields) -> str:
        """The id of an algorithm running ``command`` (made once per command)."""
        key = json.dumps([command, fields], sort_keys=True)
        if key not in self.algorithms:
            name = f"bench-{len(self.algorithms)}"
            created = self.client.create_algorithm(self.image_id, name=name, command=command, **fields)
            self.algorithms[key] = created["id"]
        return self.algorithms[key]

    def pid(self, name: str) -> int:
        return self.stack.processes[name].popen.pid


@contextlib.contextmanager
def oasis(mode: str, *, extra_env: dict | None = None) -> Iterator[Oasis]:
    """Start the stack in ``mode``, set up a user, the image and an input dataset; stop it afterwards."""
    check_services(mode)
    ensure_image()
    started = time.perf_counter()
    redis_url = None
    if mode == "distributed":
        import redis

        redis_url = REDIS.start()
        redis.Redis.from_url(redis_url).flushdb()
    stack = start_stack(mode, redis_url=redis_url, extra_env={**STACK_ENV, **(extra_env or {})})
    client = None
    try:
        stack.create_user("bench", "bench-password-1")
        token = stack.token("bench")
        client = OasisClient(stack.url, token)
        with tempfile.TemporaryDirectory() as folder:
            # Uploaded as a user would (a `docker save` archive): what runs is pinned by its id.
            archive = Path(folder) / "busybox.tar"
            engine = docker_client()
            try:
                with open(archive, "wb") as file:
                    for chunk in engine.api.get_image(IMAGE):
                        file.write(chunk)
            finally:
                engine.close()
            image = client.register_image_file("busybox", archive)
            if image["status"] != "READY":
                raise RuntimeError(f"the bench image did not become ready: {image}")
            path = Path(folder) / "x.txt"
            path.write_text("x\n")
            dataset = client.create_dataset("input", {"x.txt": path})
        say(f"  [{mode} stack up in {time.perf_counter() - started:.1f} s at {stack.url}]")
        yield Oasis(stack, token, client, image["id"], dataset["id"])
    except BaseException:
        say(f"  [the {mode} stack's logs are kept in {stack.workdir}]")
        failed = True
        raise
    else:
        failed = False
    finally:
        if client is not None:
            client.close()
        stack.stop()
        # The stack's files (SQLite, blobs, logs) can be gigabytes after B2 and B5.
        shutil.rmtree(stack.workdir / "data", ignore_errors=True)
        if not failed:
            shutil.rmtree(stack.workdir, ignore_errors=True)


RUN_ALGORITHM = """mutation($input: RunAlgorithmInput!) { runAlgorithm(input: $input) {
    __typename ... on AlgorithmTask { id status } ... on OperationInfo { messages { message } } } }"""


class Watcher:
    """Submits tasks over HTTP and sees them finish on one ``taskUpdates`` (all my tasks) subscription."""

    def __init__(self, env: Oasis):
        self.env = env
        self.http: httpx.AsyncClient | None = None
        self.ws: Subscriptions | None = None
        self.op: str | None = None
        self.finished: dict[str, tuple[str, float]] = {}
        self.waiters: dict[str, asyncio.Future] = {}
        self._reader: asyncio.Task | None = None
        self.lost: BaseException | None = None

    async def __aenter__(self) -> Watcher:
        self.http = httpx.AsyncClient(
            base_url=self.env.stack.url,
            headers={"Authorization": f"Bearer {self.env.token}"},
            timeout=600,
            limits=httpx.Limits(max_connections=16),
        )
        self.ws = await Subscriptions(self.env.stack.ws_url, self.env.token).__aenter__()
        self.op = await self.ws.subscribe(TASK_UPDATES, {"id": None})
        await asyncio.sleep(0.3)  # the subscription has joined its group before anything is submitted
        self._reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc) -> None:
        if self._reader:
            self._reader.cancel()
        if self.ws:
            await self.ws.__aexit__(*exc)
        if self.http:
            await self.http.aclose()

    async def _read(self) -> None:
        try:
            async for data in self.ws.messages(self.op, timeout=3600):
                update = data["taskUpdates"]
                if update["status"] in FINISHED and update["id"] not in self.finished:
                    self.finished[update["id"]] = (update["status"], time.perf_counter())
                    waiter = self.waiters.pop(update["id"], None)
                    if waiter is not None and not waiter.done():
                        waiter.set_result(None)
            self.lost = RuntimeError("the taskUpdates subscription ended")
        except Exception as exc:  # the websocket closed: whoever waits should know now, not at a timeout
            self.lost = exc
        for waiter in self.waiters.values():
            if not waiter.done():
                waiter.set_exception(RuntimeError(f"the watcher's websocket is gone: {self.lost!r}"))

    async def submit(
        self, algorithm_id: str, *, dataset_id: str | None = None, reuse: bool | None = None
    ) -> str:
        dataset_id = dataset_id or self.env.dataset_id
        response = await self.http.post(
            "/graphql",
            json={
                "query": RUN_ALGORITHM,
                "variables": {
                    "input": {"algorithmId": algorithm_id, "inputDatasetId": dataset_id, "reuse": reuse}
                },
            },
        )
        response.raise_for_status()
        result = response.json()["data"]["runAlgorithm"]
        if result["__typename"] != "AlgorithmTask":
            raise RuntimeError(f"runAlgorithm failed: {result}")
        return result["id"]

    async def finish(self, task_id: str, *, timeout: float) -> tuple[str, float]:
        """``(status, perf_counter when it was seen)`` of a task once it finished."""
        if task_id not in self.finished:
            if self.lost is not None:
                raise RuntimeError(f"the watcher's websocket is gone: {self.lost!r}")
            waiter = self.waiters.setdefault(task_id, asyncio.get_running_loop().create_future())
            await asyncio.wait_for(asyncio.shield(waiter), timeout)
        return self.finished[task_id]

    async def run(
        self, algorithm_id: str, *, dataset_id: str | None = None, timeout: float = 600
    ) -> tuple[str, float, str]:
        """Submit, wait for the end; ``(status, seconds from submit to the end seen live, task id)``."""
        started = time.perf_counter()
        task_id = await self.submit(algorithm_id, dataset_id=dataset_id)
        status, seen = await self.finish(task_id, timeout=timeout)
        return status, seen - started, task_id


# --- peak memory ---------------------------------------------------------------------------------
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

    def _sample(self) -> None:
        for name, root in self.roots.items():
            pids = process_tree(root)
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
