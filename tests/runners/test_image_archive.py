"""Loading uploaded archives: verified to hold exactly their image id, and never applying their tags."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile

import pytest

from runners.exceptions import InvalidImageTarball
from runners.image_archive import verified_archive


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def _layer(text: bytes) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as layer:
        _add(layer, "hello.txt", text)
    return buffer.getvalue()


def archive(*, layer: bytes, diff_id_of: bytes, tags=("team/tool:1",), extra=()) -> tuple[bytes, str]:
    """A classic ``docker save`` archive whose config names ``diff_id_of``'s hash as its layer."""
    config = json.dumps(
        {
            "architecture": "amd64",
            "os": "linux",
            "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(diff_id_of).hexdigest()]},
        }
    ).encode()
    image_id = "sha256:" + hashlib.sha256(config).hexdigest()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        _add(tar, "layer1/layer.tar", layer)
        _add(tar, f"{image_id[7:]}.json", config)
        _add(tar, "repositories", json.dumps({"team/tool": {"1": "layer1"}}).encode())
        for name, data in extra:
            _add(tar, name, data)
        manifest = [
            {"Config": f"{image_id[7:]}.json", "RepoTags": list(tags), "Layers": ["layer1/layer.tar"]}
        ]
        _add(tar, "manifest.json", json.dumps(manifest).encode())
    return buffer.getvalue(), image_id


def members(data: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar if m.isreg()}


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_true_archive_passes_with_its_tags_removed(gzipped):
    layer = _layer(b"hello\n")
    data, image_id = archive(layer=layer, diff_id_of=layer)
    source = io.BytesIO(gzip.compress(data) if gzipped else data)

    out = b"".join(verified_archive(source, image_id=image_id))

    files = members(out)
    assert json.loads(files["manifest.json"])[0]["RepoTags"] is None
    assert "repositories" not in files
    assert files["layer1/layer.tar"] == layer
    assert len(out) % 512 == 0


def test_oci_index_annotations_that_would_tag_are_removed():
    layer = _layer(b"hello\n")
    index = {
        "manifests": [
            {
                "digest": "sha256:1",
                "annotations": {
                    "io.containerd.image.name": "docker.io/library/postgres:16",
                    "org.opencontainers.image.ref.name": "16",
                    "keep": "me",
                },
            }
        ]
    }
    data, image_id = archive(
        layer=layer, diff_id_of=layer, extra=[("index.json", json.dumps(index).encode())]
    )

    files = members(b"".join(verified_archive(io.BytesIO(data), image_id=image_id)))

    assert json.loads(files["index.json"])["manifests"][0]["annotations"] == {"keep": "me"}


def test_a_layer_that_does_not_match_the_config_is_refused_before_the_end_marker():
    # The config (and so the image id) of a real image, with other bytes in its layer: what an
    # attacker who knows someone's config could upload to stand in for their image.
    data, image_id = archive(layer=_layer(b"trojan\n"), diff_id_of=_layer(b"hello\n"))
    chunks = []
    with pytest.raises(InvalidImageTarball, match="does not match the image config"):
        for chunk in verified_archive(io.BytesIO(data), image_id=image_id):
            chunks.append(chunk)
    assert not b"".join(chunks).endswith(b"\0" * 1024)


def test_an_archive_of_another_image_id_is_refused():
    layer = _layer(b"hello\n")
    data, _ = archive(layer=layer, diff_id_of=layer)
    with pytest.raises(InvalidImageTarball, match="does not hold image"):
        b"".join(verified_archive(io.BytesIO(data), image_id="sha256:" + "2" * 64))


@pytest.mark.parametrize("data", [b"", b"not a tar at all" * 64, b"\x1f\x8b broken gzip"])
def test_garbage_is_refused_clearly(data):
    with pytest.raises(InvalidImageTarball):
        b"".join(verified_archive(io.BytesIO(data), image_id="sha256:" + "2" * 64))
