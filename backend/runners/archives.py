"""The tar streams that carry a task's files into and out of a container - no Docker SDK here.

Both directions are streams: the input archive is generated chunk by chunk while it is uploaded, and
the output archive is read member by member (``r|``) while it is downloaded.
"""

from __future__ import annotations

import re
import tarfile
import time
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import BinaryIO

from runners.base import Callbacks, InputFile
from runners.exceptions import OutputRefused, RunnerError

_CHUNK = 1024 * 1024
_TAR_BLOCK = 512
#: Characters a log note shows escaped: C0/C1 controls, bidi and other format characters, separators.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
#: A note shows at most this much of a name (a skipped name may be thousands of characters long).
_SHOWN_MAX = 300


def input_archive(workdir: str, inputs: list[InputFile], *, output_owner: tuple[int, int]) -> Iterator[bytes]:
    """A tar of ``<workdir>/input/...`` and an empty ``<workdir>/output``, to extract at ``/``.

    Inputs are root-owned and read-only (files 0444, directories 0555); ``output/`` belongs to
    ``output_owner`` (the uid, gid the algorithm runs as). Each file is read in chunks as the archive
    is consumed.
    """
    root = workdir.strip("/")
    now = int(time.time())
    yield _tar_header(root, tarfile.DIRTYPE, 0o755, now)
    yield _tar_header(f"{root}/input", tarfile.DIRTYPE, 0o555, now)
    seen: set[PurePosixPath] = set()
    for item in inputs:
        relative = _safe_relative(item.path)
        if relative in seen:
            raise ValueError(f"input path {item.path!r} appears twice")
        for parent in reversed(relative.parents[:-1]):
            if parent not in seen:
                seen.add(parent)
                yield _tar_header(f"{root}/input/{parent}", tarfile.DIRTYPE, 0o555, now)
        seen.add(relative)
        yield _tar_header(f"{root}/input/{relative}", tarfile.REGTYPE, 0o444, now, size=item.size)
        yield from _exact_chunks(item)
        if item.size % _TAR_BLOCK:
            yield b"\0" * (_TAR_BLOCK - item.size % _TAR_BLOCK)
    yield _tar_header(f"{root}/output", tarfile.DIRTYPE, 0o755, now, owner=output_owner)
    yield b"\0" * (2 * _TAR_BLOCK)


def pass_outputs(stream: BinaryIO, callbacks: Callbacks) -> None:
    """Read the tar of an ``output`` directory and hand each regular file to ``callbacks.outputs``.

    Paths are given relative to ``output/``. Links, devices, pipes and anything that would land
    outside ``output/`` are skipped with a note in the log.
    """
    with tarfile.open(fileobj=stream, mode="r|") as archive:
        for member in archive:
            _pass_output(archive, member, callbacks)


def printable_path(path: str) -> str:
    """A path for a log note on one line: names that are not valid UTF-8 show their stray bytes as
    ``\\xff``, control and format characters (newline, tab, U+202E) as escapes such as ``\\n``, ``\\u202e``."""
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)
    return text[:_SHOWN_MAX] + ("..." if len(text) > _SHOWN_MAX else "")


def valid_utf8(path: str) -> bool:
    """Whether a name read with ``surrogateescape`` was valid UTF-8."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def add_output(callbacks: Callbacks, path: str, size: int, stream: BinaryIO) -> None:
    """Hand one output file to the sink; a file the sink refuses (a bad or clashing name) is skipped
    with a log note, and a limit it reports (``OutputLimitExceeded``) ends the collection."""
    try:
        callbacks.outputs.add(path, size, stream)
    except OutputRefused as exc:
        callbacks.logs.note(f"Skipped output {printable_path(path)}: {exc}")


def _pass_output(archive: tarfile.TarFile, member: tarfile.TarInfo, callbacks: Callbacks) -> None:
    parts = PurePosixPath(member.name).parts
    if parts == ("output",) and member.isdir():
        return
    if not parts or parts[0] != "output" or ".." in parts or len(parts) < 2:
        shown = printable_path(member.name.removeprefix("output/"))
        callbacks.logs.note(f"Skipped output {shown}: outside the output directory")
        return
    relative = "/".join(parts[1:])
    if member.isdir():
        return
    reason = _not_regular_reason(member)
    if reason is None and not valid_utf8(relative):
        reason = "the name is not valid UTF-8"
    if reason is not None:
        callbacks.logs.note(f"Skipped output {printable_path(relative)}: {reason}")
        return
    extracted = archive.extractfile(member)
    if extracted is None:  # pragma: no cover - regular members always extract
        return
    with extracted:
        add_output(callbacks, relative, member.size, extracted)


def _not_regular_reason(member: tarfile.TarInfo) -> str | None:
    if member.issym():
        return f"symbolic link (to {printable_path(member.linkname)})"
    if member.islnk():
        return "hard link (the file is collected under its other name)"
    if member.ischr() or member.isblk():
        return "device file"
    if member.isfifo():
        return "named pipe"
    if not member.isreg():
        return "not a regular file"
    return None


def _tar_header(
    name: str, kind: bytes, mode: int, mtime: int, *, size: int = 0, owner: tuple[int, int] = (0, 0)
) -> bytes:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.mode = mode
    info.mtime = mtime
    info.size = size
    info.uid, info.gid = owner
    return info.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape")


def _exact_chunks(item: InputFile) -> Iterator[bytes]:
    """The file's bytes in chunks; exactly ``item.size`` of them, or the archive would be corrupt."""
    missing = item.size
    with item.open() as source:
        while missing:
            chunk = source.read(min(_CHUNK, missing))
            if not chunk:
                raise RunnerError(f"input {item.path} is shorter than its recorded {item.size} bytes")
            missing -= len(chunk)
            yield chunk
        if source.read(1):
            raise RunnerError(f"input {item.path} is longer than its recorded {item.size} bytes")


def _safe_relative(path: str) -> PurePosixPath:
    relative = PurePosixPath(path)
    if not path or relative.is_absolute() or ".." in relative.parts or str(relative) == ".":
        raise ValueError(f"input path {path!r} must be relative and stay inside input/")
    return relative
