"""Hand-made ``docker save`` archives, so image tests need no Docker engine."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def config_json(architecture: str = "amd64") -> bytes:
    return json.dumps(
        {
            "architecture": architecture,
            "os": "linux",
            "config": {"Cmd": ["/bin/sh"]},
            "rootfs": {"type": "layers", "diff_ids": ["sha256:" + "0" * 64]},
        }
    ).encode()


def image_tarball(
    *,
    architecture: str = "amd64",
    manifest: object | None = None,
    with_config: bool = True,
    with_layer: bool = True,
    repo_tags: tuple[str, ...] = ("team/algo:1.0",),
    gzipped: bool = False,
) -> tuple[bytes, str]:
    """A classic-layout ``docker save`` archive and the image id docker would report for it."""
    config = config_json(architecture)
    config_sha = hashlib.sha256(config).hexdigest()
    layer = io.BytesIO()
    with tarfile.open(fileobj=layer, mode="w") as inner:
        _add(inner, "hello.txt", b"hello\n")
    if manifest is None:
        manifest = [
            {"Config": f"{config_sha}.json", "RepoTags": list(repo_tags), "Layers": ["layer1/layer.tar"]}
        ]
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        if with_layer:
            _add(tar, "layer1/layer.tar", layer.getvalue())
        if with_config:
            _add(tar, f"{config_sha}.json", config)
        _add(tar, "manifest.json", json.dumps(manifest).encode())
    data = buffer.getvalue()
    return (gzip.compress(data) if gzipped else data), f"sha256:{config_sha}"
