"""Hashing a resumable upload's written prefix while parts arrive (oasis.datasets.running_digest)."""

from __future__ import annotations

import hashlib
import os
import uuid
import zlib
from datetime import UTC, datetime, timedelta

from oasis.datasets import running_digest

PART = 1000
DATA = os.urandom(4 * PART + 321)  # 5 parts, the last one short
T0 = datetime(2026, 12, 7, tzinfo=UTC)


def _spool(tmp_path):
    path = tmp_path / "spool"
    path.write_bytes(DATA)
    return str(path)


def _arrive(session: str, spool: str, numbers, at=T0) -> dict:
    recorded = {}
    for n in numbers:
        running_digest.part_arrived(
            session, number=n, received_at=at, part_size=PART, size=len(DATA), spool=spool
        )
        recorded[n] = at
    running_digest._pool.submit(lambda: None).result()  # the hashing thread caught up
    return recorded


def test_parts_in_any_order_hash_the_prefix_and_completion_gets_it(tmp_path):
    session, spool = str(uuid.uuid4()), _spool(tmp_path)
    recorded = _arrive(session, spool, [2, 3, 1, 5])  # 4 missing: the prefix stops after 3
    sha, crc, offset = running_digest.take(session, recorded)
    assert offset == 3 * PART
    assert sha.hexdigest() == hashlib.sha256(DATA[:offset]).hexdigest()
    assert crc == zlib.crc32(DATA[:offset])


def test_the_whole_file_when_every_part_arrived(tmp_path):
    session, spool = str(uuid.uuid4()), _spool(tmp_path)
    recorded = _arrive(session, spool, [5, 4, 3, 2, 1])
    sha, _, offset = running_digest.take(session, recorded)
    assert (offset, sha.hexdigest()) == (len(DATA), hashlib.sha256(DATA).hexdigest())


def test_a_part_sent_again_after_it_was_hashed_drops_the_digest(tmp_path):
    session, spool = str(uuid.uuid4()), _spool(tmp_path)
    recorded = _arrive(session, spool, [1, 2])
    running_digest.part_reopened(session, 1)
    assert running_digest.take(session, recorded) is None


def test_a_part_recorded_again_elsewhere_is_seen_at_completion(tmp_path):
    """Another process re-sent part 2: its received_at in the database is not the one hashed."""
    session, spool = str(uuid.uuid4()), _spool(tmp_path)
    recorded = _arrive(session, spool, [1, 2])
    recorded[2] = T0 + timedelta(seconds=1)
    assert running_digest.take(session, recorded) is None


def test_nothing_hashed_or_unknown_session_means_hashing_it_all(tmp_path):
    session, spool = str(uuid.uuid4()), _spool(tmp_path)
    recorded = _arrive(session, spool, [3])  # part 1 never came here
    assert running_digest.take(session, recorded) is None
    assert running_digest.take(str(uuid.uuid4()), {}) is None


def test_a_sealed_spool_stops_the_hashing_quietly(tmp_path):
    session = str(uuid.uuid4())
    recorded = _arrive(session, str(tmp_path / "gone"), [1])
    assert running_digest.take(session, recorded) is None


def test_a_read_failing_inside_a_part_drops_the_digest(tmp_path, monkeypatch):
    """The SHA-256 took some of the part before the failure: it no longer matches any prefix."""
    session, spool = str(uuid.uuid4()), _spool(tmp_path)
    recorded = _arrive(session, spool, [1])

    def failing(path, buffers, *, offset=0, end=None):
        def blocks():
            yield memoryview(DATA[offset : offset + 10])
            raise OSError("the disk went away")

        return blocks()

    monkeypatch.setattr(running_digest.spool_io, "chunks", failing)
    recorded.update(_arrive(session, spool, [2]))
    assert running_digest.take(session, recorded) is None


def test_a_spool_sealed_before_the_next_part_keeps_the_prefix(tmp_path):
    session, spool = str(uuid.uuid4()), _spool(tmp_path)
    recorded = _arrive(session, spool, [1])
    os.rename(spool, spool + ".sealed")  # completion took the file: part 2 is not read here
    recorded.update(_arrive(session, spool, [2]))
    sha, _, offset = running_digest.take(session, recorded)
    assert (offset, sha.hexdigest()) == (PART, hashlib.sha256(DATA[:PART]).hexdigest())
