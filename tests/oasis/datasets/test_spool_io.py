"""Writing and reading a resumable upload's spool file direct, without the page cache (spool_io)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from oasis.datasets import spool_io
from oasis.datasets.spool_io import ALIGN, STAGE, SpoolWriter

DATA = os.urandom(2 * STAGE + 3 * ALIGN + 777)  # more than two stages, with an unaligned end
SIZES = [1, ALIGN - 1, 65536, STAGE + 5, 3 * ALIGN, 100_000]  # chunks as a network hands them over


def _chunks(data: bytes):
    at, turn = 0, 0
    while at < len(data):
        size = SIZES[turn % len(SIZES)]
        yield data[at : at + size]
        at, turn = at + size, turn + 1


def _direct_works(folder: Path) -> bool:
    probe = folder / "probe"
    probe.write_bytes(b"")
    fd = spool_io.open_direct(probe, os.O_WRONLY)
    if fd < 0:
        return False
    os.close(fd)
    return True


def _write(path: Path, offset: int, data: bytes, as_views: bool = False) -> SpoolWriter:
    fd = os.open(path, os.O_WRONLY)
    writer = SpoolWriter(fd, offset, len(data))
    try:
        for chunk in _chunks(data):
            writer.write(memoryview(chunk) if as_views else chunk)
    finally:
        writer.close()
        os.close(fd)
    return writer


@pytest.mark.parametrize("offset", [0, 3 * STAGE, 5 * ALIGN + 1], ids=["start", "aligned", "unaligned"])
@pytest.mark.parametrize("as_views", [False, True], ids=["bytes", "views"])
def test_a_part_lands_whole_at_its_offset(tmp_path, offset, as_views):
    path = tmp_path / "spool"
    path.write_bytes(b"\xee" * (offset + len(DATA) + 10))  # the bytes around the part stay
    writer = _write(path, offset, DATA, as_views)
    assert writer.written == len(DATA)
    content = path.read_bytes()
    assert content[offset : offset + len(DATA)] == DATA
    assert content[:offset] == b"\xee" * offset and content[offset + len(DATA) :] == b"\xee" * 10


def test_aligned_parts_go_direct_where_the_file_system_allows_it(tmp_path):
    path = tmp_path / "spool"
    path.write_bytes(bytes(len(DATA)))
    fd = os.open(path, os.O_WRONLY)
    try:
        aligned, unaligned = SpoolWriter(fd, 0, 10), SpoolWriter(fd, 1, 10)
        assert (aligned.direct >= 0) == _direct_works(tmp_path)
        assert unaligned.direct == -1
        aligned.close(), unaligned.close()
    finally:
        os.close(fd)


def test_without_direct_io_the_same_bytes_land_the_ordinary_way(tmp_path, monkeypatch):
    """As where the file system refuses O_DIRECT (the kernel here allows it even on tmpfs)."""
    monkeypatch.setattr(spool_io, "_DIRECT", 0)
    path = tmp_path / "spool"
    path.write_bytes(bytes(len(DATA)))
    assert spool_io.open_direct(path, os.O_WRONLY) == -1
    writer = _write(path, 0, DATA)
    assert writer.direct == -1 and path.read_bytes() == DATA
    assert b"".join(map(bytes, spool_io.chunks(path, _buffers(STAGE)))) == DATA


def test_bytes_past_the_part_are_refused_and_a_dropped_part_writes_nothing_it_staged(tmp_path):
    path = tmp_path / "spool"
    path.write_bytes(bytes(2 * STAGE))
    fd = os.open(path, os.O_WRONLY)
    writer = SpoolWriter(fd, 0, STAGE + 10)
    try:
        writer.write(b"\x01" * STAGE)  # one whole stage: written
        writer.write(b"\x02" * 5)  # staged, the connection then drops
        with pytest.raises(ValueError):
            writer.write(b"\x03" * 6)
        assert writer.written == STAGE + 5
    finally:
        writer.close()
        os.close(fd)
    content = path.read_bytes()
    assert content[:STAGE] == b"\x01" * STAGE
    assert content[STAGE:] == bytes(STAGE)  # the part counts as missing; it is sent again whole


class _Socketish:
    """``read_into`` as a socket's ``recv_into``: the next bytes, as many as fit or as the network
    handed over (``SIZES`` in turn), and 0 at the end."""

    def __init__(self, data: bytes) -> None:
        self.data, self.at, self.turn = memoryview(data), 0, 0

    def read_into(self, view: memoryview) -> int:
        size = min(len(view), SIZES[self.turn % len(SIZES)], len(self.data) - self.at)
        view[:size] = self.data[self.at : self.at + size]
        self.at, self.turn = self.at + size, self.turn + 1
        return size


@pytest.mark.parametrize("offset", [0, 3 * STAGE, 5 * ALIGN + 1], ids=["start", "aligned", "unaligned"])
@pytest.mark.parametrize("direct", [True, False], ids=["direct", "ordinary"])
def test_a_part_filled_from_a_socket_lands_whole_at_its_offset(tmp_path, monkeypatch, offset, direct):
    if not direct:
        monkeypatch.setattr(spool_io, "_DIRECT", 0)
    path = tmp_path / "spool"
    path.write_bytes(b"\xee" * (offset + len(DATA) + 10))
    fd = os.open(path, os.O_WRONLY)
    writer = SpoolWriter(fd, offset, len(DATA))
    try:
        assert (writer.direct >= 0) == (direct and offset % ALIGN == 0 and _direct_works(tmp_path))
        writer.fill(_Socketish(DATA + b"never read").read_into)  # takes the part's bytes, no more
    finally:
        writer.close()
        os.close(fd)
    content = path.read_bytes()
    assert writer.written == len(DATA) and content[offset : offset + len(DATA)] == DATA
    assert content[:offset] == b"\xee" * offset and content[offset + len(DATA) :] == b"\xee" * 10


def test_a_part_whose_source_ends_early_says_so_and_its_staging_buffer_serves_the_next(tmp_path):
    path = tmp_path / "spool"
    path.write_bytes(bytes(2 * STAGE))
    fd = os.open(path, os.O_WRONLY)
    try:
        short = SpoolWriter(fd, 0, STAGE + 10)
        with pytest.raises(EOFError, match=f"after {STAGE + 5} of its {STAGE + 10} bytes"):
            short.fill(_Socketish(b"\x01" * (STAGE + 5)).read_into)
        stage = short._stage
        short.close()  # its buffer goes back to the pool, unmapped only beyond KEPT_STAGES
        again = SpoolWriter(fd, 0, STAGE + 10)
        assert again._stage is stage or not _direct_works(tmp_path)
        again.fill(_Socketish(b"\x02" * (STAGE + 10)).read_into)
        again.close()
    finally:
        os.close(fd)
    assert path.read_bytes()[: STAGE + 10] == b"\x02" * (STAGE + 10)


def test_staging_buffers_are_kept_while_parts_come_and_unmapped_when_they_stop():
    pool = spool_io._StagePool(kept=2, idle_s=0.2)
    first, second, third = pool.take(), pool.take(), pool.take()
    pool.give(first), pool.give(second), pool.give(third)  # two kept, the third unmapped at once
    assert third.closed and not first.closed and pool.free == [first, second]
    assert pool.take() is second  # the next part reuses one
    time.sleep(0.4)  # one is still in use: nothing is trimmed
    assert not first.closed
    pool.give(second)
    time.sleep(0.4)  # none in use for longer than idle_s
    assert first.closed and second.closed and pool.free == []
    assert not pool.take().closed  # and a new upload maps new ones


def _buffers(size: int) -> list:
    return [spool_io.aligned_buffer(size) for _ in range(3)]


@pytest.mark.parametrize("offset", [0, ALIGN, 1234])
@pytest.mark.parametrize("end", [None, len(DATA) - 100, STAGE + ALIGN], ids=["eof", "near-end", "aligned"])
def test_chunks_read_a_range_of_the_file_ahead_in_turns(tmp_path, offset, end):
    path = tmp_path / "spool"
    path.write_bytes(DATA)
    buffers = _buffers(STAGE)
    seen = []
    for chunk in spool_io.chunks(path, buffers, offset=offset, end=end):
        assert len(chunk) <= STAGE
        seen.append(bytes(chunk))
    assert b"".join(seen) == DATA[offset:end]
    assert len(seen) == -(-(len(DATA[offset:end])) // STAGE)


def test_a_block_stays_valid_until_two_more_were_taken(tmp_path):
    path = tmp_path / "spool"
    path.write_bytes(DATA)
    held = []
    for chunk in spool_io.chunks(path, _buffers(ALIGN), end=5 * ALIGN):
        held.append(chunk)
        if len(held) >= 2:  # the one before this is untouched by the read ahead of the next
            at = (len(held) - 2) * ALIGN
            assert bytes(held[-2]) == DATA[at : at + ALIGN]


def test_fewer_than_three_buffers_are_refused(tmp_path):
    with pytest.raises(ValueError):
        list(spool_io.chunks(tmp_path / "x", _buffers(ALIGN)[:2]))


def test_reading_past_the_end_gives_what_is_there(tmp_path):
    path = tmp_path / "spool"
    path.write_bytes(DATA)
    reader = spool_io.SpoolReader(path)
    buffer = spool_io.aligned_buffer(STAGE)
    try:
        assert bytes(reader.read_into(buffer, 2 * STAGE, STAGE)) == DATA[2 * STAGE :]
        assert bytes(reader.read_into(buffer, len(DATA), STAGE)) == b""
        assert bytes(reader.read_into(buffer, 5, 10)) == DATA[5:15]  # unaligned: the ordinary way
    finally:
        reader.close()
