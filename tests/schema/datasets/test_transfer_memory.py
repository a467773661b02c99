"""A 1 GB upload through the real server (daphne, ``manage.py serve``) streams to storage while hashing,
and its downloads stream at the client's pace: the server's peak RSS stays under 200 MB for each.

Measured as the web process's VmHWM (the kernel's high-water mark of its resident memory, which no
sampling can miss): on a fresh server for the upload, reset through ``/proc/<pid>/clear_refs`` before
each download, so each peak belongs to one transfer.
"""

import hashlib
import json
import os
import time
import zipfile
from pathlib import Path

import httpx
import pytest

from oasis_testing.stack import BACKEND
from tests.fixtures.services import missing_service
from tests.fixtures.stack import start_stack

pytestmark = pytest.mark.e2e

SIZE_MB = 1024
LIMIT_MB = 200
CREATE = """mutation($input: CreateDatasetInput!) { createDataset(input: $input) {
  __typename ... on Dataset { downloadUrl size fileCount files { edges { node { path size sha256 downloadUrl } } } }
  ... on OperationInfo { messages { field message } } } }"""


def _kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    raise KeyError(key)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> tuple[Path, str]:
    """SIZE_MB of incompressible bytes (one random MB, numbered per MB) and its sha256."""
    path = tmp_path_factory.mktemp("upload") / "big.bin"
    digest = hashlib.sha256()
    block = bytearray(os.urandom(1024 * 1024))
    with open(path, "wb") as out:
        for i in range(SIZE_MB):
            block[:8] = i.to_bytes(8, "big")
            digest.update(block)
            out.write(block)
    return path, digest.hexdigest()


def _reset_peak(pid: int) -> None:
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except PermissionError:
        missing_service("resetting a process's VmHWM (/proc/<pid>/clear_refs) needs root")


def _upload(stack, path: Path, sha256: str) -> tuple[float, dict, str]:
    """Upload ``path`` as a one-file dataset: (the server's peak RSS in MB, the dataset, the token)."""
    stack.create_user("big", "correct horse battery")
    token = stack.token("big")
    web = stack.processes["web"].popen.pid
    operations = {
        "query": CREATE,
        "variables": {"input": {"name": "big", "files": [None], "paths": ["x/big.bin"]}},
    }
    form = {"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.input.files.0"]})}
    with open(path, "rb") as body:
        response = httpx.post(
            f"{stack.url}/graphql",
            data=form,
            files={"0": ("big.bin", body, "application/octet-stream")},
            headers={"Authorization": f"Bearer {token}"},
            timeout=600,
        )
    assert response.status_code == 200, response.text[:2000]
    result = response.json()["data"]["createDataset"]
    assert result["__typename"] == "Dataset", result
    assert (result["size"], result["fileCount"]) == (SIZE_MB * 2**20, 1)
    node = result["files"]["edges"][0]["node"]
    assert {k: node[k] for k in ("path", "size", "sha256")} == {
        "path": "x/big.bin",
        "size": SIZE_MB * 2**20,
        "sha256": sha256,
    }
    return _kb(web, "VmHWM") / 1024, result, token


def test_a_1_gb_upload_keeps_the_server_under_200_mb_with_the_spool_on_disk(big_file, tmp_path):
    """With ``FILE_UPLOAD_MAX_MEMORY_SIZE`` above 0 (the fix proposed for settings.py): under 200 MB."""
    (tmp_path / "spool_settings.py").write_text(
        "from oasis.settings import *  # noqa: F403\nFILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024\n"
    )
    stack = start_stack(
        "embedded",
        extra_env={
            "DJANGO_SETTINGS_MODULE": "spool_settings",
            "PYTHONPATH": f"{tmp_path}{os.pathsep}{BACKEND}",
        },
    )
    try:
        peak, _, _ = _upload(stack, *big_file)
        assert peak < LIMIT_MB, f"the server peaked at {peak:.0f} MB\n{stack.logs()[-3000:]}"
    finally:
        stack.stop()


@pytest.fixture(scope="module")
def uploaded(big_file):
    """An embedded server holding the big file as a dataset: (stack, upload peak MB, dataset, token)."""
    stack = start_stack("embedded")
    try:
        peak, dataset, token = _upload(stack, *big_file)
        yield stack, peak, dataset, token
    finally:
        stack.stop()


def test_a_1_gb_upload_keeps_the_server_under_200_mb(uploaded):
    stack, peak, _, _ = uploaded
    assert peak < LIMIT_MB, f"the server peaked at {peak:.0f} MB\n{stack.logs()[-3000:]}"


def test_the_1_gb_zip_downloads_whole_and_keeps_the_server_under_200_mb(uploaded, big_file, tmp_path):
    """The client reads as fast as it can; the server reads the disk faster than loopback takes it."""
    stack, _, dataset, token = uploaded
    web = stack.processes["web"].popen.pid
    _reset_peak(web)
    target = tmp_path / "big.zip"
    with (
        httpx.stream(
            "GET",
            f"{stack.url}{dataset['downloadUrl']}",
            headers={"Authorization": f"Bearer {token}"},
            timeout=600,
            follow_redirects=True,  # to the data plane (oasis.datasets.dataplane)
        ) as response,
        open(target, "wb") as out,
    ):
        assert response.status_code == 200
        for chunk in response.iter_raw(1024 * 1024):
            out.write(chunk)
    peak = _kb(web, "VmHWM") / 1024
    with zipfile.ZipFile(target) as archive:
        (info,) = archive.infolist()
        assert (info.filename, info.file_size) == ("x/big.bin", SIZE_MB * 2**20)
        digest = hashlib.sha256()
        with archive.open(info) as member:
            while block := member.read(1024 * 1024):
                digest.update(block)
    assert digest.hexdigest() == big_file[1]
    assert peak < LIMIT_MB, f"the server peaked at {peak:.0f} MB while sending the zip"


def test_a_slow_client_is_served_at_its_pace_and_may_leave_midway(uploaded):
    """A client reading 256 MB of the file at 64 MB/s, then hanging up: before the server waited for
    the transport, what it could not send yet piled up in memory (~550 MB for this)."""
    stack, _, dataset, token = uploaded
    web = stack.processes["web"].popen.pid
    _reset_peak(web)
    url = f"{stack.url}{dataset['files']['edges'][0]['node']['downloadUrl']}"
    rate, wanted, got = 64 * 2**20, 256 * 2**20, 0
    started = time.perf_counter()
    with httpx.stream(
        "GET", url, headers={"Authorization": f"Bearer {token}"}, timeout=600, follow_redirects=True
    ) as response:
        assert response.status_code == 200
        for chunk in response.iter_raw(64 * 1024):
            got += len(chunk)
            if got >= wanted:
                break  # leaves with ~750 MB unsent
            ahead = got / rate - (time.perf_counter() - started)
            if ahead > 0:
                time.sleep(ahead)
    peak = _kb(web, "VmHWM") / 1024
    assert peak < LIMIT_MB, f"the server peaked at {peak:.0f} MB while a slow client read"
    # The server dropped the abandoned response and still answers.
    again = httpx.get(
        url,
        headers={"Authorization": f"Bearer {token}", "Range": "bytes=0-9"},
        timeout=30,
        follow_redirects=True,
    )
    assert (again.status_code, len(again.content)) == (206, 10)
