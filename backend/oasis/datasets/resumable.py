"""Resumable uploads: one file sent in numbered parts, in any order, in parallel, across dropped
connections, then completed into a dataset (issue 13).

A client starts a session (``start_upload``: path, size, optional sha256, the dataset), asks for part
URLs (``part_urls``) and PUTs each part's bytes as the raw request body; it may ask at any time which
parts arrived (``received_parts``) and send only the others. ``complete_upload`` puts the file into
its dataset, ``abort_upload`` drops it; open sessions nobody touched for
``OASIS_UPLOAD_SESSION_TTL_S`` are swept (``sweep_upload_sessions``, on the housekeeping schedule).

Local storage: parts come to OASIS's data plane (``dataplane``, through presigned part URLs) or to
the web server (``upload_views``) and are written at their offsets into one spool file; while they
arrive, the written prefix is hashed (``running_digest``); completion seals the file (renames it, then
waits for writers still in it), hashes what is left (SHA-256 and CRC-32 side by side, ``blobs.digest``)
and links it into blob storage: no copy.

S3: parts go straight to an S3 multipart upload through presigned URLs; the web process moves no file
bytes. Completion asks S3 which parts it holds, completes the multipart upload and hands the hashing to
a worker (``finish_upload``: reads the object once, copies it server-side to its blob name).

One module over 400 lines because it is one protocol's life (start, parts, completion in both storage
modes, abort, sweep) around one table; the transports live elsewhere.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from oasis.errors import NotFound, ValidationError, field_error, no_nul

from . import blobs, data_urls, objectstore, running_digest, services, spool_io
from .models import UploadPart, UploadSession, UploadStatus
from .paths import InvalidPath, clean_path
from .uploads import format_bytes

MAX_PARTS = 10_000  # S3's limit, kept for local storage too: one client works with both
VERIFY_DEADLINE = timedelta(minutes=15)


class UploadConflict(ValidationError):
    """The session is not open for parts (completing, complete, failed): a 409 over HTTP."""


def _now():
    return timezone.now()


def _ttl() -> timedelta:
    return timedelta(seconds=settings.OASIS_UPLOAD_SESSION_TTL_S)


def spool_dir() -> Path:
    path = Path(settings.FILE_UPLOAD_TEMP_DIR) / "upload-sessions"
    path.mkdir(parents=True, exist_ok=True)
    return path


def spool_path(session_id) -> Path:
    return spool_dir() / f"{session_id}.parts"


def _sealed_path(session_id) -> Path:
    return spool_dir() / f"{session_id}.sealed"


def _object_name(session_id) -> str:
    return f"uploads/{session_id}"


def is_direct() -> bool:
    """Parts go straight to the object store (S3), not through OASIS."""
    return objectstore.s3() is not None


def get_session(*, user, session_id) -> UploadSession:
    """The user's own upload session; anyone else's, or a malformed id, is not found."""
    if user is None or not user.is_authenticated:
        raise NotFound("Upload session not found.")
    try:
        session = UploadSession.objects.filter(pk=session_id, owner=user).first()
    except (ValueError, ValidationError):
        session = None
    if session is None:
        raise NotFound("Upload session not found.")
    return session


def _part_size(size: int, wanted: int | None) -> int:
    low, high = settings.OASIS_UPLOAD_PART_MIN_BYTES, settings.OASIS_UPLOAD_PART_MAX_BYTES
    part = wanted or settings.OASIS_UPLOAD_PART_BYTES
    if wanted is not None and not low <= wanted <= high:
        raise field_error(
            "partSize", f"A part has {format_bytes(low)} to {format_bytes(high)} ({low} to {high} bytes)."
        )
    part = max(part, -(-size // MAX_PARTS))  # at most 10,000 parts
    if part > high:
        raise field_error("size", f"The file needs more than {MAX_PARTS:,} parts of {format_bytes(high)}.")
    return min(part, size)


def start_upload(
    *,
    user,
    path: str,
    size: int,
    sha256: str | None = None,
    dataset_id: int | None = None,
    dataset_name: str | None = None,
    part_size: int | None = None,
) -> UploadSession:
    """Open a session for one file of ``size`` bytes going to ``path`` in a dataset (an existing one of
    yours, ``dataset_id``, or a new one named ``dataset_name`` made on completion)."""
    try:
        path = clean_path(no_nul("path", path))
    except InvalidPath as exc:
        raise field_error("path", str(exc), code="invalid_path") from exc
    if size < 1:
        raise field_error("size", "An empty file needs no upload session: send it with createDataset.")
    if size > settings.OASIS_MAX_UPLOAD_BYTES:
        raise field_error(
            "size",
            f"The file is larger than the upload limit of {format_bytes(settings.OASIS_MAX_UPLOAD_BYTES)}.",
        )
    sha256 = (sha256 or "").strip().lower()
    if sha256 and (len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256)):
        raise field_error("sha256", "Give the SHA-256 as 64 hexadecimal digits.")
    dataset = None
    if dataset_id is not None:
        dataset = services.get_changeable(user=user, dataset_id=dataset_id)
        if not dataset.is_complete:
            raise NotFound("Dataset not found.")
        services.check_paths_free(dataset, [path])
        dataset_name = ""
    else:
        dataset_name = no_nul("datasetName", dataset_name or "").strip()
        if not dataset_name:
            raise field_error(
                "datasetName", "Give the new dataset a name, or a dataset to add to.", "required"
            )
        if len(dataset_name) > 200:
            raise field_error("datasetName", "A dataset name has at most 200 characters.")
    part = _part_size(size, part_size)
    with transaction.atomic():
        # One user's sessions are counted under a lock on the user row, so parallel starts cannot pass
        # the limit together.
        type(user).objects.select_for_update().filter(pk=user.pk).first()
        open_count = UploadSession.objects.filter(
            owner=user, status__in=(UploadStatus.OPEN, UploadStatus.VERIFYING)
        ).count()
        if open_count >= settings.OASIS_MAX_UPLOAD_SESSIONS:
            raise ValidationError(
                f"You have {open_count} unfinished uploads (the limit is {settings.OASIS_MAX_UPLOAD_SESSIONS}); "
                "complete or abort some first.",
                code="too_many_uploads",
            )
        session = UploadSession.objects.create(
            owner=user,
            dataset=dataset,
            dataset_name=dataset_name,
            path=path,
            size=size,
            part_size=part,
            expected_sha256=sha256,
            expires_at=_now() + _ttl(),
        )
        if is_direct():
            session.s3_upload_id = objectstore.create_multipart(_object_name(session.pk))
            session.save(update_fields=["s3_upload_id"])
        else:
            spool_path(session.pk).touch(mode=0o600)
    return session


def received_parts(session: UploadSession) -> dict[int, int]:
    """{part number: size} of the parts that arrived whole."""
    if session.status != UploadStatus.OPEN:
        return {}
    if session.s3_upload_id:
        return {
            n: size
            for n, (size, _) in objectstore.list_parts(_object_name(session.pk), session.s3_upload_id).items()
        }
    return dict(session.parts.values_list("number", "size"))


def _check_numbers(session: UploadSession, numbers) -> None:
    bad = [n for n in numbers if not 1 <= n <= session.part_count]
    if bad:
        raise field_error("partNumbers", f"Parts are numbered 1 to {session.part_count}; not {bad[0]}.")


def part_urls(
    session: UploadSession, numbers: list[int], *, data_base: str | None = None
) -> list[tuple[int, str]]:
    """Where to PUT each part: a presigned S3 URL; a presigned URL of the data plane at ``data_base``
    (``data_urls``); or OASIS's own part URL (relative, sent with the user's credentials)."""
    if session.status != UploadStatus.OPEN:
        raise UploadConflict(f"The upload is {session.status.lower()}; it takes no more parts.")
    _check_numbers(session, numbers)
    if len(numbers) > 1000:
        raise field_error("partNumbers", "Ask for at most 1,000 part URLs at a time.")
    urls = []
    for number in numbers:
        if session.s3_upload_id:
            _, size = session.part_span(number)
            url = objectstore.part_url(_object_name(session.pk), session.s3_upload_id, number, size=size)
        elif data_base is not None:
            _, size = session.part_span(number)
            url = data_urls.part_url(
                data_base, user_id=session.owner_id, session_id=str(session.pk), number=number, size=size
            )
        else:
            url = f"/api/uploads/{session.pk}/parts/{number}"
        urls.append((number, url))
    return urls


@dataclass
class PartWriter:
    """Writes one part at its offset into the session's spool file (``spool_io``: direct, without
    the page cache, where it can), holding a shared lock on it.

    The lock lets completion wait for writers that are still in the file after it was sealed; a writer
    that opened the file just before the seal finds it renamed and gives up.
    """

    session_id: str
    number: int
    offset: int
    length: int
    fd: int = -1
    spool: spool_io.SpoolWriter | None = None

    @property
    def written(self) -> int:
        return self.spool.written if self.spool is not None else 0

    def open(self) -> None:
        path = spool_path(self.session_id)
        try:
            self.fd = os.open(path, os.O_WRONLY)
        except FileNotFoundError:
            raise UploadConflict("The upload is being completed; it takes no more parts.") from None
        fcntl.flock(self.fd, fcntl.LOCK_SH)
        try:
            same = os.fstat(self.fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if not same:
            self.close()
            raise UploadConflict("The upload is being completed; it takes no more parts.")
        self.spool = spool_io.SpoolWriter(self.fd, self.offset, self.length)

    def write(self, chunks: list[bytes]) -> None:
        """Write the next chunks of the part; ValueError (nothing written) past the part's end."""
        if self.written + sum(map(len, chunks)) > self.length:
            raise ValueError("more bytes than the part holds")
        for chunk in chunks:
            self.spool.write(chunk)

    def fill(self, read_into) -> None:
        """Take the rest of the part from ``read_into(view) -> n`` (``SpoolWriter.fill``); EOFError if
        the source ends first."""
        self.spool.fill(read_into)

    def close(self) -> None:
        if self.spool is not None:
            self.spool.close()
        if self.fd >= 0:
            os.close(self.fd)  # releases the lock
            self.fd = -1


def open_part(*, user, session_id, number: int, length: int | None) -> PartWriter:
    """Check a part about to arrive (the user's open session, the number, the exact length) and open
    its writer. Local storage only: with S3 the parts never reach OASIS."""
    session = get_session(user=user, session_id=session_id)
    if session.s3_upload_id:
        raise UploadConflict("This upload's parts go to the object store; ask for their URLs.")
    if session.status != UploadStatus.OPEN:
        raise UploadConflict(f"The upload is {session.status.lower()}; it takes no more parts.")
    if session.expires_at < _now():
        raise UploadConflict("The upload expired.")
    if not 1 <= number <= session.part_count:
        raise field_error("part", f"Parts are numbered 1 to {session.part_count}; not {number}.")
    offset, expected = session.part_span(number)
    if length != expected:
        raise field_error(
            "part", f"Part {number} has {expected} bytes; the request's Content-Length is {length}."
        )
    writer = PartWriter(session_id=str(session.pk), number=number, offset=offset, length=expected)
    writer.open()
    running_digest.part_reopened(str(session.pk), number)
    return writer


def record_part(*, session_id, number: int, size: int) -> None:
    """The part arrived whole: remember it, keep the session alive, hash it if it extends the prefix."""
    part, _ = UploadPart.objects.update_or_create(
        session_id=session_id, number=number, defaults={"size": size}
    )
    UploadSession.objects.filter(pk=session_id, status=UploadStatus.OPEN).update(expires_at=_now() + _ttl())
    spans = UploadSession.objects.filter(pk=session_id).values_list("part_size", "size").first()
    if spans is not None:
        running_digest.part_arrived(
            str(session_id),
            number=number,
            received_at=part.received_at,
            part_size=spans[0],
            size=spans[1],
            spool=str(spool_path(session_id)),
        )


def _missing(session: UploadSession, parts: dict[int, int]) -> list[int]:
    return [n for n in range(1, session.part_count + 1) if parts.get(n) != session.part_span(n)[1]]


def complete_upload(*, user, session_id) -> UploadSession:
    """Put the uploaded file into its dataset. Every part must have arrived (else the answer names the
    missing ones and the session stays open). Local storage: done when this returns. S3: the session
    is VERIFYING until a worker has hashed the file; poll it."""
    with transaction.atomic():
        session = get_session(user=user, session_id=session_id)
        session = UploadSession.objects.select_for_update().get(pk=session.pk)
        if session.status != UploadStatus.OPEN:
            raise UploadConflict(f"The upload is {session.status.lower()}.")
        parts = received_parts(session)
        missing = _missing(session, parts)
        if missing:
            shown = ", ".join(map(str, missing[:10])) + (" ..." if len(missing) > 10 else "")
            raise ValidationError(f"{len(missing)} part(s) have not arrived: {shown}.", code="parts_missing")
        if session.s3_upload_id:
            full = objectstore.list_parts(_object_name(session.pk), session.s3_upload_id)
            objectstore.complete_multipart(_object_name(session.pk), session.s3_upload_id, full)
            _set(session, status=UploadStatus.VERIFYING, expires_at=_now() + VERIFY_DEADLINE)
            transaction.on_commit(lambda: _enqueue_finish(session.pk))
            return session
        _set(session, status=UploadStatus.VERIFYING, expires_at=_now() + VERIFY_DEADLINE)
    _finish_local(session)
    session.refresh_from_db()
    return session


def _set(session: UploadSession, **fields) -> None:
    for name, value in fields.items():
        setattr(session, name, value)
    session.save(update_fields=list(fields))


def _enqueue_finish(session_id) -> None:
    from .tasks import finish_upload

    finish_upload.apply_async(args=[str(session_id)], queue=settings.CELERY_TASK_DEFAULT_QUEUE)


def _finish_local(session: UploadSession) -> None:
    spool, sealed = spool_path(session.pk), _sealed_path(session.pk)
    if spool.exists():
        os.replace(spool, sealed)
    try:
        with open(sealed, "rb") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)  # the writers still in it finish first
            recorded = dict(session.parts.values_list("number", "received_at"))
            start = running_digest.take(str(session.pk), recorded)  # what was hashed as parts came
            sha256, crc32, size = blobs.digest(
                spool_io.chunks(
                    sealed,
                    [spool_io.aligned_buffer(spool_io.READ_BLOCK) for _ in range(3)],
                    offset=start[2] if start else 0,
                ),
                start=start,
            )
        _place(session, sha256=sha256, crc32=crc32, size=size, local_path=str(sealed))
    finally:
        with contextlib.suppress(FileNotFoundError):
            sealed.unlink()


def finish_upload(session_id) -> None:
    """A worker's half of an S3 completion: hash the completed object once, make it a blob (a
    server-side copy), place it. Idempotent: a session no longer VERIFYING is left alone."""
    session = UploadSession.objects.filter(pk=session_id, status=UploadStatus.VERIFYING).first()
    if session is None:
        return
    name = _object_name(session.pk)
    sha256, crc32, size = blobs.digest(objectstore.read_chunks(name, blobs.DIGEST_CHUNK))
    _place(session, sha256=sha256, crc32=crc32, size=size, object_name=name)
    with contextlib.suppress(Exception):
        objectstore.delete(name)


def _place(
    session: UploadSession,
    *,
    sha256: str,
    crc32: int,
    size: int,
    local_path: str | None = None,
    object_name: str | None = None,
) -> None:
    if size != session.size:
        return _fail(session, f"The file has {size} bytes, not the {session.size} announced.")
    if session.expected_sha256 and sha256 != session.expected_sha256:
        return _fail(session, f"The file's SHA-256 is {sha256}, not the {session.expected_sha256} announced.")
    if object_name is not None:
        blobs.adopt_object(name=object_name, sha256=sha256, size=size, crc32=crc32)
    incoming = [
        services.IncomingFile(
            path=session.path, local_path=local_path or "", sha256=sha256, size=size, crc32=crc32
        )
    ]
    try:
        if session.dataset_id is None:
            dataset = services.create_dataset(owner=session.owner, name=session.dataset_name, files=incoming)
        else:
            dataset = services.add_files(user=session.owner, dataset_id=session.dataset_id, files=incoming)
    except (ValidationError, NotFound) as exc:
        return _fail(session, "; ".join(_messages(exc)))
    with transaction.atomic():
        UploadSession.objects.filter(pk=session.pk).update(
            status=UploadStatus.COMPLETE, dataset=dataset, error="", expires_at=_now()
        )
        UploadPart.objects.filter(session_id=session.pk).delete()
    return None


def _messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return [m for m in exc.messages]
    return [str(exc)]


def _fail(session: UploadSession, reason: str) -> None:
    UploadSession.objects.filter(pk=session.pk).update(status=UploadStatus.FAILED, error=reason[:2000])
    UploadPart.objects.filter(session_id=session.pk).delete()


def abort_upload(*, user, session_id) -> None:
    """Drop an unfinished upload and what arrived of it."""
    session = get_session(user=user, session_id=session_id)
    if session.status == UploadStatus.VERIFYING:
        raise UploadConflict("The upload is being completed; wait for it to finish.")
    _discard(session)


def _discard(session: UploadSession) -> None:
    if session.s3_upload_id and session.status == UploadStatus.OPEN:
        objectstore.abort_multipart(_object_name(session.pk), session.s3_upload_id)
    elif session.s3_upload_id:  # completed into an object a failed verification left
        with contextlib.suppress(Exception):
            objectstore.delete(_object_name(session.pk))
    for path in (spool_path(session.pk), _sealed_path(session.pk)):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    session.delete()


def sweep_upload_sessions() -> dict[str, int]:
    """Abort open sessions past their expiry, start again S3 verifications whose worker was lost (once
    more, within a day), drop finished sessions after the TTL. Returns counts."""
    now = _now()
    expired = aborted = requeued = 0
    for session in UploadSession.objects.filter(status=UploadStatus.OPEN, expires_at__lt=now)[:1000]:
        _discard(session)
        expired += 1
    for session in UploadSession.objects.filter(status=UploadStatus.VERIFYING, expires_at__lt=now)[:1000]:
        if session.s3_upload_id and session.created_at > now - _ttl():
            _set(session, expires_at=now + VERIFY_DEADLINE)
            _enqueue_finish(session.pk)
            requeued += 1
        else:
            _fail(session, "The upload's verification did not finish; upload the file again.")
            aborted += 1
    done = UploadSession.objects.filter(
        status__in=(UploadStatus.COMPLETE, UploadStatus.FAILED), expires_at__lt=now - _ttl()
    )
    finished = 0
    for session in done[:1000]:
        _discard(session)
        finished += 1
    return {
        "expired_uploads": expired,
        "failed_verifications": aborted,
        "requeued_verifications": requeued,
        "finished_uploads_dropped": finished,
    }
