"""Content-addressed blob storage: one stored file per sha256, whatever the storage backend."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import threading
import time
import zlib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import BinaryIO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.db import transaction
from django.utils import timezone

from .models import Blob

CHUNK = 1024 * 1024
#: Reads for hashing a whole file: large enough that Python's per-call cost vanishes.
DIGEST_CHUNK = 8 * 1024 * 1024


def digest(chunks: Iterable[bytes], *, start: tuple | None = None) -> tuple[str, int, int]:
    """(sha256 hex, crc32, size) of a stream of chunks, in one pass; ``start``: (sha256 object,
    crc32, size) of the bytes before them (``running_digest``).

    The CRC-32 of a chunk runs on a second thread while the SHA-256 of the same chunk runs on this
    one (both release the GIL), so the pass costs what the SHA-256 alone costs.
    """
    sha, crc, size = start or (hashlib.sha256(), 0, 0)
    crc, more = hash_into(chunks, sha, crc)
    return sha.hexdigest(), crc, size + more


def hash_into(chunks: Iterable[bytes], sha, crc: int = 0) -> tuple[int, int]:
    """Feed ``chunks`` to ``sha`` and to the CRC-32 ``crc`` so far, the CRC-32 of a chunk on a second
    thread while the SHA-256 of the same chunk runs on this one; returns (crc32, bytes fed). A chunk
    must stay valid until the next one after it was taken (``spool_io.chunks`` keeps it so)."""
    size = 0
    with ThreadPoolExecutor(1, thread_name_prefix="crc32") as pool:
        pending = None
        for chunk in chunks:
            if pending is not None:
                crc = pending.result()
            pending = pool.submit(zlib.crc32, chunk, crc)
            sha.update(chunk)
            size += len(chunk)
        if pending is not None:
            crc = pending.result()
    return crc, size


def blob_storage():
    return storages["blobs"]


def open_blob(blob: Blob) -> BinaryIO:
    return blob_storage().open(blob.storage_name, "rb")


def open_blob_at(blob: Blob, offset: int) -> BinaryIO:
    """The blob's content from byte ``offset`` on (S3: a ranged GET, not a read of what comes before)."""
    from . import objectstore

    if offset and objectstore.s3() is not None:
        return objectstore.open_range(blob.storage_name, offset)
    fh = open_blob(blob)
    if offset:
        fh.seek(offset)
    return fh


def fill_crc32(blobs: Iterable[Blob]) -> dict[str, int]:
    """CRC-32s of blobs stored before they were kept, read once and kept: {sha256: crc32}."""
    found = {}
    for blob in blobs:
        with open_blob(blob) as fh:
            crc = 0
            while chunk := fh.read(DIGEST_CHUNK):
                crc = zlib.crc32(chunk, crc)
        found[blob.sha256] = crc
    record_crc32(found)
    return found


def local_path(blob: Blob) -> str | None:
    """The blob's path on this host when the storage is a local filesystem, else None."""
    storage = blob_storage()
    if isinstance(storage, FileSystemStorage):
        return storage.path(blob.storage_name)
    return None


def _place(name: str, source_path: str) -> None:
    storage = blob_storage()
    if isinstance(storage, FileSystemStorage):
        target = storage.path(name)
        if os.path.exists(target):
            return
        os.makedirs(os.path.dirname(target), exist_ok=True)
        # Same content, same name: a concurrent writer of the same blob is harmless; the replace is atomic.
        # A hard link costs no copy when the upload's temporary file sits on the same filesystem.
        tmp_target = f"{target}.{os.getpid()}.{threading.get_ident()}.partial"
        try:
            os.link(source_path, tmp_target)
        except OSError:
            shutil.copyfile(source_path, tmp_target)
        os.chmod(tmp_target, 0o640)
        os.replace(tmp_target, target)
        return
    if storage.exists(name):
        return
    with open(source_path, "rb") as fh:
        storage.save(name, File(fh))


def store_file(*, path: str, sha256: str, size: int, crc32: int | None = None) -> Blob:
    """Store a local file whose hash is already known (an upload hashed while it arrived).

    The row comes first, locked until the caller's transaction ends, then the file: the collector
    (``collect_unreferenced``) skips locked rows, so it never removes a blob that is being placed. A
    crash before the commit leaves a file without a row, which ``sweep_blobs`` removes after the grace
    period.
    """
    with transaction.atomic():
        blob = _locked_row(sha256=sha256, size=size, crc32=crc32)
        _place(blob.storage_name, path)
    return blob


def _locked_row(*, sha256: str, size: int, crc32: int | None) -> Blob:
    blob, _ = Blob.objects.select_for_update().get_or_create(
        sha256=sha256, defaults={"size": size, "crc32": crc32}
    )
    if blob.crc32 is None and crc32 is not None:
        blob.crc32 = crc32
        blob.save(update_fields=["crc32"])
    return blob


def adopt_object(*, name: str, sha256: str, size: int, crc32: int) -> Blob:
    """Make the stored object ``name`` (a completed S3 upload) the blob ``sha256``: a server-side copy
    when no blob has that content yet. ``name`` itself is left for the caller to delete."""
    from . import objectstore

    with transaction.atomic():
        blob = _locked_row(sha256=sha256, size=size, crc32=crc32)
        if not blob_storage().exists(blob.storage_name):
            objectstore.copy(name, blob.storage_name)
    return blob


def record_crc32(sha256s_crcs: dict[str, int]) -> None:
    """Keep CRC-32s computed for blobs stored before they were kept (a zip download read them)."""
    for sha256, crc in sha256s_crcs.items():
        Blob.objects.filter(sha256=sha256, crc32__isnull=True).update(crc32=crc)


def store_stream(stream: BinaryIO) -> Blob:
    """Store a stream of unknown hash (a task output): spooled to disk while hashing, never in memory."""
    sha = hashlib.sha256()
    crc, size = 0, 0
    fd, tmp_path = tempfile.mkstemp(dir=settings.FILE_UPLOAD_TEMP_DIR, prefix="blob-")
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(CHUNK):
                sha.update(chunk)
                crc = zlib.crc32(chunk, crc)
                size += len(chunk)
                out.write(chunk)
        return store_file(path=tmp_path, sha256=sha.hexdigest(), size=size, crc32=crc)
    finally:
        if os.path.exists(tmp_path):
            os.unlink(tmp_path)


def _remove_file(name: str) -> None:
    storage = blob_storage()
    with contextlib.suppress(FileNotFoundError):
        storage.delete(name)


def collect_unreferenced(*, sha256s: Iterable[str] | None = None, older_than_s: float | None = None) -> int:
    """Delete blobs no dataset file refers to (rows and files); returns how many.

    ``sha256s`` limits it to those blobs (a dataset just deleted: no grace period, its data goes now);
    otherwise every unreferenced blob older than the grace period goes. Rows being placed are locked
    by ``store_file`` and skipped; a file is removed while its row is still locked, so a concurrent
    upload of the same content waits and then stores it anew.
    """
    grace = settings.OASIS_STORAGE_GRACE_S if older_than_s is None else older_than_s
    candidates = Blob.objects.filter(placements__isnull=True)
    if sha256s is not None:
        candidates = candidates.filter(sha256__in=list(sha256s))
    else:
        candidates = candidates.filter(created_at__lt=timezone.now() - timedelta(seconds=grace))
    removed = 0
    for sha256 in list(candidates.values_list("sha256", flat=True)[:10_000]):
        with transaction.atomic():
            blob = Blob.objects.select_for_update(skip_locked=True).filter(sha256=sha256).first()
            if blob is None or blob.placements.exists():
                continue
            _remove_file(blob.storage_name)
            blob.delete()
            removed += 1
    return removed


def _stored_names() -> Iterable[tuple[str, float]]:
    """(storage name, modification time) of every file under ``blobs/``, partial copies included."""
    storage = blob_storage()
    if isinstance(storage, FileSystemStorage):
        root = storage.path("blobs")
        for folder, _, files in os.walk(root):
            for name in files:
                path = os.path.join(folder, name)
                try:
                    mtime = os.stat(path).st_mtime
                except FileNotFoundError:
                    continue
                yield os.path.relpath(path, storage.path("")).replace(os.sep, "/"), mtime
        return
    stack = ["blobs"]
    while stack:
        folder = stack.pop()
        dirs, files = storage.listdir(folder)
        stack += [f"{folder}/{d}" for d in dirs]
        for name in files:
            full = f"{folder}/{name}"
            yield full, storage.get_modified_time(full).timestamp()


def sweep_blobs(*, older_than_s: float | None = None) -> dict[str, int]:
    """Collect unreferenced blobs and remove stored files without a row (a crash between placing a
    file and committing its dataset), both only past the grace period."""
    grace = settings.OASIS_STORAGE_GRACE_S if older_than_s is None else older_than_s
    unreferenced = collect_unreferenced(older_than_s=grace)
    cutoff = time.time() - grace
    orphans = 0
    old = [(name, name.rsplit("/", 1)[-1]) for name, mtime in _stored_names() if mtime < cutoff]
    for start in range(0, len(old), 1000):
        page = old[start : start + 1000]
        known = set(
            Blob.objects.filter(sha256__in=[base for _, base in page]).values_list("sha256", flat=True)
        )
        for name, base in page:
            if base not in known:  # a partial copy's name is never a hash, so it always goes
                _remove_file(name)
                orphans += 1
    return {"unreferenced_blobs": unreferenced, "orphan_blob_files": orphans}
