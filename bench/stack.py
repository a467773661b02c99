"""The OASIS side of the bench: a live stack (``oasis_testing.stack``: real daphne, Celery, Postgres,
Redis and Docker processes) with a user, the bench image and an input dataset (``oasis``), and a
``Watcher`` that submits tasks and sees them finish live. Nothing here is a pytest fixture: a missing
service is reported with one clear line (``Unavailable``) instead of a skip.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.engine import CORES, IMAGE, SCOPE, Unavailable, docker_client, ensure_image
from bench.results import say
from oasis_testing.busybox import BUSYBOX
from oasis_testing.client import TASK_UPDATES, OasisClient, Subscriptions
from oasis_testing.stack import LiveStack, free_port, port_open, start_stack

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


class KilledFromOutside(RuntimeError):
    """A task's container got SIGKILL without running out of memory: something else on the shared
    engine removed it (another installation's container sweep, a person). Not OASIS's doing."""


#: What ``describe`` in oasis.tasks.outcome says for a container killed by SIGKILL (not an OOM).
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
