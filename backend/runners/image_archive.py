"""An uploaded ``docker save`` archive, made safe to load: no tags, and proven to hold one image id.

``docker load`` applies the tags an archive names (``manifest.json``'s ``RepoTags``, the legacy
``repositories`` file, OCI ``index.json`` annotations), so a user's upload could move a tag that
another user's algorithm - or the host itself - relies on. And an image id is only a content
address when the layers really hash to the ``diff_ids`` of the config: the engine skips a layer it
already holds without reading it, so a crafted archive naming a known config could stand in for an
image it does not contain.

``verified_archive`` re-streams the archive (decompressing a ``.tar.gz``) member by member: tag
files rewritten, every regular member hashed on the way. The end-of-archive marker is only sent after
the config is shown to hash to the expected image id and each layer to its ``diff_id``; otherwise it
raises ``InvalidImageTarball`` and the engine receives a truncated archive, which it refuses whole.
"""

from __future__ import annotations

import copy
import hashlib
import json
import tarfile
import zlib
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import BinaryIO

from runners.base import IMAGE_ID
from runners.exceptions import InvalidImageTarball

_CHUNK = 1024 * 1024
#: Tag-bearing metadata and configs are small; anything bigger is not what it claims to be.
_METADATA_MAX = 4 * 1024 * 1024
#: OCI annotations that make an engine tag what it loads.
_NAME_ANNOTATIONS = ("io.containerd.image.name", "org.opencontainers.image.ref.name")


def _name(member: tarfile.TarInfo) -> str:
    name = member.name
    return str(PurePosixPath("/", name).relative_to("/")) if name not in ("", ".", "./") else ""


def _header(member: tarfile.TarInfo, size: int | None = None) -> bytes:
    if size is not None:
        member = copy.copy(member)
        member.size = size
    return member.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape")


def _padding(size: int) -> bytes:
    remainder = size % tarfile.BLOCKSIZE
    return b"\0" * (tarfile.BLOCKSIZE - remainder) if remainder else b""


def _untagged_manifest(data: bytes) -> bytes:
    try:
        manifest = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise InvalidImageTarball("manifest.json is not valid JSON") from exc
    if not isinstance(manifest, list) or len(manifest) != 1 or not isinstance(manifest[0], dict):
        raise InvalidImageTarball("manifest.json does not describe exactly one image")
    manifest[0]["RepoTags"] = None
    return json.dumps(manifest).encode()


def _untagged_index(data: bytes) -> bytes:
    try:
        index = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise InvalidImageTarball("index.json is not valid JSON") from exc
    for entry in index.get("manifests") or [] if isinstance(index, dict) else []:
        annotations = entry.get("annotations") if isinstance(entry, dict) else None
        if isinstance(annotations, dict):
            for key in _NAME_ANNOTATIONS:
                annotations.pop(key, None)
    return json.dumps(index).encode()


def _check(manifest: bytes | None, hashes: dict[str, str], configs: dict[str, bytes], image_id: str) -> None:
    if manifest is None:
        raise InvalidImageTarball("no manifest.json: this is not a `docker save` archive")
    entry = json.loads(manifest)[0]
    config_name = entry.get("Config")
    layers = entry.get("Layers") or []
    if not isinstance(config_name, str) or not isinstance(layers, list):
        raise InvalidImageTarball("manifest.json is malformed")
    config_name = str(PurePosixPath("/", config_name).relative_to("/"))
    if "sha256:" + hashes.get(config_name, "") != image_id:
        raise InvalidImageTarball(f"the archive does not hold image {image_id}")
    try:
        config = json.loads(configs[config_name])
        diff_ids = config["rootfs"]["diff_ids"]
    except (KeyError, TypeError, ValueError, RecursionError) as exc:
        raise InvalidImageTarball("the image config has no layer list") from exc
    if not isinstance(diff_ids, list) or len(diff_ids) != len(layers):
        raise InvalidImageTarball("the manifest and the image config disagree on the layers")
    for layer, diff_id in zip(layers, diff_ids, strict=True):
        name = str(PurePosixPath("/", str(layer)).relative_to("/"))
        if "sha256:" + hashes.get(name, "") != diff_id:
            raise InvalidImageTarball(f"layer {layer} does not match the image config")


def verified_archive(source: BinaryIO, *, image_id: str) -> Iterator[bytes]:
    """Yield ``source`` as an untagged, uncompressed tar, verified to hold exactly ``image_id``."""
    if not IMAGE_ID.match(image_id):
        raise ValueError(f"not an image id: {image_id!r}")
    hashes: dict[str, str] = {}
    #: The config: the one small member whose hash is the image id (kept to read its diff_ids).
    configs: dict[str, bytes] = {}
    manifest: bytes | None = None
    try:
        with tarfile.open(fileobj=source, mode="r|*") as tar:
            for member in tar:
                name = _name(member)
                if not member.isreg():
                    yield _header(member)
                    continue
                if name in ("manifest.json", "index.json", "repositories"):
                    if member.size > _METADATA_MAX:
                        raise InvalidImageTarball(f"{name} is too large")
                    data = _read(tar, member)
                    if name == "repositories":
                        continue  # the legacy tag file: dropped
                    if name == "manifest.json":
                        manifest = data = _untagged_manifest(data)
                    else:
                        data = _untagged_index(data)
                    yield _header(member, len(data)) + data + _padding(len(data))
                    continue
                yield _header(member)
                digest = hashlib.sha256()
                kept = bytearray() if member.size <= _METADATA_MAX else None
                extracted = tar.extractfile(member)
                assert extracted is not None  # regular members always extract
                remaining = member.size
                while remaining:
                    chunk = extracted.read(min(_CHUNK, remaining))
                    if not chunk:
                        raise InvalidImageTarball("the archive is truncated or corrupt")
                    remaining -= len(chunk)
                    digest.update(chunk)
                    if kept is not None:
                        kept += chunk
                    yield chunk
                yield _padding(member.size)
                hashes[name] = digest.hexdigest()
                if kept is not None and "sha256:" + hashes[name] == image_id:
                    configs[name] = bytes(kept)
    except InvalidImageTarball:
        raise
    except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
        raise InvalidImageTarball("the archive is truncated or corrupt") from exc
    _check(manifest, hashes, configs, image_id)
    yield b"\0" * (2 * tarfile.BLOCKSIZE)


def _read(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    extracted = tar.extractfile(member)
    assert extracted is not None
    with extracted:
        return extracted.read()
