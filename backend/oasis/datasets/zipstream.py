"""A dataset as a zip, laid out before a byte is read: exact length, any byte range, constant memory.

Every entry is stored (no compression) with its CRC-32 and size known up front (kept with each blob),
so each local header is complete and no data descriptor follows the data. The archive is then a fixed
sequence of segments, header bytes and file contents, whose total length is known (the response's
Content-Length) and any range of which can be produced by skipping whole segments and seeking into
one file (a broken download resumes with Range). Entries carry the time the file entered OASIS, in
the DOS fields and, to the second in UTC, in the extended-timestamp field (0x5455). ZIP64 records are
used where a size, an offset or the entry count needs them (APPNOTE 6.3.10, sections 4.3 and 4.5).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

CHUNK = 1024 * 1024
_MAX32 = 0xFFFFFFFF
_UTF8 = 0x0800
_UNIX_FILE = 0o100644 << 16


@dataclass(frozen=True)
class Entry:
    path: str
    size: int
    crc32: int
    modified: datetime
    #: Opens the content positioned at the given offset.
    open_at: Callable[[int], BinaryIO]


def _dos_time(moment: datetime) -> tuple[int, int]:
    moment = moment.astimezone(UTC) if moment.tzinfo else moment
    if moment.year < 1980:
        return 0, (1 << 5) | 1  # 1980-01-01 00:00
    year = min(moment.year, 2107)
    return (
        (moment.hour << 11) | (moment.minute << 5) | (moment.second // 2),
        ((year - 1980) << 9) | (moment.month << 5) | moment.day,
    )


def _timestamp_extra(moment: datetime) -> bytes:
    seconds = max(0, min(int(moment.timestamp()), _MAX32))
    return struct.pack("<HHBI", 0x5455, 5, 1, seconds)


def _entry_fields(entry: Entry, name: bytes, extra: bytes, *, version_needed: int) -> bytes:
    """What the local and the central header both hold, in the same order: from "version needed to
    extract" to "extra field length" (APPNOTE 4.3.7 and 4.3.12)."""
    time, date = _dos_time(entry.modified)
    size32 = _MAX32 if entry.size >= _MAX32 else entry.size
    return struct.pack(
        "<HHHHHIIIHH",
        version_needed,
        _UTF8,
        0,  # stored
        time,
        date,
        entry.crc32,
        size32,
        size32,
        len(name),
        len(extra),
    )


def _local_header(entry: Entry, name: bytes) -> bytes:
    big = entry.size >= _MAX32
    extra = _timestamp_extra(entry.modified)
    if big:
        extra = struct.pack("<HHQQ", 0x0001, 16, entry.size, entry.size) + extra
    fields = _entry_fields(entry, name, extra, version_needed=45 if big else 20)
    return struct.pack("<I", 0x04034B50) + fields + name + extra


def _central_header(entry: Entry, name: bytes, offset: int) -> bytes:
    big, far = entry.size >= _MAX32, offset >= _MAX32
    zip64 = b""
    if big:
        zip64 += struct.pack("<QQ", entry.size, entry.size)
    if far:
        zip64 += struct.pack("<Q", offset)
    extra = (struct.pack("<HH", 0x0001, len(zip64)) + zip64 if zip64 else b"") + _timestamp_extra(
        entry.modified
    )
    fields = _entry_fields(entry, name, extra, version_needed=45 if (big or far) else 20)
    made_by = (3 << 8) | 45  # Unix, APPNOTE 4.5
    # No comment, disk 0, no internal attributes, a regular file's mode, where the local header is.
    rest = struct.pack("<HHHII", 0, 0, 0, _UNIX_FILE, _MAX32 if far else offset)
    return struct.pack("<IH", 0x02014B50, made_by) + fields + rest + name + extra


def _end_records(count: int, directory_offset: int, directory_size: int) -> bytes:
    end = b""
    if count >= 0xFFFF or directory_offset >= _MAX32 or directory_size >= _MAX32:
        zip64_end_offset = directory_offset + directory_size
        end += struct.pack(
            "<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, directory_size, directory_offset
        )
        end += struct.pack("<IIQI", 0x07064B50, 0, zip64_end_offset, 1)
        count16, size32, offset32 = 0xFFFF, _MAX32, _MAX32
    else:
        count16, size32, offset32 = count, directory_size, directory_offset
    return end + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count16, count16, size32, offset32, 0)


class ZipLayout:
    """The archive of ``entries`` as segments: ``bytes`` or an entry whose content goes there."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.segments: list[bytes | Entry] = []
        directory: list[bytes] = []
        offset = count = 0
        for entry in entries:
            name = entry.path.encode()
            header = _local_header(entry, name)
            directory.append(_central_header(entry, name, offset))
            self.segments += [header, entry]
            offset += len(header) + entry.size
            count += 1
        central = b"".join(directory)
        self.segments.append(central + _end_records(count, offset, len(central)))
        self.size = offset + len(self.segments[-1])
        #: Names, sizes, CRCs, times and offsets: the archive's bytes are a function of these.
        self.etag = '"zip-' + hashlib.sha256(central).hexdigest()[:40] + '"'

    def spans(self, start: int = 0, end: int | None = None) -> Iterator[tuple[bytes | Entry, int, int]]:
        """The segments bytes ``start`` to ``end`` (inclusive; default: the last) cover, in order, each
        with where in it they start and how many of its bytes they take."""
        end = self.size - 1 if end is None else end
        position = 0
        for segment in self.segments:
            length = len(segment) if isinstance(segment, bytes) else segment.size
            first, last = max(start, position), min(end, position + length - 1)
            if first <= last:
                yield segment, first - position, last - first + 1
            position += length
            if position > end:
                return

    def read(self, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        """Yield bytes ``start`` to ``end`` (inclusive; default: the last) in chunks of at most CHUNK."""
        for segment, skip, take in self.spans(start, end):
            yield from read_span(segment, skip, take)


def read_span(segment: bytes | Entry, skip: int, take: int) -> Iterator[bytes]:
    """A span's bytes in chunks of at most CHUNK."""
    if isinstance(segment, bytes):
        for at in range(skip, skip + take, CHUNK):
            yield segment[at : min(at + CHUNK, skip + take)]
    else:
        yield from _read_content(segment, skip, take)


def _read_content(entry: Entry, offset: int, length: int) -> Iterator[bytes]:
    with entry.open_at(offset) as source:
        while length > 0:
            chunk = source.read(min(CHUNK, length))
            if not chunk:
                raise OSError(f"{entry.path} ended {length} bytes early")
            length -= len(chunk)
            yield chunk
