"""`{ me }` answers within 250 ms while each abuse of issue 12 runs against a real server (embedded
mode: daphne, the worker and SQLite in one process, the most exposed setup).

Each abuse runs in a process of its own (tests/fixtures/abuse.py) for a few seconds while this test
asks `{ me }` again and again; the abuses: 15 aliases of a multi-MB outputLog, a text filter over
20,000 datasets with 190-character names, image uploads whose tar header declares 500 GB, a gzip bomb
upload, and 500 idle sockets (half stuck in a request head).
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tarfile
import time
import zlib

import httpx
import pytest

from oasis_testing.client import OasisClient
from oasis_testing.stack import REPO
from tests.fixtures.stack import start_stack

ME_LIMIT_MS = 250
WORST_LIMIT_MS = 1000
SAMPLES = 40
ABUSE_S = 7.0
#: A 100,000-line log of 98-byte lines: ~9.8 MB, past the 4 MiB one request may return.
BIG_LOG = "/bin/sh -c 'yes 0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456 | head -n 100000'"


@pytest.fixture(scope="module")
def stack(docker_client):
    stack = start_stack("embedded")
    yield stack
    stack.stop()


@pytest.fixture(scope="module")
def erin(stack, busybox_ref, tmp_path_factory):
    stack.create_user("erin", "erin-password-1")
    client = OasisClient(stack.url, stack.token("erin"))
    yield client
    client.close()


@pytest.fixture(scope="module")
def big_log_task(erin, busybox_ref, tmp_path_factory) -> str:
    image = erin.register_image_ref("busybox", busybox_ref)
    path = tmp_path_factory.mktemp("in") / "x.txt"
    path.write_text("x\n")
    dataset = erin.create_dataset("in", {"x.txt": path})
    task = erin.run(erin.create_algorithm(image["id"], name="loud", command=BIG_LOG)["id"], dataset["id"])
    done = erin.wait(task["id"], timeout=180)
    assert done["status"] == "SUCCEEDED" and done["logLineCount"] == 100_000, done
    return task["id"]


@pytest.fixture(scope="module")
def many_datasets(stack) -> int:
    count = 20_000
    stack.manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; from oasis.datasets.models import Dataset; "
        "owner = get_user_model().objects.get(username='erin'); "
        f"Dataset.objects.bulk_create([Dataset(owner=owner, name='a' * 180 + f'{{i:09d}}!') for i in range({count})], "
        "batch_size=2000)",
    )
    return count


def huge_header_tarball(path) -> None:
    """4,608 bytes whose one member declares 500 GB (GNU base-256 size): 291 s of CPU before."""
    info = tarfile.TarInfo("big/layer.tar")
    info.size = 500 * 1024**3
    path.write_bytes(info.tobuf(tarfile.GNU_FORMAT) + b"\0" * 4096)


def gzip_bomb(path) -> None:
    """4.7 MB of gzip that unpacks to 1 GiB: a tar member of zeros (a 4 MB one cost 103 s of CPU)."""
    info = tarfile.TarInfo("big/layer.tar")
    info.size = 1024**3
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31)  # gzip framing
    zeros = b"\0" * 1024**2
    with path.open("wb") as out:
        out.write(compressor.compress(info.tobuf(tarfile.GNU_FORMAT)))
        for _ in range(1024):
            out.write(compressor.compress(zeros))
        out.write(compressor.flush())
    assert gzip.GzipFile(path).read(512).startswith(b"big/layer.tar")


def me_latencies(stack, token: str, *, count: int) -> list[float]:
    took = []
    with httpx.Client(base_url=stack.url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
        client.post("/graphql", json={"query": "{ me { username } }"})  # the connection is open
        for _ in range(count):
            started = time.perf_counter()
            response = client.post("/graphql", json={"query": "{ me { username } }"})
            took.append(time.perf_counter() - started)
            assert response.json() == {"data": {"me": {"username": "erin"}}}
            time.sleep(0.05)
    return took


def under_abuse(stack, erin, kind: str, arg: str = "") -> tuple[list[float], dict]:
    abuser = subprocess.Popen(
        [sys.executable, "-m", "tests.fixtures.abuse", kind, stack.url, erin.token, str(ABUSE_S), arg],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(1.0)  # under way
        took = me_latencies(stack, erin.token, count=SAMPLES)
        out, _ = abuser.communicate(timeout=ABUSE_S + 60)
    finally:
        if abuser.poll() is None:
            abuser.kill()
    assert abuser.returncode == 0, out
    return took, json.loads(out.strip().splitlines()[-1])


def assert_quick(took: list[float], outcomes: dict) -> None:
    """The median and the 90th percentile within 250 ms; no answer held up for long (the regex
    filter of the issue held every request ~95 s). The single slowest answer is not held to 250 ms:
    on a shared machine the scheduler alone can add that to any one request."""
    ms = sorted(round(t * 1000) for t in took)
    median, p90, worst = ms[len(ms) // 2], ms[int(len(ms) * 0.9) - 1], ms[-1]
    summary = f"{{ me }} median {median} ms, p90 {p90} ms, max {worst} ms; abuse: {outcomes}"
    print(summary)
    assert median < ME_LIMIT_MS and p90 < ME_LIMIT_MS and worst < WORST_LIMIT_MS, summary


def test_a_big_output_log_asked_15_times_in_one_query(stack, erin, big_log_task):
    took, outcomes = under_abuse(stack, erin, "output_log", big_log_task)
    assert outcomes.get("200 ok", 0) >= 4, outcomes  # each answered, capped at OASIS_REQUEST_LOG_MAX_BYTES
    assert_quick(took, outcomes)


def test_a_text_filter_over_many_rows(stack, erin, many_datasets):
    took, outcomes = under_abuse(stack, erin, "filter")
    assert outcomes.get("200 ok", 0) >= 4, outcomes
    assert_quick(took, outcomes)


def test_an_image_tarball_whose_header_declares_500_gb(stack, erin, tmp_path):
    huge_header_tarball(tmp_path / "huge.tar")
    took, outcomes = under_abuse(stack, erin, "upload", str(tmp_path / "huge.tar"))
    assert any("declares" in outcome for outcome in outcomes), outcomes
    assert_quick(took, outcomes)


def test_a_gzip_bomb_upload(stack, erin, tmp_path):
    gzip_bomb(tmp_path / "bomb.tar.gz")
    took, outcomes = under_abuse(stack, erin, "upload", str(tmp_path / "bomb.tar.gz"))
    assert any("unpacks to more than" in outcome for outcome in outcomes), outcomes
    assert_quick(took, outcomes)


def test_500_idle_sockets(stack, erin):
    took, outcomes = under_abuse(stack, erin, "idle_sockets", "500")
    assert outcomes == {"opened": 500}
    assert_quick(took, outcomes)
