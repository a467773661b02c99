"""Validating an uploaded ``docker save`` archive without an engine and without unpacking it.

The archive is read once, as a stream. A ``docker save`` tar may put ``manifest.json`` after the blobs
it names, so while streaming we remember, for every small JSON member, its hash and architecture (a
config is small JSON; layers are skipped unread when large, and dropped after hashing when small).
"""

from __future__ import annotations

import hashlib
import json
import tarfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

from runners.exceptions import InvalidImageTarball

#: Members up to this size are read to see whether they are JSON (configs are a few KB).
_JSON_CANDIDATE_MAX = 4 * 1024 * 1024
#: ``manifest.json`` of one image is tiny; anything this big is not a docker save manifest.
_MANIFEST_MAX = 1024 * 1024
#: A .tar.gz may not expand to more than this many times its own size (a decompression bomb): real
#: layers compress about 2-4 times; a 4 MB bomb of zeros used to unpack up to 200 GB (103 s of CPU).
_MAX_EXPANSION = 20
#: ...but a small archive may always unpack to this much (a tiny gzip of small files expands a lot).
_MIN_UNPACKED = 64 * 1024 * 1024
#: Reads that return nothing in a row before the upload counts as truncated: tarfile skips a member
#: by reading it, and a header declaring 500 GB made it read an ended stream for minutes.
_MAX_EMPTY_READS = 64
_GZIP_MAGIC = b"\x1f\x8b"
_MB = 1024 * 1024


@dataclass(frozen=True)
class TarballInfo:
    #: The image id docker reports after loading: ``sha256:`` + sha256 of the config JSON.
    digest: str
    #: Bytes read from the uploaded stream (the file as uploaded, compressed or not).
    size: int
    repo_tags: list[str]
    architecture: str


@dataclass(frozen=True)
class _JsonMember:
    sha256: str
    architecture: str | None
    is_config: bool


class _CountingReader:
    """Counts the bytes read from the upload and stops once they pass the limit."""

    def __init__(self, stream: BinaryIO, head: bytes, limit: int) -> None:
        self._stream = stream
        self._head = head
        self._limit = limit
        self.count = 0
        self._empty_reads = 0

    def read(self, size: int = -1) -> bytes:
        if not self._head:
            data = self._stream.read(size)
            if size and not data:
                self._empty_reads += 1
                if self._empty_reads > _MAX_EMPTY_READS:
                    raise InvalidImageTarball("the archive is truncated or corrupt (it ends inside a member)")
        elif 0 <= size < len(self._head):
            data, self._head = self._head[:size], self._head[size:]
        else:
            data, self._head = self._head, b""
        self.count += len(data)
        if self.count > self._limit:
            raise InvalidImageTarball(
                f"image tarball is over {_in_mb(self._limit)} MB; the limit is {_in_mb(self._limit)} MB"
            )
        return data


def _remaining_size(stream: BinaryIO) -> int | None:
    """The bytes left in a seekable stream (None when it cannot tell without reading)."""
    try:
        if not stream.seekable():
            return None
        here = stream.tell()
        end = stream.seek(0, 2)
        stream.seek(here)
    except (OSError, AttributeError, ValueError):
        return None
    return end - here


def _in_mb(size: int) -> str:
    return f"{size / _MB:,.0f}" if size >= 10 * _MB else f"{size / _MB:,.1f}"


def _member_name(name: str) -> str:
    return str(PurePosixPath("/", name).relative_to("/")) if name not in ("", ".", "./") else ""


def _inspect_json(data: bytes) -> _JsonMember | None:
    if data.lstrip()[:1] != b"{":
        return None
    try:
        parsed = json.loads(data)
    except (ValueError, RecursionError):  # nested too deeply to be an image config
        return None
    if not isinstance(parsed, dict):
        return None
    architecture = parsed.get("architecture")
    is_config = isinstance(parsed.get("rootfs"), dict) and isinstance(architecture, str)
    return _JsonMember(
        sha256=hashlib.sha256(data).hexdigest(),
        architecture=architecture if isinstance(architecture, str) else None,
        is_config=is_config,
    )


def inspect_image_tarball(
    stream: BinaryIO, *, max_bytes: int, architectures: tuple[str, ...] = ("amd64",)
) -> TarballInfo:
    """Check that ``stream`` is a loadable single-image ``docker save`` archive and describe it.

    Accepts ``.tar`` and ``.tar.gz`` (by magic bytes), in the classic layout (docker 20.10:
    ``<id>.json`` + ``<layer>/layer.tar``) and the OCI layout (``blobs/sha256/...``). Raises
    ``InvalidImageTarball`` with a message for the user on every failure.
    """
    limit_text = _in_mb(max_bytes)
    total = _remaining_size(stream)
    if total is not None and total > max_bytes:
        raise InvalidImageTarball(f"image tarball is {_in_mb(total)} MB; the limit is {limit_text} MB")
    head = stream.read(2)
    gzipped = head == _GZIP_MAGIC
    raw = _CountingReader(stream, head, max_bytes)
    # Every member's declared size is checked against what the upload can hold before tarfile reads
    # (or skips) it: an uncompressed tar holds at most its own size, a .tar.gz a bounded multiple of it.
    stored_limit = min(max_bytes, total) if total is not None else max_bytes
    if gzipped:
        # The gzip layer unpacks through its own reader, so the uncompressed bytes are capped separately.
        unpacked_limit = max(stored_limit * _MAX_EXPANSION, min(max_bytes, _MIN_UNPACKED))
        try:
            tar = tarfile.open(fileobj=raw, mode="r|gz")  # noqa: SIM115 - closed below
        except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
            raise InvalidImageTarball("the file is not a tar or tar.gz archive") from exc
    else:
        unpacked_limit = stored_limit
        try:
            tar = tarfile.open(fileobj=raw, mode="r|")  # noqa: SIM115 - closed below
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise InvalidImageTarball("the file is not a tar or tar.gz archive") from exc

    names: set[str] = set()
    json_members: dict[str, _JsonMember] = {}
    manifest_bytes: bytes | None = None
    unpacked = 0
    try:
        with tar:
            for member in tar:
                name = _member_name(member.name)
                names.add(name)
                unpacked += member.size + 512
                if unpacked > unpacked_limit and not gzipped and total is None:
                    raise InvalidImageTarball(
                        f"image tarball is over {limit_text} MB; the limit is {limit_text} MB"
                    )
                if unpacked > unpacked_limit and not gzipped:
                    raise InvalidImageTarball(
                        f"member {name} declares {member.size:,} bytes, more than the whole archive "
                        f"({stored_limit:,} bytes): the archive is truncated or corrupt"
                    )
                if unpacked > unpacked_limit:
                    raise InvalidImageTarball(
                        f"image tarball unpacks to more than {_in_mb(unpacked_limit)} MB "
                        f"(at most {_MAX_EXPANSION} times its size); the limit is {limit_text} MB"
                    )
                if not member.isreg():
                    continue
                if name == "manifest.json":
                    if member.size > _MANIFEST_MAX:
                        raise InvalidImageTarball("manifest.json is too large to be a docker save manifest")
                    manifest_bytes = _read_member(tar, member)
                elif member.size <= _JSON_CANDIDATE_MAX:
                    found = _inspect_json(_read_member(tar, member))
                    if found is not None:
                        json_members[name] = found
            # tarfile takes a stream that simply stops for the end of the archive; a complete one ends
            # with a zero block after the last member.
            if names and tar.fileobj.pos < tar.offset + tarfile.BLOCKSIZE:
                raise InvalidImageTarball("the archive is truncated or corrupt")
    except InvalidImageTarball:
        raise
    except tarfile.TarError as exc:
        if not names:
            raise InvalidImageTarball("the file is not a tar or tar.gz archive") from exc
        raise InvalidImageTarball(f"the archive is truncated or corrupt ({exc})") from exc
    except (EOFError, OSError, zlib.error) as exc:
        raise InvalidImageTarball("the archive is truncated or corrupt") from exc

    if not names:
        raise InvalidImageTarball("the file is not a tar or tar.gz archive")
    return _describe(manifest_bytes, json_members, names, raw.count, architectures)


def _read_member(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    extracted = tar.extractfile(member)
    if extracted is None:  # pragma: no cover - regular members always extract
        return b""
    with extracted:
        return extracted.read()


def _describe(
    manifest_bytes: bytes | None,
    json_members: dict[str, _JsonMember],
    names: set[str],
    size: int,
    architectures: tuple[str, ...],
) -> TarballInfo:
    if manifest_bytes is None:
        raise InvalidImageTarball("no manifest.json: this is not a `docker save` archive")
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError as exc:
        raise InvalidImageTarball("manifest.json is not valid JSON") from exc
    except RecursionError as exc:
        raise InvalidImageTarball("manifest.json is nested too deeply to be a docker save manifest") from exc
    if not isinstance(manifest, list) or not all(isinstance(entry, dict) for entry in manifest):
        raise InvalidImageTarball("manifest.json is not a `docker save` manifest")
    if len(manifest) != 1:
        raise InvalidImageTarball(
            f"the archive holds {len(manifest)} images; upload exactly one (docker save <one image>)"
        )
    entry = manifest[0]
    config_name = entry.get("Config")
    if not isinstance(config_name, str) or not config_name:
        raise InvalidImageTarball("manifest.json names no image config")
    config = json_members.get(_member_name(config_name))
    if config is None or not config.is_config:
        raise InvalidImageTarball(f"the image config {config_name} is missing from the archive")
    layers = entry.get("Layers") or []
    if not isinstance(layers, list):
        raise InvalidImageTarball("manifest.json has a malformed layer list")
    for layer in layers:
        if not isinstance(layer, str) or _member_name(layer) not in names:
            raise InvalidImageTarball(f"layer {layer} is missing from the archive")
    if config.architecture not in architectures:
        raise InvalidImageTarball(
            f"image is for {config.architecture}; workers run {', '.join(architectures)}"
        )
    repo_tags = entry.get("RepoTags") or []
    return TarballInfo(
        digest=f"sha256:{config.sha256}",
        size=size,
        repo_tags=[tag for tag in repo_tags if isinstance(tag, str)],
        architecture=config.architecture,
    )
