"""The data plane (``oasis.datasets.dataplane``) through the real server: downloads are redirects to
presigned URLs it serves (Range, HEAD, the zip), upload parts go to its presigned URLs, and it
refuses what it did not sign, what expired, other methods, foreign origins and slow heads."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import socket
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import httpx
import pytest

from oasis_testing.stack import start_stack

pytestmark = pytest.mark.docker

MB = 1024 * 1024
START = """mutation($input: StartUploadInput!) { startUpload(input: $input) {
  __typename ... on UploadSession { id partCount partSize } ... on OperationInfo { messages { message } } } }"""
URLS = "query($id: ID!, $n: [Int!]!) { uploadSession(id: $id) { partUrls(partNumbers: $n) { number url } } }"
COMPLETE = """mutation($id: ID!) { completeUpload(id: $id) {
  __typename ... on UploadSession { status error dataset { id size downloadUrl
    files { edges { node { path sha256 downloadUrl } } } } } ... on OperationInfo { messages { message } } } }"""


@pytest.fixture(scope="module")
def stack(docker_client):
    # Short-lived download URLs and a short head deadline, to see both refused.
    stack = start_stack(
        "embedded", extra_env={"OASIS_S3_DOWNLOAD_URL_TTL_S": "3", "OASIS_HTTP_HEADER_TIMEOUT_S": "2"}
    )
    yield stack
    stack.stop()


@pytest.fixture(scope="module")
def uploaded(stack, people):
    """A 21 MB file sent in 5 MB parts through the data plane's part URLs, out of order."""
    alice, _ = people(stack)
    data = os.urandom(21 * MB + 7)
    started = alice.data(
        START,
        {"input": {"path": "in/big.bin", "size": len(data), "datasetName": "plane", "partSize": 5 * MB}},
    )["startUpload"]
    count, size = started["partCount"], started["partSize"]
    urls = {
        u["number"]: u["url"]
        for u in alice.data(URLS, {"id": started["id"], "n": list(range(1, count + 1))})["uploadSession"][
            "partUrls"
        ]
    }
    assert all(urlsplit(u).path.startswith("/data/part/") and u.startswith("http") for u in urls.values()), (
        urls
    )

    def put(n: int) -> int:
        # A presigned URL: no credentials with it.
        return httpx.put(urls[n], content=data[(n - 1) * size : n * size], timeout=60).status_code

    with ThreadPoolExecutor(3) as pool:
        assert list(pool.map(put, [5, 2, 1, 4, 3])) == [200] * 5
    done = alice.data(COMPLETE, {"id": started["id"]})["completeUpload"]
    assert done["status"] == "COMPLETE", done
    return alice, data, done["dataset"], urls


def test_parts_through_the_data_plane_make_the_file(uploaded):
    _, data, dataset, _ = uploaded
    node = dataset["files"]["edges"][0]["node"]
    assert dataset["size"] == len(data)
    assert node["sha256"] == hashlib.sha256(data).hexdigest()


def test_a_part_url_is_for_its_part_only(uploaded, stack, people):
    alice, _, _, urls = uploaded
    # The session is complete: its URLs take nothing more.
    assert httpx.put(urls[1], content=b"x" * 5 * MB, timeout=30).status_code == 409
    started = alice.data(
        START, {"input": {"path": "b.bin", "size": 6 * MB, "datasetName": "p2", "partSize": 5 * MB}}
    )["startUpload"]
    part = alice.data(URLS, {"id": started["id"], "n": [2]})["uploadSession"]["partUrls"][0]["url"]
    too_long = httpx.put(part, content=b"x" * (MB + 1), timeout=30)
    assert too_long.status_code == 400 and "Content-Length" in too_long.json()["errors"][0]["message"]
    assert httpx.put(part, content=b"x" * MB, timeout=30).status_code == 200
    # A GET of a part URL, or a part token used as a file: not allowed.
    assert httpx.get(part).status_code == 405
    token = urlsplit(part).path.split("/")[3]
    assert httpx.get(f"{_origin(part)}/data/file/{token}/x").status_code == 403


def test_a_download_is_a_redirect_to_a_presigned_url_with_range_and_head(uploaded):
    alice, data, dataset, _ = uploaded
    node = dataset["files"]["edges"][0]["node"]
    redirect = alice.http.get(node["downloadUrl"])
    assert redirect.status_code == 302, redirect.text
    location = redirect.headers["Location"]
    assert urlsplit(location).path.startswith("/data/file/") and location.endswith("/big.bin")
    assert redirect.headers["Cache-Control"] == "private, no-store"
    whole = httpx.get(location, timeout=60)  # no credentials: the URL carries the grant
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["ETag"] == f'"{node["sha256"]}"' and whole.headers["Accept-Ranges"] == "bytes"
    assert "big.bin" in whole.headers["Content-Disposition"]
    ranged = httpx.get(location, headers={"Range": "bytes=1000-1999"})
    assert ranged.status_code == 206 and ranged.content == data[1000:2000]
    assert ranged.headers["Content-Range"] == f"bytes 1000-1999/{len(data)}"
    tail = httpx.get(location, headers={"Range": "bytes=-10"})
    assert tail.content == data[-10:]
    stale = httpx.get(location, headers={"Range": "bytes=0-9", "If-Range": '"other"'})
    assert stale.status_code == 200 and len(stale.content) == len(data)
    head = httpx.head(location)
    assert (
        head.status_code == 200 and head.headers["Content-Length"] == str(len(data)) and head.content == b""
    )
    bad = httpx.get(location, headers={"Range": f"bytes={len(data)}-"})
    assert bad.status_code == 416 and bad.headers["Content-Type"] == "application/json"


def test_the_zip_is_served_by_the_data_plane_and_resumes(uploaded):
    alice, data, dataset, _ = uploaded
    redirect = alice.http.get(dataset["downloadUrl"])
    assert redirect.status_code == 302 and "/data/zip/" in redirect.headers["Location"]
    whole = httpx.get(redirect.headers["Location"], timeout=60)
    assert whole.status_code == 200 and whole.headers["Content-Length"] == str(len(whole.content))
    archive = zipfile.ZipFile(io.BytesIO(whole.content))
    assert archive.read("in/big.bin") == data
    assert archive.getinfo("in/big.bin").date_time[0] >= 2026  # real modification times
    cut = len(whole.content) // 3
    rest = httpx.get(
        redirect.headers["Location"], headers={"Range": f"bytes={cut}-", "If-Range": whole.headers["ETag"]}
    )
    assert rest.status_code == 206 and whole.content[:cut] + rest.content == whole.content


def test_another_user_gets_no_url_and_forged_or_expired_urls_are_refused(uploaded, stack, people):
    alice, _, dataset, _ = uploaded
    _, bob = people(stack)
    node = dataset["files"]["edges"][0]["node"]
    assert bob.http.get(node["downloadUrl"]).status_code == 404
    assert bob.http.get(dataset["downloadUrl"]).status_code == 404
    location = alice.http.get(node["downloadUrl"]).headers["Location"]
    origin, path = _origin(location), urlsplit(location).path
    token = path.split("/")[3]
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    refused = httpx.get(f"{origin}/data/file/{forged}/big.bin")
    assert refused.status_code == 403 and "expired" in refused.json()["errors"][0]["message"]
    assert httpx.get(f"{origin}/data/zip/{token}/x.zip").status_code == 403  # a file grant is no zip
    assert httpx.get(f"{origin}/somewhere").status_code == 404
    assert httpx.post(location, content=b"x").status_code == 405
    time.sleep(4.5)  # OASIS_S3_DOWNLOAD_URL_TTL_S=3 on this stack (the signature counts whole seconds)
    assert httpx.get(location).status_code == 403


def test_cors_only_for_the_dashboards_origin(uploaded, stack):
    _, _, _, urls = uploaded
    url = urls[1]
    ours = httpx.options(url, headers={"Origin": stack.url, "Access-Control-Request-Method": "PUT"})
    assert ours.status_code == 204
    assert ours.headers["Access-Control-Allow-Origin"] == stack.url
    assert "PUT" in ours.headers["Access-Control-Allow-Methods"]
    theirs = httpx.options(
        url, headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "PUT"}
    )
    assert theirs.status_code == 403 and "Access-Control-Allow-Origin" not in theirs.headers


def test_a_trickling_head_is_cut_with_a_json_408(uploaded):
    _, _, _, urls = uploaded
    url = urlsplit(urls[1])
    started = time.monotonic()
    with socket.create_connection((url.hostname, url.port), timeout=10) as conn:
        conn.sendall(b"GET /data/file/x/y HTTP/1.1\r\n")
        answer = b""
        for _ in range(8):  # one header byte a second: never complete
            try:
                conn.sendall(b"X")
            except OSError:
                break
            time.sleep(0.5)
        conn.settimeout(5)
        with contextlib.suppress(OSError):
            while chunk := conn.recv(4096):
                answer += chunk
    assert answer.startswith(b"HTTP/1.1 408"), answer
    assert b'"errors"' in answer
    assert time.monotonic() - started < 8


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
