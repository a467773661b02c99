"""Uploading files into a dataset: small ones in GraphQL multipart requests, large ones through
resumable upload sessions (parts in parallel, each streamed from the file), with what arrived kept
in the config folder so that running the same upload again sends only what is missing."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from . import config
from ._generated.base_model import Upload
from ._generated.fragments import DatasetParts
from ._generated.input_types import AddDatasetFilesInput, CreateDatasetInput, StartUploadInput
from .errors import OasisError, Refused, Unavailable

if TYPE_CHECKING:
    from .client import Client

Progress = Callable[[int], None]

#: Files and bytes per multipart request (the server takes at most 1000 files per request).
_BATCH_FILES = 200
_BATCH_BYTES = 1024**3
_CHUNK = 1024 * 1024
#: Files at least this big go through a resumable upload session.
RESUMABLE_FROM = 8 * 1024**2
_PARALLEL_PARTS = 4
#: Tries of one part when the connection drops.
_PART_TRIES = 5


class _CountingFile(io.FileIO):
    """A file whose reads report how many bytes went out (for progress bars)."""

    def __init__(self, path: Path, on_read: Progress | None):
        super().__init__(path, "rb")
        self._on_read = on_read

    def read(self, size: int = -1) -> bytes:
        data = super().read(size)
        if data and self._on_read is not None:
            self._on_read(len(data))
        return data


def local_files(paths: list[str | Path]) -> list[tuple[str, Path]]:
    """``(path in the dataset, local file)`` for files and folders; a folder keeps its inner layout.

    ``data/`` and ``data`` both give ``a.txt``, ``sub/b.txt`` for the files inside ``data``.
    """
    found: list[tuple[str, Path]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                found.append((file.relative_to(path).as_posix(), file))
        elif path.is_file():
            found.append((path.name, path))
        else:
            raise OasisError(f"{given}: no such file or folder")
    seen: dict[str, Path] = {}
    for name, file in found:
        if name in seen:
            raise OasisError(f"{file} and {seen[name]} would both be {name!r} in the dataset")
        seen[name] = file
    return found


class Uploader:
    """One upload into one dataset, for ``Client.upload_files``."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def upload(
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
        ``dataset`` (name or number).

        Small files go in GraphQL multipart requests; files of ``RESUMABLE_FROM`` bytes or more in
        resumable upload sessions, several parts at once. What arrived is remembered (in the config
        folder), so running the same upload again after a dropped connection or a kill sends only what
        is missing, into the same dataset.
        """
        files = [(inside, Path(local)) for inside, local in files]
        if not files:
            raise OasisError("no files to upload")
        job = _UploadJob.open(self.client.url, name, dataset, files)
        if job.resumed and on_note is not None:
            on_note(f"resuming the upload of {name}: {len(job.done)} of {len(files)} files already there")
        target_id = job.dataset_id or (self.client.dataset(dataset).id if dataset is not None else None)
        sizes = {inside: local.stat().st_size for inside, local in files}
        for inside in job.done:
            if on_progress is not None:
                on_progress(sizes.get(inside, 0))
        small = [(i, p) for i, p in files if sizes[i] < RESUMABLE_FROM and i not in job.done]
        for batch in _batches(small, sizes):
            target_id = self._send_small(name, target_id, batch, on_progress).id
            job.record(dataset_id=target_id, done=[inside for inside, _ in batch])
        for inside, local in files:
            if sizes[inside] < RESUMABLE_FROM or inside in job.done:
                continue
            target_id = self._send_resumable(
                name,
                target_id,
                inside,
                local,
                job,
                on_progress=on_progress,
                on_note=on_note,
                part_size=part_size,
            )
            job.record(dataset_id=target_id, done=[inside])
        job.finish()
        assert target_id is not None
        return self.client.dataset(target_id)

    def _send_small(self, name: str, target_id: str | None, batch, on_progress) -> DatasetParts:
        handles = [_CountingFile(path, on_progress) for _, path in batch]
        try:
            uploads = [
                Upload(filename=path.name, content=handle, content_type="application/octet-stream")
                for (_, path), handle in zip(batch, handles, strict=True)
            ]
            relative = [inside for inside, _ in batch]
            if target_id is None:
                made = self.client._call(
                    self.client._api.create_dataset(
                        CreateDatasetInput(name=name, files=uploads, paths=relative)
                    )
                )
                return self.client._payload(made.create_dataset)
            added = self.client._call(
                self.client._api.add_dataset_files(
                    AddDatasetFilesInput(id=target_id, files=uploads, paths=relative)
                )
            )
            return self.client._payload(added.add_dataset_files)
        finally:
            for handle in handles:
                handle.close()

    def _send_resumable(
        self, name, target_id, inside: str, local: Path, job: _UploadJob, *, on_progress, on_note, part_size
    ) -> str:
        """One file through an upload session; returns the dataset's id once it is in."""
        session = None
        if inside in job.sessions:
            session = self.client._read(
                lambda: self.client._api.upload_session(id=job.sessions[inside])
            ).upload_session
            if session is not None and session.status.value != "OPEN":
                session = None
        if session is None:
            started = self.client._call(
                self.client._api.start_upload(
                    StartUploadInput(
                        path=inside,
                        size=local.stat().st_size,
                        datasetId=target_id,
                        datasetName=None if target_id else name,
                        partSize=part_size,
                    )
                )
            )
            session = self.client._payload(started.start_upload)
            job.record(session=(inside, session.id))
        received = {part.number for part in session.received_parts}
        if received and on_note is not None:
            on_note(f"resuming {inside}: {len(received)} of {session.part_count} parts already there")
        if on_progress is not None:
            on_progress(sum(part.size for part in session.received_parts))
        missing = [n for n in range(1, session.part_count + 1) if n not in received]
        self.client._run(self._send_parts(session, local, missing, on_progress))
        done = self.client._payload(
            self.client._call(self.client._api.complete_upload(id=session.id)).complete_upload
        )
        while done.status.value == "VERIFYING":
            self.client._run(asyncio.sleep(0.5))
            done = self.client._read(lambda: self.client._api.upload_session(id=session.id)).upload_session
        if done.status.value == "FAILED":
            raise Refused([(inside, done.error or "the upload failed")])
        if done.dataset is None:
            raise Unavailable(f"{inside}: the upload completed without a dataset")
        return done.dataset.id

    async def _send_parts(
        self, session, local: Path, numbers: list[int], on_progress: Progress | None
    ) -> None:
        urls: dict[int, str] = {}
        for start in range(0, len(numbers), 1000):
            chunk = numbers[start : start + 1000]
            answer = await self.client._read_async(
                lambda c=chunk: self.client._api.upload_part_urls(id=session.id, parts=c)
            )
            if answer.upload_session is None:
                raise Refused([(None, f"the upload of {session.path} is gone")])
            urls |= {item.number: item.url for item in answer.upload_session.part_urls}
        limit = asyncio.Semaphore(_PARALLEL_PARTS)
        async with httpx.AsyncClient(timeout=httpx.Timeout(60.0, read=600.0)) as plain:

            async def send(number_: int) -> None:
                offset = (number_ - 1) * session.part_size
                length = min(session.part_size, session.size - offset)
                http = (
                    self.client._http if urls[number_].startswith("/") else plain
                )  # presigned: no credentials
                async with limit:
                    for attempt in range(_PART_TRIES):
                        sent = [0]
                        try:
                            response = await http.put(
                                urls[number_],
                                content=_file_slice(local, offset, length, sent, on_progress),
                                headers={
                                    "Content-Length": str(length),
                                    "Content-Type": "application/octet-stream",
                                },
                            )
                        except httpx.TransportError:
                            if on_progress is not None:
                                on_progress(-sent[0])
                            if attempt == _PART_TRIES - 1:
                                raise
                            await asyncio.sleep(0.2 * 2**attempt)
                            continue
                        if response.status_code in (200, 201, 204, 409):
                            return
                        raise Refused(
                            [
                                (
                                    session.path,
                                    f"part {number_} refused: HTTP {response.status_code} {response.text[:200]}",
                                )
                            ]
                        )

            await asyncio.gather(*(send(n) for n in numbers))


def _batches(files: list[tuple[str, Path]], sizes: dict[str, int]) -> list[list[tuple[str, Path]]]:
    batches: list[list[tuple[str, Path]]] = []
    size = 0
    for item in files:
        if not batches or len(batches[-1]) >= _BATCH_FILES or size + sizes[item[0]] > _BATCH_BYTES:
            batches.append([])
            size = 0
        batches[-1].append(item)
        size += sizes[item[0]]
    return batches


async def _file_slice(
    path: Path, offset: int, length: int, sent: list[int], on_progress
) -> AsyncIterator[bytes]:
    """``length`` bytes of ``path`` from ``offset``, in 1 MiB blocks (never the whole part in memory)."""
    with open(path, "rb") as file:
        file.seek(offset)
        left = length
        while left:
            block = file.read(min(_CHUNK, left))
            if not block:
                raise OasisError(f"{path} changed while it was uploaded")
            left -= len(block)
            sent[0] += len(block)
            if on_progress is not None:
                on_progress(len(block))
            yield block


class _UploadJob:
    """What an upload has done so far, kept in the config folder so a rerun resumes it.

    Keyed by the server, the dataset and the files (path, size, modification time): the same command
    over unchanged files continues; anything else starts afresh.
    """

    def __init__(self, key: str, state: dict, resumed: bool):
        self.key = key
        self.state = state
        self.resumed = resumed

    @classmethod
    def open(cls, url: str, name: str, dataset: str | None, files: list[tuple[str, Path]]) -> _UploadJob:
        identity = [url, name, dataset] + [
            [inside, str(local.resolve()), local.stat().st_size, local.stat().st_mtime_ns]
            for inside, local in files
        ]
        key = hashlib.sha256(json.dumps(identity).encode()).hexdigest()
        saved = config.load_uploads().get(key)
        state = saved or {"dataset_id": None, "done": [], "sessions": {}}
        return cls(key, state, resumed=bool(saved and (saved["done"] or saved["sessions"])))

    @property
    def dataset_id(self) -> str | None:
        return self.state["dataset_id"]

    @property
    def done(self) -> list[str]:
        return self.state["done"]

    @property
    def sessions(self) -> dict[str, str]:
        return self.state["sessions"]

    def record(
        self, *, dataset_id: str | None = None, done: list[str] = (), session: tuple[str, str] | None = None
    ):
        if dataset_id is not None:
            self.state["dataset_id"] = dataset_id
        for inside in done:
            self.state["done"].append(inside)
            self.state["sessions"].pop(inside, None)
        if session is not None:
            self.state["sessions"][session[0]] = session[1]
        config.save_upload(self.key, self.state)

    def finish(self) -> None:
        config.save_upload(self.key, None)
