"""An upload handler that writes each uploaded file to disk while hashing it.

Uploads never sit in memory: Django hands the handler chunks, it writes them to a temporary file and
feeds a sha256 as they pass, so storing the blob later needs no second read of a large file.

A file over ``OASIS_MAX_UPLOAD_BYTES`` is not stored: the rest of it is read and dropped, and the file
reaches the mutation marked ``too_large``, so the answer is a clear error on the ``files`` field. (Aborting
the request instead would leave the GraphQL view with a file missing from the form and a confusing
"File(s) missing in form data".)
"""

from __future__ import annotations

import hashlib
import zlib

from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class HashedTemporaryUploadedFile(TemporaryUploadedFile):
    sha256: str = ""
    crc32: int | None = None
    #: The file passed the size limit; its content was dropped and ``size`` is how much arrived.
    too_large: bool = False


def upload_size_error(upload, *, limit: int) -> str | None:
    """A message for the user when ``upload`` is over ``limit`` bytes (or was cut off by the handler)."""
    if getattr(upload, "too_large", False) or (upload.size or 0) > limit:
        return f"{upload.name} is larger than the upload limit of {format_bytes(limit)}."
    return None


def format_bytes(size: int) -> str:
    for unit, factor in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if size >= factor:
            return f"{size / factor:,.1f} {unit}".replace(".0 ", " ")
    return f"{size} bytes"


class HashingUploadHandler(FileUploadHandler):
    chunk_size = 1024 * 1024

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file = HashedTemporaryUploadedFile(self.file_name, self.content_type, 0, self.charset)
        self._hash = hashlib.sha256()
        self._crc32 = 0
        self._size = 0

    def receive_data_chunk(self, raw_data, start):
        self._size += len(raw_data)
        if self.file.too_large:
            return None
        if self._size > settings.OASIS_MAX_UPLOAD_BYTES:
            self.file.too_large = True
            # Give the disk back now; the rest of this file is read and dropped.
            self.file.seek(0)
            self.file.truncate()
            return None
        self._hash.update(raw_data)
        self._crc32 = zlib.crc32(raw_data, self._crc32)
        self.file.write(raw_data)
        return None

    def file_complete(self, file_size):
        self.file.seek(0)
        self.file.size = file_size
        self.file.sha256 = "" if self.file.too_large else self._hash.hexdigest()
        self.file.crc32 = None if self.file.too_large else self._crc32
        return self.file


def sweep_temp_files(*, older_than_s: float | None = None) -> int:
    """Remove files in ``FILE_UPLOAD_TEMP_DIR`` untouched for the grace period: what a crashed web
    server or worker left (upload spools, output spools). Returns how many were removed."""
    import os
    import time

    grace = settings.OASIS_STORAGE_GRACE_S if older_than_s is None else older_than_s
    cutoff = time.time() - grace
    removed = 0
    try:
        entries = list(os.scandir(settings.FILE_UPLOAD_TEMP_DIR))
    except FileNotFoundError:
        return 0
    for entry in entries:
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
                removed += 1
        except FileNotFoundError:
            continue  # its owner removed it meanwhile
    return removed
