"""Services a fault test may restart, kill or freeze: a private PostgreSQL cluster and a private Redis.

The shared PostgreSQL and Redis of the machine are never touched. Each fixture gives an object with
``stop()``, ``start()`` and ``restart()``; the stack's processes (tests/fixtures/stack.py) are started on
them with ``start_stack(..., redis_url=..., extra_env={"DATABASE_URL": ...})``.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from oasis_testing.stack import free_port, port_open, wait_for
from tests.fixtures.services import missing_service
from tests.fixtures.stack import start_stack

PG_BIN = Path(os.environ.get("OASIS_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))


def pytest_collection_modifyitems(items):
    for item in items:
        if "/faults/" in str(item.fspath):
            item.add_marker(pytest.mark.faults)


@dataclass
class PrivateRedis:
    port: int
    workdir: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        log = open(self.workdir / "redis.log", "ab")  # noqa: SIM115 (kept open by the child)
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.workdir,
        )
        wait_for(lambda: port_open("127.0.0.1", self.port), timeout=10, what="the private Redis")

    def stop(self) -> None:
        """Kill it: everything it held (queued messages, enqueue marks) is gone, as after a crash."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        wait_for(lambda: not port_open("127.0.0.1", self.port), timeout=10, what="Redis to stop")

    def restart(self, down_s: float = 0.0) -> None:
        self.stop()
        time.sleep(down_s)
        self.start()


@dataclass
class PrivatePostgres:
    port: int
    datadir: Path
    socketdir: Path

    def _run(self, *argv: str, timeout: float = 60) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *argv], check=True, capture_output=True, timeout=timeout)

    @property
    def admin_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def _ctl(self, *args: str) -> None:
        options = f"-p {self.port} -k {self.socketdir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.datadir),
            "-o",
            options,
            "-l",
            str(self.datadir / "log"),
            *args,
        )

    def start(self) -> None:
        self._ctl("-w", "start")

    def stop(self) -> None:
        self._ctl("-w", "-m", "fast", "stop")

    def restart(self) -> None:
        self._ctl("-w", "-m", "fast", "restart")


@dataclass
class PrivateEngine:
    """A second dockerd with its own data root, its own containerd and its own bridge."""

    root: Path
    bridge: str
    process: subprocess.Popen | None = None

    @property
    def socket(self) -> str:
        return f"unix://{self.root}/docker.sock"

    def start(self) -> None:
        log = open(self.root / "dockerd.log", "ab")  # noqa: SIM115 (kept open by the child)
        argv = ["dockerd", "--host", self.socket, "--data-root", str(self.root / "data")]
        argv += ["--exec-root", str(self.root / "exec"), "--pidfile", str(self.root / "docker.pid")]
        argv += ["--bridge", self.bridge, "--iptables=false", "--ip-masq=false"]
        self.process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        import docker

        def answers() -> bool:
            if self.process.poll() is not None:
                raise RuntimeError((self.root / "dockerd.log").read_text()[-3000:])
            try:
                return docker.DockerClient(base_url=self.socket, timeout=5).ping()
            except Exception:
                return False

        wait_for(answers, timeout=60, what="the private Docker engine")

    def stop(self) -> None:
        """A graceful stop (SIGTERM), as ``systemctl stop docker``: it stops every container first."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=60)


@pytest.fixture(scope="module")
def private_engine(docker_client, busybox_image):
    if os.geteuid() != 0 or shutil.which("dockerd") is None or shutil.which("ip") is None:
        missing_service("a private Docker engine needs root, dockerd and ip (for its own bridge)")
    import uuid

    root = Path(tempfile.mkdtemp(prefix="oasis-faults-engine-", dir="/tmp"))
    bridge = f"oasisbr{uuid.uuid4().hex[:6]}"
    subnet = f"10.213.{uuid.uuid4().int % 250 + 1}"
    subprocess.run(["ip", "link", "add", "name", bridge, "type", "bridge"], check=True)
    subprocess.run(["ip", "addr", "add", f"{subnet}.1/24", "dev", bridge], check=True)
    subprocess.run(["ip", "link", "set", bridge, "up"], check=True)
    engine = PrivateEngine(root=root, bridge=bridge)
    try:
        engine.start()
        yield engine
    finally:
        with contextlib.suppress(Exception):
            engine.stop()
        subprocess.run(["ip", "link", "del", bridge], check=False)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def private_redis():
    if shutil.which("redis-server") is None:
        missing_service("no redis-server binary for a private Redis")
    redis = PrivateRedis(port=free_port(), workdir=Path(tempfile.mkdtemp(prefix="oasis-faults-redis-")))
    redis.start()
    yield redis
    with contextlib.suppress(Exception):
        redis.stop()


@pytest.fixture(scope="module")
def private_postgres():
    if not (PG_BIN / "initdb").exists():
        missing_service(f"no PostgreSQL binaries in {PG_BIN} for a private cluster")
    root = Path(tempfile.mkdtemp(prefix="oasis-faults-pg-"))
    datadir, socketdir = root / "data", root / "socket"
    datadir.mkdir()
    socketdir.mkdir()
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        owner = pwd.getpwnam("postgres")
        for path in (root, datadir, socketdir):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    pg = PrivatePostgres(port=free_port(), datadir=datadir, socketdir=socketdir)
    pg._run(
        str(PG_BIN / "initdb"),
        "-D",
        str(datadir),
        "-U",
        "postgres",
        "--auth=trust",
        "-E",
        "UTF8",
        timeout=120,
    )
    pg.start()
    yield pg
    with contextlib.suppress(Exception):
        pg.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def fault_stack(docker_client, private_redis, private_postgres):
    """The distributed stack (web, a worker with beat: lease 6 s, recovery every 2 s) on the private
    PostgreSQL and Redis, so a test may restart them."""
    import psycopg

    with psycopg.connect(f"{private_postgres.admin_url}/postgres", autocommit=True) as conn:
        conn.execute("CREATE DATABASE oasis")
    stack = start_stack(
        "distributed",
        redis_url=private_redis.url,
        extra_env={"DATABASE_URL": f"{private_postgres.admin_url}/oasis", "OASIS_DB_OUTAGE_S": "60"},
    )
    yield stack
    stack.stop()
