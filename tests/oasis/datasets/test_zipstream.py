"""The dataset zip is laid out before a byte is read: exact length, any range, ZIP64 past 4 GiB."""

import io
import os
import subprocess
import zipfile
import zlib
from datetime import UTC, datetime

from oasis.datasets.zipstream import CHUNK, Entry, ZipLayout

WHEN = datetime(2024, 5, 6, 7, 8, 10, tzinfo=UTC)


class Zeros(io.RawIOBase):
    """``size`` zero bytes produced on demand: the test holds none of them."""

    def __init__(self, size: int):
        self.left = size
        self.block = bytes(1024 * 1024)

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        n = min(self.left, len(self.block) if n < 0 else n)
        self.left -= n
        return self.block[:n]


def _entry(path: str, data: bytes, when: datetime = WHEN) -> Entry:
    def open_at(offset: int):
        stream = io.BytesIO(data)
        stream.seek(offset)
        return stream

    return Entry(path=path, size=len(data), crc32=zlib.crc32(data), modified=when, open_at=open_at)


def _zeros(path: str, size: int, crc32: int) -> Entry:
    return Entry(
        path=path, size=size, crc32=crc32, modified=WHEN, open_at=lambda offset: Zeros(size - offset)
    )


def test_the_archive_is_valid_with_the_right_bytes_times_and_length(tmp_path):
    files = {
        "a.txt": b"alpha",
        "dir/b.bin": os.urandom(300_000),
        "empty": b"",
        "dir/sub/c": b"c" * 10,
        "é.txt": b"e",
    }
    layout = ZipLayout(_entry(path, data) for path, data in files.items())
    data = b"".join(layout.read())
    assert len(data) == layout.size
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    assert archive.namelist() == list(files)
    for path, content in files.items():
        info = archive.getinfo(path)
        assert info.compress_type == zipfile.ZIP_STORED and info.flag_bits & 0x08 == 0  # no data descriptor
        assert info.date_time == (2024, 5, 6, 7, 8, 10)
        assert archive.read(path) == content
    (tmp_path / "t.zip").write_bytes(data)
    if subprocess.run(["which", "unzip"], capture_output=True).returncode == 0:
        assert (
            "No errors detected"
            in subprocess.run(["unzip", "-t", str(tmp_path / "t.zip")], capture_output=True, text=True).stdout
        )


def test_any_range_is_the_same_bytes_as_the_whole():
    layout = ZipLayout(
        [_entry("a", os.urandom(3 * CHUNK + 7)), _entry("b", b"bee"), _entry("c", os.urandom(999))]
    )
    whole = b"".join(layout.read())
    for start, end in [
        (0, 0),
        (10, 29),
        (40, 3 * CHUNK),
        (3 * CHUNK + 50, layout.size - 1),
        (layout.size - 1, layout.size - 1),
    ]:
        part = b"".join(layout.read(start, end))
        assert part == whole[start : end + 1], (start, end)
    assert max(len(chunk) for chunk in layout.read()) <= CHUNK


def test_the_etag_changes_with_the_content_and_times():
    one = ZipLayout([_entry("a", b"x")]).etag
    assert ZipLayout([_entry("a", b"x")]).etag == one
    assert ZipLayout([_entry("a", b"y")]).etag != one
    assert ZipLayout([_entry("a", b"x", datetime(2025, 1, 1, tzinfo=UTC))]).etag != one


class _Ranged(io.RawIOBase):
    """A seekable file over a layout that reads only the ranges asked for, as a Range client does."""

    def __init__(self, layout: ZipLayout):
        self.layout, self.position = layout, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = 0) -> int:
        self.position = {0: offset, 1: self.position + offset, 2: self.layout.size + offset}[whence]
        return self.position

    def read(self, n: int = -1) -> bytes:
        end = self.layout.size - 1 if n < 0 else min(self.layout.size - 1, self.position + n - 1)
        if end < self.position:
            return b""
        data = b"".join(self.layout.read(self.position, end))
        self.position += len(data)
        return data


def test_an_entry_over_4_gib_and_offsets_past_it_are_zip64():
    size = 2**32 + 5
    crc, block = 0, bytes(1024 * 1024)
    for _ in range(size // len(block)):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(bytes(size % len(block)), crc)
    layout = ZipLayout([_zeros("huge.bin", size, crc), _entry("after.txt", b"after")])
    with zipfile.ZipFile(_Ranged(layout)) as archive:
        huge = archive.getinfo("huge.bin")
        assert (huge.file_size, huge.CRC) == (size, crc)
        assert archive.getinfo("after.txt").header_offset > 2**32  # a ZIP64 offset
        assert archive.read("after.txt") == b"after"
        data_start = len(layout.segments[0])
        assert b"".join(layout.read(data_start + size - 3, data_start + size + 2)) == b"\x00\x00\x00PK\x03"
