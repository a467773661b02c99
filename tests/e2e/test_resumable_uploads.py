"""Resumable uploads through the real server (daphne, local storage): parts PUT in parallel as raw
bodies, a connection dropped in the middle of a part, the upload resumed without sending again what
arrived, the file downloaded with Range and as a zip that resumes."""

from __future__ import annotations

import hashlib
import io
import os
import socket
import zipfile
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import httpx
import pytest

pytestmark = pytest.mark.docker

MB = 1024 * 1024
START = """mutation($input: StartUploadInput!) { startUpload(input: $input) {
  __typename ... on UploadSession { id partCount partSize direct } ... on OperationInfo { messages { message } } } }"""
STATE = "query($id: ID!) { uploadSession(id: $id) { status receivedParts { number } } }"
COMPLETE = """mutation($id: ID!) { completeUpload(id: $id) {
  __typename ... on UploadSession { status error dataset { id size downloadUrl
    files { edges { node { sha256 downloadUrl } } } } } ... on OperationInfo { messages { message } } } }"""


def _drop_mid_part(base_url: str, token: str, path: str, data: bytes) -> None:
    """Send the head and half the body of a PUT, then hang up: a connection that dropped."""
    url = urlsplit(base_url)
    with socket.create_connection((url.hostname, url.port)) as conn:
        head = (
            f"PUT {path} HTTP/1.1\r\nHost: {url.netloc}\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Length: {len(data)}\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        conn.sendall(head.encode() + data[: len(data) // 2])


def test_parallel_parts_a_dropped_connection_and_a_resume(embedded_stack, people):
    alice, bob = people(embedded_stack)
    token = alice.http.headers["Authorization"].removeprefix("Bearer ")
    data = os.urandom(26 * MB + 123)
    started = alice.data(
        START,
        {"input": {"path": "scan/big.bin", "size": len(data), "datasetName": "scans", "partSize": 5 * MB}},
    )["startUpload"]
    assert (started["partCount"], started["direct"]) == (6, False)
    session, size = started["id"], started["partSize"]

    def part(n: int) -> bytes:
        return data[(n - 1) * size : n * size]

    def put(n: int) -> int:
        return alice.http.put(f"/api/uploads/{session}/parts/{n}", content=part(n)).status_code

    with ThreadPoolExecutor(3) as pool:  # in parallel, in any order
        assert list(pool.map(put, [5, 1, 3])) == [200, 200, 200]
    _drop_mid_part(embedded_stack.url, token, f"/api/uploads/{session}/parts/2", part(2))
    # Someone else cannot send to it.
    assert bob.http.put(f"/api/uploads/{session}/parts/4", content=part(4)).status_code == 404

    # Resume: ask what arrived and send only the rest; the half part did not count.
    arrived = {p["number"] for p in alice.data(STATE, {"id": session})["uploadSession"]["receivedParts"]}
    assert arrived == {1, 3, 5}
    with ThreadPoolExecutor(3) as pool:
        assert list(pool.map(put, sorted(set(range(1, 7)) - arrived))) == [200, 200, 200]
    done = alice.data(COMPLETE, {"id": session})["completeUpload"]
    assert done["status"] == "COMPLETE", done
    dataset = done["dataset"]
    node = dataset["files"]["edges"][0]["node"]
    assert dataset["size"] == len(data) and node["sha256"] == hashlib.sha256(data).hexdigest()

    # The file with Range, and the zip resumed after a cut: redirects to the data plane.
    redirect = alice.http.get(node["downloadUrl"])
    assert redirect.status_code == 302 and "/data/file/" in redirect.headers["Location"], redirect.text
    assert redirect.headers["Cache-Control"] == "private, no-store"
    ranged = alice.download(node["downloadUrl"], Range="bytes=1000-1999")
    assert ranged.status_code == 206 and ranged.content == data[1000:2000]
    whole = alice.download(dataset["downloadUrl"])
    assert whole.headers["Content-Length"] == str(len(whole.content))
    cut = len(whole.content) // 3
    rest = alice.download(
        dataset["downloadUrl"], **{"Range": f"bytes={cut}-", "If-Range": whole.headers["ETag"]}
    )
    assert rest.status_code == 206 and whole.content[:cut] + rest.content == whole.content
    assert zipfile.ZipFile(io.BytesIO(whole.content)).read("scan/big.bin") == data


def test_a_part_from_a_browser_session_needs_the_csrf_header(embedded_stack, people):
    alice, _ = people(embedded_stack)
    started = alice.data(START, {"input": {"path": "a.bin", "size": 70_000, "datasetName": "d"}})[
        "startUpload"
    ]
    browser = httpx.Client(base_url=embedded_stack.url)
    browser.get("/api/csrf")
    login = browser.post(
        "/graphql",
        json={"query": 'mutation { login(username: "alice", password: "alice-password-1") { __typename } }'},
        headers={"X-CSRFToken": browser.cookies["csrftoken"], "Origin": embedded_stack.url},
    )
    assert login.status_code == 200, login.text
    url = f"/api/uploads/{started['id']}/parts/1"
    without = browser.put(url, content=b"x" * 70_000, headers={"Origin": embedded_stack.url})
    assert without.status_code == 403
    with_header = browser.put(
        url,
        content=b"x" * 70_000,
        headers={"X-CSRFToken": browser.cookies["csrftoken"], "Origin": embedded_stack.url},
    )
    assert with_header.status_code == 200, with_header.text
