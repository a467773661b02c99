"""Writing and reading back a resumable upload's spool file without the page cache (``O_DIRECT``).

An upload of tens of GB is written once, hashed once right behind the writers, and then not read
again until a task or a download asks for it: holding it in the page cache buys nothing, and filling
the cache is what limits a buffered write. Measured on the 2-core VM of CI (issue 13): four threads
writing 16 MB parts into one file, buffered 290-400 MB/s, direct 1,180-1,440 MB/s; the same file
read back direct at 2.6 GB/s. The buffered writes contend for the file's lock while each one fills
fresh cache pages (on a VM whose freed memory goes back to the host, each such page is faulted in
again).

Direct I/O wants the memory, the file offset and the length aligned to the device's blocks
(``ALIGN`` covers the usual 512 and 4096). So a ``SpoolWriter`` gathers the bytes as they arrive in
one page-aligned staging buffer and writes it whole; the unaligned end of a part goes through an
ordinary descriptor (the kernel keeps the two coherent). Where the file system refuses ``O_DIRECT``
(tmpfs, some network file systems) or a part starts at an unaligned offset, everything is written
the ordinary way, as before: same bytes, only slower.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import mmap
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

ALIGN = 4096
#: Bytes gathered before one direct write; one such buffer per part in flight.
STAGE = 4 * 1024 * 1024
#: Staging buffers kept between parts (one per part in flight; a client sends about 4 at a time),
#: for as long as parts keep coming (unmapped after ``STAGES_IDLE_S`` without one).
KEPT_STAGES = 4
STAGES_IDLE_S = 1.0
#: One read into the ordinary path's buffer, where a part cannot be written direct.
PLAIN_BLOCK = 1024 * 1024
#: One direct read when hashing (past ~1 MB the per-call cost is lost in the hashing).
READ_BLOCK = 2 * 1024 * 1024

_DIRECT = getattr(os, "O_DIRECT", 0)


def open_direct(path: str | os.PathLike, flags: int) -> int:
    """``path`` opened with ``O_DIRECT`` added to ``flags``, or -1 where the file system refuses it."""
    if not _DIRECT:
        return -1
    try:
        return os.open(path, flags | _DIRECT)
    except OSError as exc:
        if exc.errno in (errno.EINVAL, errno.EOPNOTSUPP):
            return -1
        raise


def reopen_direct(fd: int, flags: int) -> int:
    """The file open at ``fd`` opened again with ``O_DIRECT`` (the same file even if it was renamed
    meanwhile), or -1 where that cannot be done."""
    try:
        return open_direct(f"/proc/self/fd/{fd}", flags)
    except FileNotFoundError:  # no /proc
        return -1


class SpoolWriter:
    """Writes ``length`` bytes at ``offset`` of an existing file, from chunks of any size, direct where
    it can. ``fd`` is the caller's ordinary descriptor of the file (it keeps its own locks on it);
    ``written`` counts the bytes taken, which are all in the file once ``written == length``."""

    def __init__(self, fd: int, offset: int, length: int) -> None:
        self.fd = fd
        self.length = length
        self.written = 0
        self.direct = reopen_direct(fd, os.O_WRONLY) if offset % ALIGN == 0 else -1
        self._stage = _stages.take() if self.direct >= 0 else None
        self._stage_view = (ctypes.c_char * STAGE).from_buffer(self._stage) if self._stage else None
        self._stage_address = ctypes.addressof(self._stage_view) if self._stage_view else 0
        self._staged = 0
        self._at = offset  # where the staged bytes go

    def write(self, chunk: bytes | memoryview) -> None:
        if self.written + len(chunk) > self.length:
            raise ValueError("more bytes than the part holds")
        if self._stage is None:
            _pwrite(self.fd, memoryview(chunk), self._at)
            self._at += len(chunk)
            self.written += len(chunk)
            return
        at, size = 0, len(chunk)
        source = _address(chunk)
        while at < size:
            taken = min(STAGE - self._staged, size - at)
            if source is None:
                self._stage[self._staged : self._staged + taken] = memoryview(chunk)[at : at + taken]
            else:  # a foreign call: the copy runs without the GIL, beside the server's event loop
                ctypes.memmove(self._stage_address + self._staged, source + at, taken)
            self._staged += taken
            self.written += taken
            at += taken
            if self._staged == STAGE:
                self._flush()
        if self.written == self.length:
            self._flush()

    def fill(self, read_into: Callable[[memoryview], int]) -> None:
        """Take the rest of the part from ``read_into(view) -> n``, which puts the next ``n`` bytes at
        the front of ``view`` (a socket's ``recv_into``): straight into the staging buffer, no copy.
        ``EOFError`` if it returns 0 first."""
        if self._stage is None:
            self._fill_plain(read_into)
            return
        with memoryview(self._stage) as stage:  # released even on an error: the map is closed later
            while self.written < self.length:
                room = min(STAGE - self._staged, self.length - self.written)
                with stage[self._staged : self._staged + room] as free:
                    got = read_into(free)
                if not got:
                    raise EOFError(f"the part ended after {self.written} of its {self.length} bytes")
                self._staged += got
                self.written += got
                if self._staged == STAGE or self.written == self.length:
                    self._flush()

    def _fill_plain(self, read_into: Callable[[memoryview], int]) -> None:
        buffer = bytearray(min(PLAIN_BLOCK, self.length - self.written) or 1)
        view = memoryview(buffer)
        while self.written < self.length:
            got = read_into(view[: min(len(view), self.length - self.written)])
            if not got:
                raise EOFError(f"the part ended after {self.written} of its {self.length} bytes")
            _pwrite(self.fd, view[:got], self._at)
            self._at += got
            self.written += got

    def _flush(self) -> None:
        staged = memoryview(self._stage)[: self._staged]
        whole = self._staged - self._staged % ALIGN
        if whole:
            _pwrite(self.direct, staged[:whole], self._at)
        if whole < self._staged:  # the part's unaligned end
            _pwrite(self.fd, staged[whole:], self._at + whole)
        staged.release()
        self._at += self._staged
        self._staged = 0

    def close(self) -> None:
        """Drop what is staged (a part that did not arrive whole is sent again) and the direct
        descriptor; the caller closes ``fd``."""
        if self.direct >= 0:
            os.close(self.direct)
            self.direct = -1
        if self._stage is not None:
            self._stage_view = None  # the buffer it exports must be gone before the map closes
            _stages.give(self._stage)
            self._stage = None


class _StagePool:
    """Staging buffers kept for the next parts (``kept`` at most) while uploads go on: a new mapping
    per part is fresh memory, faulted in page by page each time (and on a VM whose freed memory goes
    back to the host, each page again from the host). Once no part has been written for ``idle_s``,
    the kept buffers are unmapped: the process does not carry them between uploads."""

    def __init__(self, kept: int, idle_s: float) -> None:
        self.kept, self.idle_s = kept, idle_s
        self.free: list[mmap.mmap] = []
        self.in_use = 0
        self.lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def take(self) -> mmap.mmap:
        with self.lock:
            self.in_use += 1
            if self.free:
                return self.free.pop()
        return mmap.mmap(-1, STAGE)

    def give(self, stage: mmap.mmap) -> None:
        with self.lock:
            self.in_use -= 1
            if len(self.free) < self.kept:
                self.free.append(stage)
                stage = None
            if self.in_use == 0 and self.free and self._timer is None:
                self._timer = threading.Timer(self.idle_s, self._trim)
                self._timer.daemon = True
                self._timer.start()
        if stage is not None:
            stage.close()

    def _trim(self) -> None:
        with self.lock:
            self._timer = None
            if self.in_use:
                return  # busy again: the last give of this round starts the next timer
            free, self.free = self.free, []
        for stage in free:
            stage.close()


_stages = _StagePool(KEPT_STAGES, STAGES_IDLE_S)


def _address(chunk) -> int | None:
    """Where a ``bytes`` object's bytes are (no copy); None for other buffers."""
    if type(chunk) is bytes:
        return ctypes.cast(ctypes.c_char_p(chunk), ctypes.c_void_p).value
    return None


def _pwrite(fd: int, view: memoryview, at: int) -> None:
    while view:
        done = os.pwrite(fd, view, at)
        at += done
        view = view[done:]


def aligned_buffer(size: int) -> mmap.mmap:
    """A page-aligned buffer of ``size`` bytes (rounded up to ``ALIGN``) for ``chunks``."""
    return mmap.mmap(-1, -(-size // ALIGN) * ALIGN)


class SpoolReader:
    """Reads a file back, direct where it can (an aligned offset), else the ordinary way."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = path
        self.direct = open_direct(path, os.O_RDONLY)
        self.plain = -1 if self.direct >= 0 else os.open(path, os.O_RDONLY)

    def read_into(self, buffer: mmap.mmap, offset: int, count: int) -> memoryview:
        """Up to ``count`` (at most ``len(buffer)``) bytes at ``offset`` into ``buffer``; fewer at the
        end of the file."""
        count = min(count, len(buffer))
        view = memoryview(buffer)
        if self.direct >= 0 and offset % ALIGN == 0:
            got = os.preadv(self.direct, [view[: -(-count // ALIGN) * ALIGN]], offset)
            return view[: min(got, count)]
        if self.plain < 0:
            self.plain = os.open(self.path, os.O_RDONLY)
        return view[: os.preadv(self.plain, [view[:count]], offset)]

    def close(self) -> None:
        for fd in (self.direct, self.plain):
            if fd >= 0:
                os.close(fd)


def chunks(
    path: str | os.PathLike, buffers: list[mmap.mmap], *, offset: int = 0, end: int | None = None
) -> Iterator[memoryview]:
    """The file from ``offset`` to ``end`` (or its end), in blocks of ``len(buffers[0])`` bytes, for one
    pass of hashing, the next block read on a thread while the caller hashes this one (direct reads
    have no read-ahead: read one after the other, each waits for the disk).

    The blocks land in ``buffers`` in turn (at least 3, from ``aligned_buffer``): a block stays valid
    until two more were taken, so ``blobs.digest`` can finish one's CRC-32 on its own thread while it
    hashes the next.
    """
    if len(buffers) < 3:
        raise ValueError("chunks needs three buffers")
    # Opened now, not at the first block: a missing file is an error of this call, before any block.
    return _blocks(SpoolReader(path), buffers, offset, end if end is not None else float("inf"))


def _blocks(reader: SpoolReader, buffers: list[mmap.mmap], offset: int, limit: float) -> Iterator[memoryview]:
    """``chunks``'s blocks; closes ``reader`` when done (iterate it: an unstarted one keeps it open)."""

    def read(at: int, turn: int) -> memoryview:
        buffer = buffers[turn % len(buffers)]
        return reader.read_into(buffer, at, int(min(len(buffer), limit - at)))

    turn = 0
    pending = _ahead.submit(read, offset, turn) if offset < limit else None
    try:
        while pending is not None:
            chunk = pending.result()
            if not chunk:
                return
            offset, turn = offset + len(chunk), turn + 1
            pending = _ahead.submit(read, offset, turn) if offset < limit else None
            yield chunk
    finally:
        if pending is not None:  # no read may still be filling a buffer the caller reuses
            with contextlib.suppress(OSError):
                pending.result()
        reader.close()


_ahead = ThreadPoolExecutor(4, thread_name_prefix="spool-read")
