"""B5 in the S3 mode: how many bytes the web process moves for a 1 GiB resumable upload and a download.

moto's S3 server (in this process) is the object store. The client reaches the web server only
through a counting TCP proxy, so every byte between the client and the web process is counted in both
directions; the parts go to the store's presigned URLs and the file download is a redirect to one, so
those bytes never touch the proxy. Target (issue 13): under 1 MB each way for each of the two steps.
The worker's own traffic with the store (hashing the finished object, the server-side copy) is not the
web process's and is not counted.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from tempfile import TemporaryDirectory

import httpx

from bench.b5_datasets import BLOCK, COMPLETE_UPLOAD, PART_URLS, START_UPLOAD, curl_get, make_file, put_part
from bench.engine import Unavailable
from bench.results import Row, fmt, say
from bench.stack import oasis
from oasis_testing.s3 import moto_s3
from oasis_testing.stack import free_port

BUCKET = "oasis-bench"
TARGET_BYTES = 1_000_000
PART_MB = 64
FILES = "query($id: ID!) { dataset(id: $id) { files(first: 1) { edges { node { downloadUrl size } } } } }"
SESSION = "query($id: ID!) { uploadSession(id: $id) { status error dataset { id size } } }"


class CountingProxy(threading.Thread):
    """A TCP proxy to ``127.0.0.1:target`` counting the bytes each way, on its own event loop."""

    def __init__(self, target: int) -> None:
        super().__init__(daemon=True, name="counting-proxy")
        self.target, self.port = target, free_port()
        self.up = self.down = 0
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def run(self) -> None:
        self._loop = asyncio.new_event_loop()
        server = self._loop.run_until_complete(asyncio.start_server(self._serve, "127.0.0.1", self.port))
        self._ready.set()
        try:
            self._loop.run_forever()
        finally:
            server.close()

    def start(self) -> None:
        super().start()
        self._ready.wait(10)

    def stop(self) -> None:
        if self._loop is not None:
            asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
            self.join(10)

    async def _shutdown(self) -> None:
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        asyncio.get_running_loop().call_soon(asyncio.get_running_loop().stop)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def counts(self) -> tuple[int, int]:
        return self.up, self.down

    async def _serve(self, reader, writer) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", self.target)

        async def pipe(source, sink, direction: str) -> None:
            try:
                while data := await source.read(65536):
                    if direction == "up":
                        self.up += len(data)
                    else:
                        self.down += len(data)
                    sink.write(data)
                    await sink.drain()
            except ConnectionError:
                pass
            finally:
                sink.close()

        try:
            await asyncio.gather(pipe(reader, upstream_writer, "up"), pipe(upstream_reader, writer, "down"))
        except asyncio.CancelledError:  # stop(): the connection ends with the proxy
            upstream_writer.close()
            writer.close()


def _moto():
    """moto's S3 server with the bench's bucket, for a ``with``; Unavailable without moto."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's server logs every request
    try:
        import boto3  # noqa: F401
        import moto.server  # noqa: F401
    except ImportError as exc:
        raise Unavailable(f"moto is not installed ({exc}); it is in requirements-dev.lock") from None
    return moto_s3(BUCKET)


def run(mode: str, *, size_mb: int = 1024) -> list[Row]:
    say(f"B5 S3 ({mode}): {size_mb} MB up through presigned part URLs and down through a redirect")
    with (
        _moto() as store,
        oasis(mode, extra_env=store.stack_env()) as env,
        TemporaryDirectory(prefix="oasis-bench-b5s3-") as scratch,
    ):
        proxy = CountingProxy(env.stack.port)
        proxy.start()
        try:
            return _measure(env, proxy, Path(scratch), size_mb, mode)
        finally:
            proxy.stop()


def _measure(env, proxy: CountingProxy, folder: Path, size_mb: int, mode: str) -> list[Row]:
    source = folder / "big.bin"
    make_file(source, size_mb)
    size = source.stat().st_size
    http = httpx.Client(base_url=proxy.url, headers={"Authorization": f"Bearer {env.token}"}, timeout=600)

    def data(query: str, variables: dict) -> dict:
        answer = http.post("/graphql", json={"query": query, "variables": variables}).json()
        if answer.get("errors"):
            raise RuntimeError(answer["errors"])
        return answer["data"]

    before = proxy.counts()
    started = time.perf_counter()
    session = data(
        START_UPLOAD,
        {"input": {"path": source.name, "size": size, "datasetName": "s3", "partSize": PART_MB * BLOCK}},
    )["startUpload"]
    numbers = list(range(1, session["partCount"] + 1))
    urls = {
        u["number"]: u["url"]
        for u in data(PART_URLS, {"id": session["id"], "n": numbers})["uploadSession"]["partUrls"]
    }
    if not all(
        url.startswith("http") and "/api/" not in url and "/data/" not in url for url in urls.values()
    ):
        raise RuntimeError(f"the part URLs are not the object store's: {list(urls.values())[:1]}")
    part = PART_MB * BLOCK

    def put(n: int) -> None:
        offset = (n - 1) * part
        put_part(env, urls[n], source, offset, min(part, size - offset), lambda _sent: True)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(put, numbers))
    done = data(COMPLETE_UPLOAD, {"id": session["id"]})["completeUpload"]
    deadline = time.monotonic() + 900
    while done.get("status") not in ("COMPLETE", "FAILED") and time.monotonic() < deadline:
        time.sleep(1)  # VERIFYING: a worker hashes the object and copies it to its content address
        done = data(SESSION, {"id": session["id"]})["uploadSession"]
    if done.get("status") != "COMPLETE":
        raise RuntimeError(f"the S3 upload did not complete: {done}")
    upload_s = time.perf_counter() - started
    after_upload = proxy.counts()
    node = data(FILES, {"id": done["dataset"]["id"]})["dataset"]["files"]["edges"][0]["node"]
    target = folder / "down.bin"
    download_s = curl_get(proxy.url, env.token, node["downloadUrl"], target)
    if target.stat().st_size != size:
        raise RuntimeError(f"the download is {target.stat().st_size} bytes, not {size}")
    after_download = proxy.counts()
    http.close()
    up_upload, down_upload = after_upload[0] - before[0], after_upload[1] - before[1]
    up_download, down_download = after_download[0] - after_upload[0], after_download[1] - after_upload[1]
    say(
        f"  upload {upload_s:.1f} s: web received {up_upload:,} B, sent {down_upload:,} B; "
        f"download {download_s:.1f} s: web received {up_download:,} B, sent {down_download:,} B"
    )
    rows = []
    for step, received, sent, seconds in (
        ("resumable upload (presigned part URLs)", up_upload, down_upload, upload_s),
        ("file download (redirect to a presigned URL)", up_download, down_download, download_s),
    ):
        worst = max(received, sent)
        rows.append(
            Row(
                "B5",
                f"{mode}+S3",
                f"{size_mb} MB {step}: bytes the web process received / sent (through a counting proxy); "
                f"the whole step took {fmt(seconds, 's')}",
                f"{received:,} B / {sent:,} B",
                target=f"< {TARGET_BYTES:,} B each way",
                met=worst < TARGET_BYTES,
                data={"received": received, "sent": sent, "seconds": seconds, "size_mb": size_mb},
            )
        )
    return rows
