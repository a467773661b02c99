"""The real ``oasis`` command against a real server and engine: the README's flow end to end, exit
codes, one-line errors, and a followed log that survives dropped connections."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from oasis_client import Client
from oasis_client.client import number as task_number
from tests.fixtures.stack import start_stack

pytestmark = [pytest.mark.docker, pytest.mark.e2e]

OASIS = str(Path(sys.executable).with_name("oasis"))


@pytest.fixture(scope="module")
def stack(docker_client):
    # Clients reach the data plane (file bytes, upload parts) through a proxy of ours, as they reach
    # the API through one in the tests below: its address is the data plane's public URL.
    data_proxy = DroppingProxy(0)
    live = start_stack("embedded", extra_env={"OASIS_DATA_URL": f"http://127.0.0.1:{data_proxy.port}"})
    data_proxy.target = int(live.env["OASIS_DATA_PORT"])
    live.data_proxy = data_proxy
    live.create_user("cleo", "cleo-password-1")
    yield live
    live.stop()
    data_proxy.close()


@pytest.fixture(scope="module")
def env(stack, tmp_path_factory):
    """The environment of a signed-in `oasis`: the token stored by `oasis login --password-stdin`."""
    home = tmp_path_factory.mktemp("home")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OASIS_")}
    environment["OASIS_CONFIG"] = str(home / "config.json")
    signed = subprocess.run(
        [OASIS, "login", stack.url, "--username", "cleo", "--password-stdin"],
        input="cleo-password-1\n",
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert signed.returncode == 0, signed.stderr
    assert "Signed in to" in signed.stderr and "as cleo" in signed.stderr
    stored = json.loads((home / "config.json").read_text())
    assert stored["url"] == stack.url and stored["token"].startswith("oasis_")
    assert oct((home / "config.json").stat().st_mode & 0o777) == "0o600"
    return environment


def oasis(env, *args: str, timeout: float = 180, **extra) -> subprocess.CompletedProcess:
    return subprocess.run(
        [OASIS, *args], capture_output=True, text=True, env={**env, **extra}, timeout=timeout
    )


@pytest.fixture(scope="module")
def registered(env, busybox_tarball):
    done = oasis(env, "images", "register", "busybox", "--file", str(busybox_tarball), "--json")
    assert done.returncode == 0, done.stderr
    image = json.loads(done.stdout)
    assert image["status"] == "READY" and image["imageId"].startswith("sha256:")
    return image


def test_the_readme_flow(env, registered, tmp_path):
    made = oasis(
        env,
        "algorithms",
        "create",
        "count",
        "--image",
        "busybox",
        "--memory-mb",
        "64",
        "--command",
        "/bin/sh -c 'echo counting; echo careful >&2; ls -R input > output/list.txt'",
    )
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "scans"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("a\n")
    (folder / "sub" / "b.txt").write_text("b\n")

    done = oasis(
        env, "run", "count", "--input", str(folder), "--follow", "--download-output", str(tmp_path / "out")
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout == "counting\n"
    assert "careful" in done.stderr and "Traceback" not in done.stderr
    listing = (tmp_path / "out" / "list.txt").read_text()
    assert "a.txt" in listing and "b.txt" in listing and "sub" in listing

    listed = json.loads(oasis(env, "tasks", "list", "--json").stdout)
    task = listed[0]
    assert task["status"] == "SUCCEEDED" and task["inputDataset"]["name"] == "scans"
    number = task_number(task["id"])
    logs = oasis(env, "logs", number, "--from-line", "0")
    assert logs.stdout == "counting\n" and "careful" in logs.stderr
    shown = oasis(env, "tasks", "show", number)
    assert "spec sha256:" in shown.stdout and registered["imageId"][:19] in shown.stdout

    again = oasis(env, "tasks", "rerun", number, "--follow")
    assert again.returncode == 0, again.stderr
    assert again.stdout == "counting\n" and f"a re-run of task {number}" in again.stderr

    downloaded = oasis(env, "datasets", "download", "scans", str(tmp_path / "back"))
    assert downloaded.returncode == 0, downloaded.stderr
    assert (tmp_path / "back" / "sub" / "b.txt").read_text() == "b\n"


def test_exit_codes_and_one_line_errors(env, registered, tmp_path):
    assert (
        oasis(
            env, "algorithms", "create", "three", "--image", "busybox", "--command", "/bin/sh -c 'exit 3'"
        ).returncode
        == 0
    )
    (tmp_path / "x.txt").write_text("x\n")
    assert oasis(env, "datasets", "upload", "x", str(tmp_path / "x.txt")).returncode == 0

    failed = oasis(env, "run", "three", "--input", "x", "--follow")
    assert failed.returncode == 3
    assert "failed: exited with code 3" in failed.stderr

    missing = oasis(env, "run", "no-such-algorithm", "--input", "x")
    assert missing.returncode == 65
    assert missing.stderr.strip() == "error: no algorithm named or numbered 'no-such-algorithm'"

    bad = oasis(env, "algorithms", "create", "bad", "--image", "busybox", "--memory-mb", "1")
    assert bad.returncode == 65
    assert bad.stderr.strip().startswith("error: memoryMb: Memory is between")
    assert "Traceback" not in bad.stderr

    signed_out = oasis(env, "tasks", "list", OASIS_TOKEN="oasis_not-a-token")
    assert signed_out.returncode == 77 and "Traceback" not in signed_out.stderr
    unreachable = oasis(env, "tasks", "list", OASIS_URL="http://127.0.0.1:9")
    assert unreachable.returncode == 69 and unreachable.stderr.startswith("error: cannot reach OASIS")

    long = oasis(env, "algorithms", "create", "long", "--image", "busybox", "--command", "sleep 60")
    assert long.returncode == 0
    started = json.loads(oasis(env, "run", "long", "--input", "x", "--json").stdout)
    number = task_number(started["id"])
    assert oasis(env, "tasks", "cancel", number).returncode == 0
    assert oasis(env, "logs", number, "--follow").returncode == 130


class DroppingProxy:
    """A TCP proxy to the server whose ``drop()`` cuts every open connection (as a flaky link would);
    it counts the bytes sent upstream and may hold them to ``rate`` bytes a second."""

    def __init__(self, port: int, *, rate: float | None = None):
        self.target = port
        self.rate = rate
        self.upstream_bytes = 0
        self.generation = 0
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            with self.lock:
                self.sockets += [client, upstream]
            generation = self.generation
            threading.Thread(target=self._pipe, args=(client, upstream, generation), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, None), daemon=True).start()

    def restart_count(self) -> None:
        """Count only connections made from now on (a killed client's bytes may still drain)."""
        with self.lock:
            self.generation += 1
            self.upstream_bytes = 0

    def _pipe(self, source: socket.socket, target: socket.socket, generation: int | None) -> None:
        up = generation is not None
        try:
            while data := source.recv(65536):
                if up:
                    with self.lock:
                        if generation == self.generation:
                            self.upstream_bytes += len(data)
                    if self.rate:
                        time.sleep(len(data) / self.rate)
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def drop(self) -> int:
        with self.lock:
            dropped, self.sockets = self.sockets, []
        for s in dropped:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass
        return len(dropped)

    def close(self) -> None:
        self.server.close()
        self.drop()


def test_a_followed_log_survives_dropped_connections(env, stack, registered, tmp_path):
    (tmp_path / "y.txt").write_text("y\n")
    assert oasis(env, "datasets", "upload", "y", str(tmp_path / "y.txt")).returncode == 0
    made = oasis(
        env,
        "algorithms",
        "create",
        "slow",
        "--image",
        "busybox",
        "--command",
        "/bin/sh -c 'for i in $(seq 1 300); do echo line $i; [ $((i % 20)) -eq 0 ] && sleep 0.5; done'",
    )
    assert made.returncode == 0, made.stderr
    started = oasis(env, "run", "slow", "--input", "y", "--json")
    assert started.returncode == 0, started.stderr
    number = task_number(json.loads(started.stdout)["id"])
    proxy = DroppingProxy(stack.port)
    try:
        follower = subprocess.Popen(
            [OASIS, "logs", number, "--follow"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**env, "OASIS_URL": f"http://127.0.0.1:{proxy.port}"},
        )
        drops = 0
        for _ in range(12):
            try:
                follower.wait(timeout=0.6)
                break
            except subprocess.TimeoutExpired:
                drops += proxy.drop() > 0
        stdout, stderr = follower.communicate(timeout=120)
    finally:
        proxy.close()
    assert follower.returncode == 0, stderr
    assert drops >= 2
    assert stdout.splitlines() == [f"line {i}" for i in range(1, 301)]


def test_an_upload_killed_halfway_resumes_without_sending_it_again(env, stack, tmp_path):
    data = os.urandom(40 * 1024 * 1024)
    big = tmp_path / "big.bin"
    big.write_bytes(data)
    command = [OASIS, "datasets", "upload", "big", str(big), "--part-size-mb", "5", "--json"]
    # The parts go to the data plane's presigned URLs: through the stack's data proxy, held to 8 MB/s.
    parts = stack.data_proxy
    parts.rate = 8e6
    parts.restart_count()
    try:
        first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        while parts.upstream_bytes < 0.6 * len(data) and first.poll() is None:
            time.sleep(0.05)
        first.kill()
        first.wait(timeout=30)
        assert first.returncode != 0, "the upload finished before it could be killed"
        parts.rate = None
        parts.restart_count()
        again = subprocess.run(command, capture_output=True, text=True, timeout=180, env=env)
        sent_again = parts.upstream_bytes
    finally:
        parts.rate = None
    assert again.returncode == 0, again.stderr
    arrived = re.search(r"resuming big.bin: ([1-7]) of 8 parts already there", again.stderr)
    assert arrived, again.stderr
    # Only the parts that had not arrived went again (4 were in flight at the kill: up to 4 lost).
    assert sent_again <= (8 - int(arrived[1])) * 5 * 1024 * 1024 + 1024 * 1024, sent_again
    assert sent_again <= 0.65 * len(data), sent_again
    made = json.loads(again.stdout)
    token = json.loads(Path(env["OASIS_CONFIG"]).read_text())["token"]
    with Client(stack.url, token) as reader:
        files = reader.dataset_files(made["id"])
    assert [(f.path, f.size, f.sha_256) for f in files] == [
        ("big.bin", len(data), hashlib.sha256(data).hexdigest())
    ]
