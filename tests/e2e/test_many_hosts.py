"""Many hosts for real (issue 13): web, beat and two workers, each worker on a Docker engine of its own,
with S3 storage and no shared disk.

Each "host" is a private ``dockerd`` (its own socket, data root, exec root, pid file and bridge) and a
Celery worker whose ``DOCKER_HOST`` points at it and whose ``OASIS_DATA_DIR`` is its own folder; the
web process has a third. Blobs live in moto's S3 server only. The image is registered by a reference
in the local registry: one worker pulls it to pin it, the other pulls the pinned digest the first
time it needs it. Inputs go up through resumable uploads straight to S3 (and one through the GraphQL
multipart request), outputs come back through S3 (file downloads are redirects to presigned URLs).
Tasks that want a GPU go to the ``gpu`` queue, which neither worker consumes: they are never run.

Needs root, ``dockerd`` and ``ip`` (bridges); otherwise skipped locally and failed in CI.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import docker
import httpx
import pytest

from oasis_testing.s3 import moto_s3
from oasis_testing.stack import CELERY, wait_for
from tests.fixtures.services import missing_service
from tests.fixtures.stack import start_stack

pytestmark = pytest.mark.docker

TASKS = 40
BUCKET = "oasis-many-hosts"
MB = 1024 * 1024
START = """mutation($input: StartUploadInput!) { startUpload(input: $input) {
  __typename ... on UploadSession { id partCount partSize direct } ... on OperationInfo { messages { message } } } }"""
URLS = "query($id: ID!, $n: [Int!]!) { uploadSession(id: $id) { partUrls(partNumbers: $n) { number url } } }"
COMPLETE = """mutation($id: ID!) { completeUpload(id: $id) {
  __typename ... on UploadSession { status } ... on OperationInfo { messages { message } } } }"""
SESSION = "query($id: ID!) { uploadSession(id: $id) { status error dataset { id } } }"
OUTPUT = """query($id: ID!) { task(id: $id) { status outputLog outputDataset { downloadUrl
  files { edges { node { path sha256 downloadUrl } } } } } }"""


@dataclass
class Engine:
    name: str
    socket: str
    bridge: str
    root: Path
    process: subprocess.Popen

    @property
    def host(self) -> str:
        return f"unix://{self.socket}"

    def client(self) -> docker.DockerClient:
        return docker.DockerClient(base_url=self.host, timeout=30)

    def containers_created(self, since: float) -> int:
        with contextlib.closing(self.client()) as client:
            events = client.events(
                since=int(since),
                until=int(time.time()) + 1,
                decode=True,
                filters={"type": "container", "event": "create"},
            )
            return sum(1 for _ in events)


def _run(*argv: str) -> None:
    subprocess.run(argv, check=True, capture_output=True)


@contextlib.contextmanager
def private_engine(index: int):
    """A second Docker engine on this machine with a bridge of its own (never ``--bridge=none``: that
    makes dockerd delete the main engine's docker0)."""
    root = Path(tempfile.mkdtemp(prefix=f"oasis-dk{index}-", dir="/tmp"))
    bridge = f"br-t{index}"
    _run("ip", "link", "add", bridge, "type", "bridge")
    process = None
    try:
        _run("ip", "addr", "add", f"10.213.{index}.1/24", "dev", bridge)
        _run("ip", "link", "set", bridge, "up")
        socket_path = str(root / "docker.sock")
        log = open(root / "dockerd.log", "wb")  # noqa: SIM115 (kept open by the child)
        process = subprocess.Popen(
            [
                "dockerd",
                "-H",
                f"unix://{socket_path}",
                "--data-root",
                str(root / "data"),
                "--exec-root",
                str(root / "exec"),
                "--pidfile",
                str(root / "docker.pid"),
                f"--bridge={bridge}",
                "--iptables=false",
                "--ip-masq=false",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        engine = Engine(f"host{index}", socket_path, bridge, root, process)

        def up() -> bool:
            if process.poll() is not None:
                raise RuntimeError(f"dockerd exited:\n{(root / 'dockerd.log').read_text()[-3000:]}")
            try:
                with contextlib.closing(engine.client()) as client:
                    return client.ping()
            except Exception:
                return False

        wait_for(up, timeout=60, what=f"dockerd {index}")
        yield engine
    finally:
        if process is not None and process.poll() is None:
            with (
                contextlib.suppress(Exception),
                contextlib.closing(docker.DockerClient(base_url=f"unix://{root / 'docker.sock'}")) as client,
            ):
                for container in client.containers.list(all=True):
                    container.remove(force=True)
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
        subprocess.run(["ip", "link", "del", bridge], capture_output=True)
        subprocess.run(["umount", "-R", str(root / "data")], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def engines(docker_client):
    if os.geteuid() != 0 or not shutil.which("dockerd") or not shutil.which("ip"):
        missing_service("private Docker engines need root, dockerd and ip (bridges)")
    # Bridge names and subnets of our own, apart from another run's on this machine.
    first = random.randrange(20, 240, 2)
    with private_engine(first) as one, private_engine(first + 1) as two:
        yield one, two


@pytest.fixture(scope="module")
def s3_server():
    with moto_s3(BUCKET) as store:
        yield store


@pytest.fixture(scope="module")
def hosts(engines, s3_server, people):
    stack = start_stack("distributed", extra_env=s3_server.stack_env(), worker=False)
    try:
        stack.spawn("beat", [CELERY, "-A", "oasis", "beat", "--schedule", str(stack.workdir / "beat")])
        for engine in engines:
            data_dir = stack.workdir / engine.name  # its own disk: nothing shared with the web process
            argv = [CELERY, "-A", "oasis", "worker", "-Q", "default,housekeeping", "-c", "2"]
            argv += [
                "--hostname",
                f"{engine.name}@%h",
                "--without-mingle",
                "--without-gossip",
                "--loglevel=INFO",
            ]
            process = stack.spawn(
                engine.name, argv, extra_env={"DOCKER_HOST": engine.host, "OASIS_DATA_DIR": str(data_dir)}
            )
            wait_for(
                lambda p=process: "ready." in p.log() or p.popen.poll() is not None, timeout=90, what="worker"
            )
            assert process.popen.poll() is None, process.log()
        alice, _ = people(stack)
        yield stack, alice
    except BaseException:
        print(stack.logs())
        raise
    finally:
        stack.stop()


def _resumable_upload(alice, name: str, data: bytes) -> str:
    """Upload ``data`` as ``data.bin`` of a new dataset through an upload session straight to S3."""
    started = alice.data(
        START, {"input": {"path": "data.bin", "size": len(data), "datasetName": name, "partSize": 5 * MB}}
    )["startUpload"]
    assert started["direct"] is True, started
    numbers = list(range(started["partCount"], 0, -1))  # any order
    urls = alice.data(URLS, {"id": started["id"], "n": numbers})["uploadSession"]["partUrls"]
    for part in urls:
        assert part["url"].startswith("http://127.0.0.1:"), part  # the object store, not OASIS
        offset = (part["number"] - 1) * started["partSize"]
        assert httpx.put(part["url"], content=data[offset : offset + started["partSize"]]).status_code == 200
    assert alice.data(COMPLETE, {"id": started["id"]})["completeUpload"]["status"] == "VERIFYING"
    session = wait_for(
        lambda: (
            (s := alice.data(SESSION, {"id": started["id"]})["uploadSession"])["status"] != "VERIFYING" and s
        ),
        timeout=60,
        what="a worker to verify the upload",
    )
    assert session["status"] == "COMPLETE", session
    return session["dataset"]["id"]


def test_tasks_spread_over_two_engines_with_s3_and_no_shared_disk(
    hosts, engines, s3_server, busybox_ref, tmp_path
):
    stack, alice = hosts
    s3 = s3_server.client
    since = time.time() - 1
    image = alice.register_image_ref("busybox", busybox_ref)
    assert image["status"] == "READY", image

    contents = [os.urandom(11 * MB + i) for i in range(2)]
    inputs = [_resumable_upload(alice, f"input-{i}", data) for i, data in enumerate(contents)]
    small = tmp_path / "data.bin"
    contents.append(b"a small file sent with the GraphQL multipart request\n")
    small.write_bytes(contents[-1])
    inputs.append(alice.create_dataset("input-small", {"data.bin": small})["id"])

    command = (
        "sh -c 'sha256sum input/data.bin | cut -c1-64 > output/sum.txt; cp input/data.bin output/copy.bin'"
    )
    algorithm = alice.create_algorithm(image["id"], name="digest", command=command)
    runs = [(alice.run(algorithm["id"], inputs[i % 3])["id"], i % 3) for i in range(TASKS)]
    gpu_algorithm = alice.create_algorithm(image["id"], name="gpu", command="true", gpu=True)
    gpu_task = alice.run(gpu_algorithm["id"], inputs[2])["id"]

    for task_id, _ in runs:
        done = alice.wait(task_id, timeout=240)
        assert done["status"] == "SUCCEEDED", (done, stack.logs()[-5000:])
    for task_id, index in runs[:6]:
        output = alice.data(OUTPUT, {"id": task_id})["task"]["outputDataset"]
        files = {e["node"]["path"]: e["node"] for e in output["files"]["edges"]}
        assert files["copy.bin"]["sha256"] == hashlib.sha256(contents[index]).hexdigest()
        # Downloads: a redirect to the object store, which sends the bytes.
        redirect = alice.http.get(files["sum.txt"]["downloadUrl"])
        assert redirect.status_code == 302, redirect.text
        assert (
            httpx.get(redirect.headers["Location"]).text == hashlib.sha256(contents[index]).hexdigest() + "\n"
        )

    # Both engines ran tasks; together exactly one container per task.
    counts = [engine.containers_created(since) for engine in engines]
    assert all(counts) and sum(counts) == TASKS, counts
    # The GPU task waits on the gpu queue nobody here consumes: it was never run.
    assert alice.task(gpu_task)["status"] == "QUEUED"
    alice.cancel(gpu_task)

    # No shared disk: blobs are in S3 only, nothing under any process's data folder.
    for folder in [stack.workdir / "data"] + [stack.workdir / engine.name for engine in engines]:
        assert not list(folder.glob("storage/blobs/**/*")), folder
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert any(k.startswith("oasis/blobs/") for k in keys) and not any(
        k.startswith("oasis/uploads/") for k in keys
    )
