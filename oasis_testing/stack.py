"""The whole OASIS stack as real processes: daphne web server, Celery worker, Redis, Postgres, dockerd.

The end-to-end and fault tests (through ``tests/fixtures/stack.py``, which turns a missing service
into a skip, or a failure in CI) and the benchmarks (``bench/stack.py``) start it from here.

``start_stack(mode=...)`` gives a ``LiveStack``:
- ``distributed``: a fresh Postgres database, a Redis database, ``manage.py serve`` (daphne) and a
  separate ``celery -A oasis worker -B``.
- ``embedded``: SQLite and files in a temporary folder, one ``manage.py serve`` process that also
  runs the worker (in-memory broker and channel layer).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
BACKEND = REPO / "backend"
PYTHON = sys.executable
CELERY = str(Path(PYTHON).with_name("celery"))
POSTGRES_ADMIN_URL = os.environ.get(
    "OASIS_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/oasis"
).rsplit("/", 1)[0]


class ServiceMissing(Exception):
    """A service the stack needs is not running here; the message says which."""


def port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, *, timeout: float, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout} s waiting for {what}")


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self, sig: int = signal.SIGKILL) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=30)

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.kill(signal.SIGTERM)
        if self.popen.poll() is None:
            self.kill(signal.SIGKILL)


@dataclass
class LiveStack:
    mode: str
    env: dict[str, str]
    port: int
    workdir: Path
    processes: dict[str, Process] = field(default_factory=dict)
    cleanups: list = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/graphql"

    # --- processes -------------------------------------------------------------------------------
    def spawn(self, name: str, argv: list[str], *, extra_env: dict | None = None) -> Process:
        log_path = self.workdir / f"{name}.log"
        out = open(log_path, "ab")  # noqa: SIM115 (kept open by the child)
        popen = subprocess.Popen(
            argv,
            cwd=BACKEND,
            env={**self.env, **(extra_env or {})},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process = Process(name, popen, log_path)
        self.processes[name] = process
        return process

    def manage(self, *args: str, timeout: float = 120) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=BACKEND,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def start_web(self) -> Process:
        argv = [PYTHON, "manage.py", "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        process = self.spawn("web", argv)
        wait_for(lambda: self._healthy(process), timeout=60, what=f"the web server\n{process.log()}")
        return process

    def start_worker(self, name: str = "worker", *, concurrency: int = 2) -> Process:
        queues = "default,gpu,housekeeping"  # housekeeping: recovery, sweeps, takeovers (issue 11)
        argv = [CELERY, "-A", "oasis", "worker", "-B", "-Q", queues, "-c", str(concurrency)]
        argv += ["--hostname", f"{name}-{uuid.uuid4().hex[:6]}@%h", "--loglevel=INFO", "--without-mingle"]
        argv += ["--without-gossip", "--schedule", str(self.workdir / f"beat-{name}")]
        process = self.spawn(name, argv)
        wait_for(
            lambda: "ready." in process.log() or process.popen.poll() is not None, timeout=60, what="worker"
        )
        if process.popen.poll() is not None:
            raise RuntimeError(f"the worker exited:\n{process.log()}")
        return process

    def _healthy(self, process: Process) -> bool:
        if process.popen.poll() is not None:
            raise RuntimeError(f"{process.name} exited:\n{process.log()}")
        try:
            return httpx.get(f"{self.url}/api/health", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def stop(self) -> None:
        for process in reversed(list(self.processes.values())):
            process.stop()
        for cleanup in reversed(self.cleanups):
            with contextlib.suppress(Exception):
                cleanup()

    def logs(self) -> str:
        return "\n".join(f"===== {p.name} =====\n{p.log()[-20000:]}" for p in self.processes.values())

    # --- people ----------------------------------------------------------------------------------
    def create_user(self, username: str, password: str, *, staff: bool = False) -> None:
        code = (
            "from django.contrib.auth import get_user_model; U = get_user_model(); "
            f"u = U.objects.create_user({username!r}, password={password!r}); "
            f"u.is_staff = {staff!r}; u.save()"
        )
        self.manage("shell", "-c", code)

    def token(self, username: str) -> str:
        return self.manage("oasis_token", username).strip()


def _base_env(workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL", "OASIS_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "oasis.settings",
            "DJANGO_SECRET_KEY": "live-stack-secret",
            "DEBUG": "false",
            "OASIS_DATA_DIR": str(workdir / "data"),
            # The data plane (file transfers) on a port of its own, not the web port + 1 (maybe taken).
            "OASIS_DATA_PORT": str(free_port()),
            "OASIS_TASK_LEASE_S": "6",
            "OASIS_RECOVERY_INTERVAL_S": "2",
            "OASIS_STOP_GRACE_S": "2",
            # Stacks share the engine: each sweeps only its own containers.
            "OASIS_RUNNER_SCOPE": f"test-{uuid.uuid4().hex[:8]}",
            # Stacks share one Redis (and pub/sub ignores the database number): each keeps its queues and
            # its events apart with prefixes of its own.
            "OASIS_CHANNEL_PREFIX": f"oasis-test-{uuid.uuid4().hex[:8]}",
            "OASIS_BROKER_PREFIX": f"oasis-test-{uuid.uuid4().hex[:8]}:",
            "PYTHONUNBUFFERED": "1",
            "LOG_LEVEL": "INFO",
        }
    )
    return env


def _create_database(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_ADMIN_URL}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')


def _drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_ADMIN_URL}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_stack(
    mode: str, *, redis_url: str | None = None, extra_env: dict | None = None, worker: bool = True
) -> LiveStack:
    """Start the stack in ``distributed`` or ``embedded`` mode; the caller stops it. ``worker=False``:
    the distributed mode without its worker (the caller starts its own). ``ServiceMissing`` when
    Postgres or Redis is not there."""
    workdir = Path(tempfile.mkdtemp(prefix=f"oasis-live-{mode}-"))
    env = _base_env(workdir)
    stack = LiveStack(mode=mode, env=env, port=free_port(), workdir=workdir)
    if mode == "distributed":
        if not port_open("127.0.0.1", 5432):
            raise ServiceMissing("no PostgreSQL on 127.0.0.1:5432 for the distributed stack")
        if redis_url is None and not port_open("127.0.0.1", 6379):
            raise ServiceMissing("no Redis on 127.0.0.1:6379 for the distributed stack")
        database = f"oasis_live_{uuid.uuid4().hex[:10]}"
        _create_database(database)
        stack.cleanups.append(lambda: _drop_database(database))
        env["DATABASE_URL"] = f"{POSTGRES_ADMIN_URL}/{database}"
        env["REDIS_URL"] = redis_url or "redis://127.0.0.1:6379/7"
    env.update(extra_env or {})
    try:
        stack.manage("migrate", "--noinput")
        stack.start_web()
        if mode == "distributed" and worker:
            stack.start_worker()
    except BaseException:
        stack.stop()
        raise
    return stack
