"""The dataset zip is written on the fly: bounded chunks however big the files, ZIP64 past 2 GiB."""

import io
import os
import zipfile
import zlib

from oasis.datasets.zipstream import stream_zip


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


def test_chunks_stay_small_for_a_large_file():
    size = 64 * 1024 * 1024
    chunks = 0
    largest = 0
    total = 0
    for chunk in stream_zip([("big/zeros.bin", size, lambda: Zeros(size))]):
        chunks += 1
        largest = max(largest, len(chunk))
        total += len(chunk)
    assert chunks > 50
    assert largest <= 2 * 1024 * 1024, largest
    assert total > size


def test_the_archive_is_valid_with_the_right_bytes():
    files = {"a.txt": b"alpha", "dir/b.bin": os.urandom(300_000), "empty": b"", "dir/sub/c": b"c" * 10}
    entries = [(path, len(data), (lambda d=data: io.BytesIO(d))) for path, data in files.items()]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(stream_zip(entries))))
    assert archive.testzip() is None
    assert archive.namelist() == list(files)
    for path, data in files.items():
        info = archive.getinfo(path)
        assert info.compress_type == zipfile.ZIP_STORED
        assert archive.read(path) == data


def test_an_entry_over_2_gib_is_zip64(tmp_path):
    size = 2**31 + 5
    target = tmp_path / "big.zip"
    with open(target, "wb") as out:
        for chunk in stream_zip(
            [("huge.bin", size, lambda: Zeros(size)), ("after.txt", 5, lambda: io.BytesIO(b"after"))]
        ):
            out.write(chunk)
    with zipfile.ZipFile(target) as archive:
        huge = archive.getinfo("huge.bin")
        assert huge.file_size == size
        crc, block = 0, bytes(2**20)
        for _ in range(size // 2**20):
            crc = zlib.crc32(block, crc)
        expected = zlib.crc32(bytes(size % 2**20), crc)
        stored_crc = huge.CRC
        assert stored_crc == expected
        assert archive.read("after.txt") == b"after"
        with archive.open("huge.bin") as member:
            member.seek(size - 3)
            assert member.read() == b"\x00\x00\x00"
