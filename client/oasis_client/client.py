"""The Python API of OASIS: ``Client(url, token)``, then images, algorithms, datasets and tasks.

    from oasis_client import Client

    oasis = Client("http://127.0.0.1:8000", "oasis_...")
    task = oasis.run("count", input="./scans")          # uploads the folder, starts the task
    for line in task.follow():                           # the log as it happens, resumed on a drop
        print(line.text)
    print(task.wait().status)

Built on the typed operations generated from the committed SDL (``oasis_client._generated``); this
module adds what a script wants: names or ids wherever an object is named, folders uploaded with
their relative paths, waiting, following a log across dropped connections, downloads.

Over 400 lines on purpose: it is the whole surface a script calls (one method per operation,
grouped by object); uploads live in ``oasis_client.uploads``.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import json
import os
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import websockets

from . import config
from ._generated import GeneratedClient
from ._generated.base_model import Upload
from ._generated.exceptions import (
    GraphQLClientError,
    GraphQLClientGraphQLMultiError,
    GraphQLClientHttpError,
)
from ._generated.fragments import AlgorithmParts, DatasetParts, FileParts, ImageParts, TaskParts
from ._generated.input_types import (
    AlgorithmFilter,
    AlgorithmInput,
    DatasetFilter,
    ImageFilter,
    RegisterImageInput,
    RerunTaskInput,
    RunAlgorithmInput,
    TaskFilter,
    TextFilterLookup,
)
from .errors import NotSignedIn, OasisError, Refused, Unavailable
from .uploads import Uploader, _CountingFile, local_files

FINISHED = frozenset({"SUCCEEDED", "FAILED", "CANCELLED"})
_CHUNK = 1024 * 1024
#: A followed log reconnects this many times in a row before it gives up.
_RECONNECTS = 60
#: Tries of a query when the connection drops (mutations are never repeated).
_READ_RETRIES = 5

Progress = Callable[[int], None]


@dataclass(frozen=True)
class LogLine:
    index: int
    #: "STDOUT", "STDERR" or "SYSTEM" (lines OASIS adds).
    stream: str
    text: str


def global_id(type_name: str, value: str | int) -> str:
    """The relay id of ``value``: a number becomes ``<type>:<n>`` in base64; a relay id stays."""
    text = str(value).strip()
    if text.isdigit():
        return base64.b64encode(f"{type_name}:{text}".encode()).decode()
    return text


def number(relay_id: str) -> str:
    """The number in a relay id (what people see: task 12), or the id itself if it is not one."""
    try:
        decoded = base64.b64decode(relay_id, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return relay_id
    _, _, pk = decoded.partition(":")
    return pk if pk.isdigit() else relay_id


def _is_relay_id(value: str, type_name: str) -> bool:
    try:
        return base64.b64decode(value, validate=True).decode().startswith(type_name + ":")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return False


class Task:
    """A task, with what a script does with one: wait for it, follow its log, fetch its output."""

    def __init__(self, client: Client, data: TaskParts):
        self._client = client
        self.data = data

    def __repr__(self) -> str:
        return f"<Task {self.number} {self.status}>"

    @property
    def id(self) -> str:
        return self.data.id

    @property
    def number(self) -> str:
        return number(self.data.id)

    @property
    def status(self) -> str:
        return self.data.status.value

    @property
    def exit_code(self) -> int | None:
        return self.data.exit_code

    @property
    def failure_reason(self) -> str:
        return self.data.failure_reason

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    def refresh(self) -> Task:
        self.data = self._client.task(self.id).data
        return self

    def wait(self, *, timeout: float | None = None, poll_s: float = 0.5) -> Task:
        """Wait until the task has finished (polling the task; robust to any dropped connection)."""
        return self._client._run(self._wait(timeout, poll_s))

    async def _wait(self, timeout: float | None, poll_s: float) -> Task:
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while True:
            result = await self._client._read_async(lambda: self._client._api.task(id=self.id))
            if result.task is None:
                raise OasisError(f"task {self.number} is gone")
            self.data = result.task
            if self.finished:
                return self
            if deadline is not None and loop.time() > deadline:
                raise TimeoutError(f"task {self.number} is still {self.status} after {timeout} s")
            await asyncio.sleep(poll_s)

    def follow(self, *, from_line: int = 0) -> Iterator[LogLine]:
        """The log from ``from_line`` on, live until the task ends; a dropped connection is resumed
        from the next line, so no line is missed or repeated."""
        return self._client._iterate(self._client._follow(self.id, from_line))

    def download_output(self, dest: str | Path, *, as_zip: bool = False, on_progress: Progress | None = None):
        if self.data.output_dataset is None:
            raise OasisError(f"task {self.number} has no output dataset ({self.status})")
        return self._client.download_dataset(
            self.data.output_dataset.id, dest, as_zip=as_zip, on_progress=on_progress
        )


class Client:
    """A connection to one OASIS server with one API token (``Authorization: Bearer``)."""

    def __init__(self, url: str | None = None, token: str | None = None, *, timeout: float = 60.0):
        saved = config.load()
        self.url = (url or os.environ.get("OASIS_URL") or saved.get("url") or "").rstrip("/")
        self.token = token or os.environ.get("OASIS_TOKEN") or saved.get("token") or ""
        if not self.url:
            raise NotSignedIn("no server: run `oasis login URL` or set OASIS_URL")
        # The client's own event loop, on a thread of its own: its blocking methods then work from
        # plain code and from inside another event loop alike (a notebook, an async test).
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="oasis-client", daemon=True)
        self._thread.start()
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        # Reads of a big upload's answer or a download may take long; connecting may not.
        self._http = httpx.AsyncClient(
            base_url=self.url, headers=headers, timeout=httpx.Timeout(timeout, connect=10.0, read=600.0)
        )
        ws_url = "ws" + self.url.removeprefix("http") + "/graphql"
        self._api = GeneratedClient(
            url=f"{self.url}/graphql",
            http_client=self._http,
            ws_url=ws_url,
            ws_origin=self.url,
            ws_connection_init_payload={"token": self.token},
        )

    # --- plumbing --------------------------------------------------------------------------------
    def close(self) -> None:
        if not self._loop.is_closed():
            self._run(self._http.aclose())
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            self._loop.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def _iterate(self, generator: AsyncIterator) -> Iterator:
        try:
            while True:
                try:
                    yield self._run(generator.__anext__())
                except StopAsyncIteration:
                    return
        finally:
            self._run(generator.aclose())

    async def _guard(self, coroutine):
        """Await an API call, turning transport and GraphQL failures into one-line errors."""
        try:
            return await coroutine
        except GraphQLClientGraphQLMultiError as exc:
            raise Refused([(None, error.message) for error in exc.errors]) from None
        except GraphQLClientHttpError as exc:
            if exc.status_code in (401, 403):
                raise NotSignedIn(
                    f"{self.url} refused the token ({exc.status_code}): run `oasis login`"
                ) from None
            raise Unavailable(f"{self.url} answered HTTP {exc.status_code}") from None
        except httpx.TransportError as exc:
            raise Unavailable(f"cannot reach OASIS at {self.url}: {exc or type(exc).__name__}") from None
        except GraphQLClientError as exc:
            raise Unavailable(f"unexpected answer from {self.url}: {exc}") from None

    def _call(self, coroutine):
        return self._run(self._guard(coroutine))

    async def _read_async(self, make):
        """A query (safe to repeat): a dropped connection is tried again a few times."""
        for attempt in range(_READ_RETRIES):
            try:
                return await self._guard(make())
            except Unavailable:
                if attempt == _READ_RETRIES - 1:
                    raise
                await asyncio.sleep(0.2 * 2**attempt)
        raise AssertionError("unreachable")

    def _read(self, make):
        return self._run(self._read_async(make))

    @staticmethod
    def _payload(result):
        """The object of a mutation's answer, or ``Refused`` with its OperationInfo messages."""
        if getattr(result, "typename__", "") == "OperationInfo":
            raise Refused([(m.field, m.message) for m in result.messages])
        return result

    def _named(self, kind: str, type_name: str, filter_type, ref: str):
        """An image, algorithm or dataset (``kind``) by number, relay id or exact name."""
        if ref.isdigit() or _is_relay_id(ref, type_name):
            found = getattr(self._read(lambda: getattr(self._api, kind)(id=global_id(type_name, ref))), kind)
            if found is None:
                raise Refused([(None, f"no {kind} {ref}")])
            return found
        listing = f"{kind}s"
        by_name = filter_type(name=TextFilterLookup(exact=ref))
        page = getattr(self._read(lambda: getattr(self._api, listing)(first=10, filters=by_name)), listing)
        return self._unique(kind, ref, [e.node for e in page.edges], listing)

    def _unique(self, kind: str, ref: str, found: list, label: str):
        if not found:
            raise Refused([(None, f"no {kind} named or numbered {ref!r}")])
        own = [item for item in found if item.owner.username == self.username()]
        if len(found) > 1 and len(own) == 1:
            return own[0]
        if len(found) > 1:
            raise Refused([(None, f"{len(found)} {label} are named {ref!r}; give the number instead")])
        return found[0]

    def username(self) -> str:
        if not hasattr(self, "_username"):
            me = self._call(self._api.me()).me
            if me is None:
                raise NotSignedIn(f"not signed in to {self.url}: run `oasis login {self.url}`")
            self._username = me.username
        return self._username

    def execute(
        self, query: str, variables: dict | None = None, *, files: dict[str, Path] | None = None
    ) -> dict:
        """Any GraphQL request, answered as the server's JSON body (``data`` and ``errors``).

        ``files`` maps a dotted path in the variables (``input.imageFile``, ``input.files.0``) to a
        local file sent as an upload (the GraphQL multipart request).
        """
        variables = json.loads(json.dumps(variables or {}))
        handles = []
        try:
            for dotted, path in (files or {}).items():
                handle = open(path, "rb")  # noqa: SIM115 - closed below
                handles.append(handle)
                _place(
                    variables,
                    dotted,
                    Upload(filename=Path(path).name, content=handle, content_type="application/octet-stream"),
                )
            response = self._run(self._guard(self._api.execute(query=query, variables=variables)))
        finally:
            for handle in handles:
                handle.close()
        try:
            return response.json()
        except ValueError:
            raise Unavailable(f"{self.url} answered HTTP {response.status_code} without JSON") from None

    # --- images ----------------------------------------------------------------------------------
    def image(self, ref: str) -> ImageParts:
        """An image by number, relay id or name."""
        return self._named("image", "DockerImage", ImageFilter, ref)

    def images(self, *, limit: int = 100) -> list[ImageParts]:
        return [e.node for e in self._call(self._api.images(first=limit)).images.edges]

    def register_image(
        self,
        name: str,
        *,
        ref: str | None = None,
        file: str | Path | None = None,
        public: bool = False,
        wait: bool = True,
        on_upload: Progress | None = None,
        on_status: Callable[[ImageParts], None] | None = None,
    ) -> ImageParts:
        """Register by registry reference or ``docker save`` archive; with ``wait``, until a worker
        has pulled or verified it (READY or FAILED)."""
        if (ref is None) == (file is None):
            raise OasisError("give either a registry reference or an image file")
        if file is not None:
            path = Path(file)
            if not path.is_file():
                raise OasisError(f"{file}: no such file")
            with _CountingFile(path, on_upload) as handle:
                upload = Upload(filename=path.name, content=handle, content_type="application/x-tar")
                result = self._call(
                    self._api.register_image(RegisterImageInput(name=name, imageFile=upload, isPublic=public))
                )
        else:
            result = self._call(
                self._api.register_image(RegisterImageInput(name=name, imageRef=ref, isPublic=public))
            )
        image = self._payload(result.register_image)
        return self.wait_image(image.id, on_status=on_status) if wait else image

    def wait_image(self, image_id: str, *, on_status=None, timeout: float | None = None) -> ImageParts:
        async def wait() -> ImageParts:
            loop = asyncio.get_running_loop()
            deadline = None if timeout is None else loop.time() + timeout
            while True:
                image = (await self._read_async(lambda: self._api.image(id=image_id))).image
                if image is None:
                    raise OasisError("the image is gone")
                if on_status is not None:
                    on_status(image)
                if image.status.value != "PENDING":
                    return image
                if deadline is not None and loop.time() > deadline:
                    raise TimeoutError(f"image {image.name} still PENDING after {timeout} s")
                await asyncio.sleep(0.5)

        return self._run(wait())

    def pull_image_again(self, ref: str) -> ImageParts:
        image = self.image(ref)
        return self._payload(self._call(self._api.pull_image_again(id=image.id)).pull_image_again)

    # --- algorithms ------------------------------------------------------------------------------
    def algorithm(self, ref: str) -> AlgorithmParts:
        return self._named("algorithm", "Algorithm", AlgorithmFilter, ref)

    def algorithms(self, *, limit: int = 100) -> list[AlgorithmParts]:
        return [e.node for e in self._call(self._api.algorithms(first=limit)).algorithms.edges]

    def create_algorithm(self, name: str, *, image: str, **fields: Any) -> AlgorithmParts:
        """``fields``: command, entrypoint, environment (dict), gpu, memory_mb, cpus, timeout_s,
        network, cache_results, is_public, description."""
        data = AlgorithmInput(name=name, imageId=self.image(image).id, **fields)
        return self._payload(self._call(self._api.create_algorithm(data)).create_algorithm)

    # --- datasets --------------------------------------------------------------------------------
    def dataset(self, ref: str) -> DatasetParts:
        return self._named("dataset", "Dataset", DatasetFilter, ref)

    def datasets(self, *, limit: int = 100) -> list[DatasetParts]:
        return [e.node for e in self._call(self._api.datasets(first=limit)).datasets.edges]

    def upload_dataset(
        self,
        name: str,
        paths: list[str | Path],
        *,
        on_progress: Progress | None = None,
        on_note: Callable[[str], None] | None = None,
        part_size: int | None = None,
    ) -> DatasetParts:
        """A new dataset of files and folders (folders keep their relative paths); see ``upload_files``."""
        return self.upload_files(
            name, local_files(paths), on_progress=on_progress, on_note=on_note, part_size=part_size
        )

    def upload_files(
        self,
        name: str,
        files: list[tuple[str, Path]],
        *,
        dataset: str | None = None,
        on_progress: Progress | None = None,
        on_note: Callable[[str], None] | None = None,
        part_size: int | None = None,
    ) -> DatasetParts:
        """Upload ``(path in the dataset, local file)`` pairs: into a new dataset ``name``, or added to
        ``dataset`` (name or number). See ``oasis_client.uploads``: small files in GraphQL multipart
        requests, large ones in resumable sessions; a rerun of the same upload resumes it."""
        return Uploader(self).upload(
            name, files, dataset=dataset, on_progress=on_progress, on_note=on_note, part_size=part_size
        )

    def dataset_files(self, ref: str) -> list[FileParts]:
        dataset = self.dataset(ref)
        files: list[FileParts] = []
        after = None
        while True:
            page = self._call(self._api.dataset_files(id=dataset.id, first=100, after=after)).dataset
            if page is None:
                raise Refused([(None, f"no dataset {ref}")])
            files += [e.node for e in page.files.edges]
            if not page.files.page_info.has_next_page:
                return files
            after = page.files.page_info.end_cursor

    def download_dataset(
        self, ref: str, dest: str | Path, *, as_zip: bool = False, on_progress: Progress | None = None
    ) -> Path:
        """The dataset's files under the folder ``dest`` (a file already there with the same sha256
        is kept), or with ``as_zip`` the whole dataset as one zip file at ``dest``."""
        dataset = self.dataset(ref)
        dest = Path(dest)
        if as_zip:
            self._run(self._download(dataset.download_url, dest, on_progress))
            return dest
        dest.mkdir(parents=True, exist_ok=True)
        root = dest.resolve()
        for file in self.dataset_files(dataset.id):
            target = (dest / file.path).resolve()
            if not target.is_relative_to(root):
                raise OasisError(f"refusing to write {file.path!r} outside {dest}")
            if target.is_file() and target.stat().st_size == file.size and _sha256(target) == file.sha_256:
                if on_progress is not None:
                    on_progress(file.size)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            self._run(self._download(file.download_url, target, on_progress))
            if _sha256(target) != file.sha_256:
                raise Unavailable(f"{file.path}: the download does not match its sha256")
        return dest

    async def _download(self, url: str, target: Path, on_progress: Progress | None) -> None:
        partial = target.with_name(target.name + ".part")
        try:
            async with self._http.stream("GET", url, follow_redirects=True) as response:
                if response.status_code in (401, 403):
                    raise NotSignedIn(f"{self.url} refused the download ({response.status_code})")
                if response.status_code != 200:
                    raise Unavailable(f"downloading {url} failed: HTTP {response.status_code}")
                with open(partial, "wb") as out:
                    async for chunk in response.aiter_bytes(_CHUNK):
                        out.write(chunk)
                        if on_progress is not None:
                            on_progress(len(chunk))
        except httpx.TransportError as exc:
            raise Unavailable(f"downloading from {self.url} failed: {exc or type(exc).__name__}") from None
        partial.replace(target)

    # --- tasks -----------------------------------------------------------------------------------
    def run(
        self,
        algorithm: str,
        *,
        input: str | Path,
        reuse: bool | None = None,
        on_progress: Progress | None = None,
    ) -> Task:
        """Start ``algorithm`` (name or number) on a dataset (name or number) or a local folder or
        file, which is uploaded first as a new dataset named after it."""
        found = self.algorithm(algorithm)
        local = Path(input)
        if local.exists():
            dataset = self.upload_dataset(local.resolve().name, [local], on_progress=on_progress)
        else:
            dataset = self.dataset(str(input))
        result = self._call(
            self._api.run_algorithm(
                RunAlgorithmInput(algorithmId=found.id, inputDatasetId=dataset.id, reuse=reuse)
            )
        )
        return Task(self, self._payload(result.run_algorithm))

    def task(self, ref: str) -> Task:
        found = self._read(lambda: self._api.task(id=global_id("AlgorithmTask", ref))).task
        if found is None:
            raise Refused([(None, f"no task {ref}")])
        return Task(self, found)

    def tasks(self, *, status: str | None = None, limit: int = 20) -> list[Task]:
        filters = TaskFilter(status=TextFilterLookup(exact=status.upper())) if status else None
        page = self._call(self._api.tasks(first=limit, filters=filters)).tasks
        return [Task(self, e.node) for e in page.edges]

    def cancel(self, ref: str) -> Task:
        task = self.task(ref)
        return Task(self, self._payload(self._call(self._api.cancel_task(id=task.id)).cancel_task))

    def rerun(self, ref: str, *, use_current_algorithm: bool = False, reuse: bool = False) -> Task:
        task = self.task(ref)
        data = RerunTaskInput(id=task.id, useCurrentAlgorithm=use_current_algorithm, reuse=reuse)
        return Task(self, self._payload(self._call(self._api.rerun_task(data)).rerun_task))

    def logs(self, ref: str, *, from_line: int = 0) -> Iterator[LogLine]:
        """The stored log from ``from_line`` (no waiting for more)."""
        task = self.task(ref)
        line = from_line
        while True:
            page = self._read(lambda at=line: self._api.log_lines(id=task.id, from_line=at, limit=5000)).task
            if page is None:
                return
            for item in page.log_lines:
                yield LogLine(item.index, item.stream.value, item.text)
            if not page.log_lines:
                return
            line = page.log_lines[-1].index + 1

    async def _follow(self, task_id: str, from_line: int) -> AsyncIterator[LogLine]:
        next_line = from_line
        failures = 0
        while True:
            try:
                async for message in self._api.task_logs(task_id=task_id, from_line=next_line):
                    batch = message.task_logs
                    index = batch.from_line
                    for run in batch.runs:
                        for text in run.text.split("\n"):
                            if index >= next_line:
                                yield LogLine(index, run.stream.value, text)
                            index += 1
                    next_line = max(next_line, index)
                    failures = 0
                    if batch.done:
                        return
            except GraphQLClientGraphQLMultiError as exc:
                raise Refused([(None, error.message) for error in exc.errors]) from None
            except (TimeoutError, websockets.ConnectionClosed, OSError, GraphQLClientError) as exc:
                failures += 1
                if failures > _RECONNECTS:
                    raise Unavailable(f"lost the log stream of task {number(task_id)}: {exc}") from None
            await asyncio.sleep(min(5.0, 0.1 * 2 ** min(failures, 6)))


def _place(variables: dict, dotted: str, value: Any) -> None:
    """Set ``variables[a][b][0] = value`` for ``dotted`` = ``a.b.0`` (lists grow as needed)."""
    *parents, last = dotted.split(".")
    node: Any = variables
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
    if isinstance(node, list):
        index = int(last)
        while len(node) <= index:
            node.append(None)
        node[index] = value
    else:
        node[last] = value


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
