"""Content-addressed blob storage: one stored file per sha256, whatever the storage backend."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from typing import BinaryIO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages

from .models import Blob

CHUNK = 1024 * 1024


def blob_storage():
    return storages["blobs"]


def open_blob(blob: Blob) -> BinaryIO:
    return blob_storage().open(blob.storage_name, "rb")


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


def store_file(*, path: str, sha256: str, size: int) -> Blob:
    """Store a local file whose hash is already known (an upload hashed while it arrived)."""
    blob = Blob(sha256=sha256, size=size)
    _place(blob.storage_name, path)
    blob, _ = Blob.objects.get_or_create(sha256=sha256, defaults={"size": size})
    return blob


def store_stream(stream: BinaryIO) -> Blob:
    """Store a stream of unknown hash (a task output): spooled to disk while hashing, never in memory."""
    digest = hashlib.sha256()
    size = 0
    fd, tmp_path = tempfile.mkstemp(dir=settings.FILE_UPLOAD_TEMP_DIR, prefix="blob-")
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        return store_file(path=tmp_path, sha256=digest.hexdigest(), size=size)
    finally:
        if os.path.exists(tmp_path):
            os.unlink(tmp_path)
