"""A 1 GB upload through the real server (daphne, ``manage.py serve``) streams to storage while hashing:
the server's peak RSS stays under 200 MB.

Measured as the web process's VmHWM (the kernel's high-water mark of its resident memory, which no
sampling can miss) on a fresh server, so the peak belongs to this upload.
"""

import hashlib
import json
import os
from pathlib import Path

import httpx
import pytest

from tests.fixtures.stack import BACKEND, start_stack

pytestmark = pytest.mark.e2e

SIZE_MB = 1024
LIMIT_MB = 200
CREATE = """mutation($input: CreateDatasetInput!) { createDataset(input: $input) {
  __typename ... on Dataset { size fileCount files { edges { node { path size sha256 } } } }
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


def _upload_peak_mb(stack, path: Path, sha256: str) -> float:
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
    assert node == {"path": "x/big.bin", "size": SIZE_MB * 2**20, "sha256": sha256}
    return _kb(web, "VmHWM") / 1024


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
        peak = _upload_peak_mb(stack, *big_file)
        assert peak < LIMIT_MB, f"the server peaked at {peak:.0f} MB\n{stack.logs()[-3000:]}"
    finally:
        stack.stop()


def test_a_1_gb_upload_keeps_the_server_under_200_mb(big_file):
    stack = start_stack("embedded")
    try:
        peak = _upload_peak_mb(stack, *big_file)
        assert peak < LIMIT_MB, f"the server peaked at {peak:.0f} MB"
    finally:
        stack.stop()
