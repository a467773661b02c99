"""Hash a resumable upload while its parts arrive, so completing it costs only the rest (issue 13).

SHA-256 cannot be combined from parts, but it can follow the file's written prefix: when a part
arrives that extends the prefix of parts already here (1, 2, ... k), one background thread reads it
back from the spool file (direct, a block ahead: ``spool_io.chunks``) and feeds it to the session's
SHA-256 and CRC-32. With parts
sent 4 at a time in order, the prefix keeps up with the transfer, and ``complete_upload`` hashes only
what is left instead of the whole file (~1 s per GB).

The state is this process's memory, and an optimisation only: a part sent again after it was hashed
drops the session's digest (``part_reopened``); completion uses a digest only if every part it hashed
is still the one recorded (``UploadPart.received_at``, which another process re-sending a part
changes); anything else, or a restart, means hashing the whole file as before.
"""

from __future__ import annotations

import hashlib
import logging
import mmap
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

from . import blobs, spool_io

log = logging.getLogger(__name__)

#: Sessions followed at once (the oldest is dropped beyond it: it is hashed at completion instead).
MAX_SESSIONS = 256


@dataclass
class Digest:
    part_size: int
    size: int
    sha: hashlib._Hash = field(default_factory=hashlib.sha256)
    crc: int = 0
    offset: int = 0
    #: Parts in the hashed prefix: number -> the ``received_at`` of the part that was hashed.
    hashed: dict[int, datetime] = field(default_factory=dict)
    #: Parts that arrived and are not hashed yet.
    waiting: dict[int, datetime] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    closed: bool = False
    #: A part was being hashed when hashing stopped: the SHA-256 holds more than ``offset`` bytes.
    broken: bool = False


_digests: OrderedDict[str, Digest] = OrderedDict()
_guard = threading.Lock()
_pool = ThreadPoolExecutor(1, thread_name_prefix="upload-digest")
_read_buffers: list[mmap.mmap] | None = None  # only the pool's one thread uses them


def part_arrived(
    session_id: str, *, number: int, received_at: datetime, part_size: int, size: int, spool: str
) -> None:
    """A part was recorded whole: hash it (and the waiting parts after it) if it extends the prefix."""
    with _guard:
        digest = _digests.get(session_id)
        if digest is None:
            digest = _digests[session_id] = Digest(part_size=part_size, size=size)
            while len(_digests) > MAX_SESSIONS:
                _digests.popitem(last=False)
        digest.waiting[number] = received_at
    _pool.submit(_advance, digest, spool)


def part_reopened(session_id: str, number: int) -> None:
    """A part is being sent again: a digest that holds its earlier bytes is no good any more."""
    with _guard:
        digest = _digests.get(session_id)
        if digest is not None and number in digest.hashed:
            _digests.pop(session_id, None)
            digest.closed = True


def forget(session_id: str) -> None:
    with _guard:
        digest = _digests.pop(session_id, None)
    if digest is not None:
        digest.closed = True


def _buffers() -> list[mmap.mmap]:
    """The hashing thread's read buffers, kept (6 MB of the process for good): new buffers per part
    would be fresh memory each time (mapped, faulted in page by page, unmapped)."""
    global _read_buffers
    if _read_buffers is None:
        _read_buffers = [spool_io.aligned_buffer(spool_io.READ_BLOCK) for _ in range(3)]
    return _read_buffers


def _advance(digest: Digest, spool: str) -> None:
    with digest.lock:
        if digest.closed:
            return
        try:
            while not digest.closed:
                number = digest.offset // digest.part_size + 1
                received_at = digest.waiting.pop(number, None)
                if received_at is None or digest.offset >= digest.size:
                    return
                end = min(digest.offset + digest.part_size, digest.size)
                chunks = spool_io.chunks(spool, _buffers(), offset=digest.offset, end=end)
                digest.broken = True  # until the part is hashed whole: the SHA-256 runs ahead of offset
                digest.crc, hashed = blobs.hash_into(chunks, digest.sha, digest.crc)
                digest.offset += hashed
                if digest.offset < end:
                    digest.closed = True  # shorter than recorded: let completion see it all
                    return
                digest.broken = False
                digest.hashed[number] = received_at
        except (
            FileNotFoundError
        ):  # sealed for completion meanwhile (before this part was read): it takes over
            return
        except OSError:
            log.exception("hashing upload parts ahead of completion failed; completion hashes them")
            digest.closed = True


def take(session_id: str, recorded: dict[int, datetime]) -> tuple[hashlib._Hash, int, int] | None:
    """At completion: (sha256 so far, crc32 so far, bytes hashed) if this process's digest of the
    session matches the parts ``recorded`` (number -> received_at), else None. The digest is done."""
    with _guard:
        digest = _digests.pop(session_id, None)
    if digest is None:
        return None
    with digest.lock:  # waits for a part being hashed now
        digest.closed = True
        if (
            digest.broken
            or not digest.hashed
            or any(recorded.get(n) != at for n, at in digest.hashed.items())
        ):
            return None
        return digest.sha, digest.crc, digest.offset
