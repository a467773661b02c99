"""inspect_image_tarball: real ``docker save`` archives, and hand-made broken ones."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import resource
import tarfile
from contextlib import contextmanager

import pytest

from runners.exceptions import InvalidImageTarball
from runners.tarball import inspect_image_tarball

MB = 1024 * 1024


class OneWay(io.RawIOBase):
    """A stream that cannot seek or tell its size, like an upload being received."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self._data.read(min(len(buffer), 7000))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def build_tar(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def config_json(architecture: str = "amd64") -> bytes:
    return json.dumps(
        {
            "architecture": architecture,
            "os": "linux",
            "config": {"Cmd": ["/bin/sh"]},
            "rootfs": {"type": "layers", "diff_ids": ["sha256:" + "ab" * 32]},
        }
    ).encode()


def classic_members(
    config: bytes, *, manifest_first: bool = False, images: int = 1
) -> list[tuple[str, bytes]]:
    """The docker 20.10 layout: ``<id>.json``, ``<layer>/layer.tar``, ``manifest.json``."""
    config_id = hashlib.sha256(config).hexdigest()
    layer = build_tar([("hello.txt", b"hello")])
    entry = {"Config": f"{config_id}.json", "RepoTags": ["me/algo:1"], "Layers": ["aaaa/layer.tar"]}
    manifest = json.dumps([entry] * images).encode()
    body = [("aaaa/VERSION", b"1.0"), ("aaaa/json", b'{"id": "aaaa"}'), ("aaaa/layer.tar", layer)]
    body.append((f"{config_id}.json", config))
    return [("manifest.json", manifest), *body] if manifest_first else [*body, ("manifest.json", manifest)]


def oci_members(config: bytes) -> list[tuple[str, bytes]]:
    """The layout of newer docker: everything under ``blobs/sha256``, plus ``index.json``."""
    config_id = hashlib.sha256(config).hexdigest()
    layer = build_tar([("hello.txt", b"hello")])
    layer_id = hashlib.sha256(layer).hexdigest()
    oci_manifest = json.dumps({"schemaVersion": 2, "config": {"digest": f"sha256:{config_id}"}}).encode()
    manifest_id = hashlib.sha256(oci_manifest).hexdigest()
    manifest = json.dumps(
        [{"Config": f"blobs/sha256/{config_id}", "RepoTags": None, "Layers": [f"blobs/sha256/{layer_id}"]}]
    ).encode()
    return [
        ("blobs/sha256/" + config_id, config),
        ("blobs/sha256/" + layer_id, layer),
        ("blobs/sha256/" + manifest_id, oci_manifest),
        ("index.json", json.dumps({"schemaVersion": 2, "manifests": []}).encode()),
        ("manifest.json", manifest),
        ("oci-layout", b'{"imageLayoutVersion": "1.0.0"}'),
    ]


@contextmanager
def cpu_budget(seconds: float):
    """Fails when the block used more than ``seconds`` of this process's CPU time."""
    before = resource.getrusage(resource.RUSAGE_SELF)
    yield
    after = resource.getrusage(resource.RUSAGE_SELF)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert used < seconds, f"{used:.1f} s of CPU"


def inspect(data: bytes, **options):
    return inspect_image_tarball(io.BytesIO(data), max_bytes=options.pop("max_bytes", 100 * MB), **options)


@pytest.mark.docker
@pytest.mark.parametrize("compressed", [False, True], ids=["tar", "tar.gz"])
def test_a_real_docker_save(busybox_tarball, busybox_tarball_gz, busybox_image_id, compressed):
    path = busybox_tarball_gz if compressed else busybox_tarball

    with open(path, "rb") as stream:
        info = inspect_image_tarball(stream, max_bytes=100 * MB)

    assert info.digest == busybox_image_id
    assert info.architecture == "amd64"
    assert "oasis-test/busybox:latest" in info.repo_tags
    assert info.size == path.stat().st_size


@pytest.mark.docker
def test_a_real_docker_save_read_as_a_one_way_stream(busybox_tarball_gz, busybox_image_id):
    info = inspect_image_tarball(OneWay(busybox_tarball_gz.read_bytes()), max_bytes=100 * MB)

    assert info.digest == busybox_image_id


@pytest.mark.parametrize("manifest_first", [False, True], ids=["manifest-last", "manifest-first"])
def test_the_classic_layout(manifest_first):
    config = config_json()

    info = inspect(build_tar(classic_members(config, manifest_first=manifest_first)))

    assert info.digest == "sha256:" + hashlib.sha256(config).hexdigest()
    assert info.repo_tags == ["me/algo:1"]


def test_the_oci_layout():
    config = config_json()

    info = inspect(gzip.compress(build_tar(oci_members(config))))

    assert info.digest == "sha256:" + hashlib.sha256(config).hexdigest()
    assert info.repo_tags == []
    assert info.architecture == "amd64"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not a tar or tar.gz"),
        (b"\x00\x01 certainly not an archive" * 100, "not a tar or tar.gz"),
        (b"PK\x03\x04" + b"zip" * 300, "not a tar or tar.gz"),
        (gzip.compress(b"gzip, but not of a tar" * 100), "not a tar or tar.gz"),
        (gzip.compress(build_tar(classic_members(config_json())))[:-300], "truncated or corrupt"),
        (build_tar(classic_members(config_json(), manifest_first=True))[:5000], "truncated or corrupt"),
    ],
    ids=["empty", "garbage", "zip", "gzip-of-text", "truncated-gzip", "truncated-in-a-layer"],
)
def test_unreadable_archives(data, message):
    with pytest.raises(InvalidImageTarball, match=message):
        inspect(data)


def test_no_manifest():
    members = [(name, data) for name, data in classic_members(config_json()) if name != "manifest.json"]

    with pytest.raises(InvalidImageTarball, match=r"no manifest\.json"):
        inspect(build_tar(members))


def test_two_images():
    with pytest.raises(InvalidImageTarball, match="holds 2 images; upload exactly one"):
        inspect(build_tar(classic_members(config_json(), images=2)))


def test_missing_config():
    members = [(name, data) for name, data in classic_members(config_json()) if not name.endswith(".json")]
    members.append(("manifest.json", dict(classic_members(config_json()))["manifest.json"]))

    with pytest.raises(InvalidImageTarball, match=r"image config \w+\.json is missing"):
        inspect(build_tar(members))


def test_missing_layer():
    members = [
        (name, data) for name, data in classic_members(config_json()) if not name.endswith("layer.tar")
    ]

    with pytest.raises(InvalidImageTarball, match=r"layer aaaa/layer\.tar is missing"):
        inspect(build_tar(members))


def test_wrong_architecture():
    with pytest.raises(InvalidImageTarball, match=r"^image is for arm64; workers run amd64$"):
        inspect(build_tar(classic_members(config_json("arm64"))))


def test_other_architectures_can_be_allowed():
    info = inspect(build_tar(classic_members(config_json("arm64"))), architectures=("amd64", "arm64"))

    assert info.architecture == "arm64"


def test_too_large_when_the_size_is_known_up_front():
    data = build_tar([*classic_members(config_json()), ("big/layer.tar", b"\0" * (3 * MB))])

    with pytest.raises(InvalidImageTarball, match=r"^image tarball is 3\.\d MB; the limit is 2\.0 MB$"):
        inspect(data, max_bytes=2 * MB)


def test_too_large_while_streaming():
    data = build_tar([("big/layer.tar", b"\0" * (3 * MB)), *classic_members(config_json())])

    with pytest.raises(InvalidImageTarball, match=r"^image tarball is over 2\.0 MB; the limit is 2\.0 MB$"):
        inspect_image_tarball(OneWay(data), max_bytes=2 * MB)


def test_a_gzip_bomb_is_stopped():
    data = gzip.compress(build_tar([("big/layer.tar", b"\0" * (50 * MB)), *classic_members(config_json())]))
    assert len(data) < MB

    with pytest.raises(InvalidImageTarball, match="unpacks to more than"):
        inspect(data, max_bytes=MB)


# --- bounded work for any input (issue 12) -------------------------------------------------------
def _huge_member_header(size: int, name: str = "big/layer.tar") -> bytes:
    """A tar whose one member declares ``size`` bytes (GNU base-256 above 8 GB) but holds none."""
    info = tarfile.TarInfo(name)
    info.size = size
    return info.tobuf(tarfile.GNU_FORMAT) + b"\0" * 4096


@pytest.mark.parametrize("size", [500 * 1024**3, 2**62])
def test_a_member_declaring_more_than_the_file_holds_is_refused_at_once(size):
    data = _huge_member_header(size)
    assert len(data) == 4608

    with (
        cpu_budget(2.0),
        pytest.raises(InvalidImageTarball, match=r"^member big/layer.tar declares .* bytes, more"),
    ):
        inspect(data, max_bytes=10 * 1024**3)


def test_a_declared_member_on_a_one_way_stream_ends_quickly():
    size = 9 * 1024**3
    with cpu_budget(2.0), pytest.raises(InvalidImageTarball, match="truncated or corrupt"):
        inspect_image_tarball(OneWay(_huge_member_header(size)), max_bytes=10 * 1024**3)


def test_a_gzip_bomb_is_capped_relative_to_the_upload_not_the_limit():
    data = gzip.compress(build_tar([("big/layer.tar", b"\0" * (100 * MB))]), compresslevel=1)
    assert len(data) < MB

    with (
        cpu_budget(3.0),
        pytest.raises(InvalidImageTarball, match=r"unpacks to more than .* 20 times its size"),
    ):
        inspect(data, max_bytes=10 * 1024**3)


def test_a_gzipped_header_declaring_terabytes_is_refused_without_reading():
    data = gzip.compress(_huge_member_header(500 * 1024**3))

    with cpu_budget(2.0), pytest.raises(InvalidImageTarball, match="unpacks to more than"):
        inspect(data, max_bytes=10 * 1024**3)


@pytest.mark.parametrize("where", ["config", "manifest"])
def test_deeply_nested_json_is_a_clear_refusal(where):
    deep = b"[" * 200_000 + b"]" * 200_000
    members = classic_members(config_json())
    if where == "manifest":
        members = [(name, deep if name == "manifest.json" else data) for name, data in members]
        expected = "manifest.json is nested too deeply"
    else:
        members = [
            (name, b'{"a":' + deep + b"}" if name.endswith(".json") and name != "manifest.json" else data)
            for name, data in members
        ]
        expected = "the image config .* is missing"

    with cpu_budget(2.0), pytest.raises(InvalidImageTarball, match=expected):
        inspect(build_tar(members))
