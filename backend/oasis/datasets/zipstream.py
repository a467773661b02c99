"""A zip archive written on the fly, in constant memory, from a list of files and their openers."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

CHUNK = 256 * 1024


class _Spool:
    """A write-only, non-seekable sink: zipfile then writes data descriptors instead of seeking back."""

    def __init__(self):
        self.parts: list[bytes] = []
        self.offset = 0

    def write(self, data) -> int:
        if data:
            self.parts.append(bytes(data))
            self.offset += len(data)
        return len(data)

    def tell(self) -> int:
        return self.offset

    def flush(self) -> None:
        pass

    def drain(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def stream_zip(entries: Iterable[tuple[str, int, Callable[[], BinaryIO]]]) -> Iterator[bytes]:
    """Yield the bytes of a zip holding ``(path, size, open)`` entries, stored uncompressed (ZIP64 ready)."""
    spool = _Spool()
    with zipfile.ZipFile(spool, mode="w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for path, size, opener in entries:
            info = zipfile.ZipInfo(path)
            info.compress_type = zipfile.ZIP_STORED
            info.file_size = size
            with opener() as source, archive.open(info, mode="w", force_zip64=size >= 2**31) as target:
                while chunk := source.read(CHUNK):
                    target.write(chunk)
                    if spool.offset and len(spool.parts) > 4:
                        yield spool.drain()
            yield spool.drain()
    tail = spool.drain()
    if tail:
        yield tail
