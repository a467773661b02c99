"""An upload handler that writes each uploaded file to disk while hashing it.

Uploads never sit in memory: Django hands the handler chunks, it writes them to a temporary file and
feeds a sha256 as they pass, so storing the blob later needs no second read of a large file.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class HashedTemporaryUploadedFile(TemporaryUploadedFile):
    sha256: str = ""


class HashingUploadHandler(FileUploadHandler):
    chunk_size = 1024 * 1024

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file = HashedTemporaryUploadedFile(self.file_name, self.content_type, 0, self.charset)
        self._hash = hashlib.sha256()
        self._size = 0

    def receive_data_chunk(self, raw_data, start):
        self._size += len(raw_data)
        if self._size > settings.OASIS_MAX_UPLOAD_BYTES:
            # The request is abandoned; the mutation reports the limit (see services.check_upload).
            self.request.oasis_upload_too_large = True
            raise StopUpload(connection_reset=False)
        self._hash.update(raw_data)
        self.file.write(raw_data)

    def file_complete(self, file_size):
        self.file.seek(0)
        self.file.size = file_size
        self.file.sha256 = self._hash.hexdigest()
        return self.file
