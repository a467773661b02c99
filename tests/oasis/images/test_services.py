"""Registering images by reference and by ``docker save`` tarball (hand-made, so no engine needed)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from oasis.images.models import DockerImage
from oasis.images.services import register_image, validate_reference
from tests.oasis.tarballs import image_tarball

DIGEST = "sha256:" + "a" * 64


def _messages(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


@pytest.mark.parametrize(
    "ref",
    [
        "alpine",
        "alpine:3.20",
        "library/alpine:latest",
        "ghcr.io/org/team/algo:v1.2.3",
        "localhost:5000/algo",
        "host:5000/team/algo@" + DIGEST,
        "host.example.com/a_b/c-d:tag@" + DIGEST,
        "registry-1.docker.io/library/python:3.11-slim",
        "  alpine:3.20  ",
    ],
)
def test_valid_references(ref):
    assert validate_reference(ref) == ref.strip()


@pytest.mark.parametrize(
    "ref",
    [
        "",
        "   ",
        "Alpine",  # repository names are lower case
        "alpine:",
        ":latest",
        "http://registry/alpine",
        "alpine 3.20",
        "alpine@sha256:abc",
        "alpine@md5:" + "a" * 32,
        "-alpine",
        "alpine:" + "t" * 200,
        "a/" * 300 + "b",
        "alpine;rm -rf /",
        "alp\nine",
    ],
)
def test_invalid_references_say_what_a_reference_looks_like(ref):
    with pytest.raises(ValidationError) as excinfo:
        validate_reference(ref)
    [message] = _messages(excinfo)["imageRef"]
    assert "is not a valid image reference" in message
    assert "alpine:3.20" in message


def test_register_by_reference(alice):
    image = register_image(owner=alice, name="  Alpine  ", image_ref=" alpine:3.20 ", is_public=True)
    image.refresh_from_db()
    assert (image.name, image.image_ref, image.is_public, image.owner) == (
        "Alpine",
        "alpine:3.20",
        True,
        alice,
    )
    assert not image.image_file
    assert image.source == "reference"


@pytest.mark.parametrize(
    ("kwargs", "field", "text"),
    [
        ({"name": "x"}, "imageRef", "Give an image reference"),
        ({"name": "x", "image_ref": "   "}, "imageRef", "Give an image reference"),
        ({"name": "", "image_ref": "alpine"}, "name", "Give the image a name"),
        ({"name": "n" * 201, "image_ref": "alpine"}, "name", "at most 200"),
        ({"name": "x", "image_ref": "NOT VALID"}, "imageRef", "not a valid image reference"),
    ],
)
def test_register_refuses_bad_input_per_field(alice, kwargs, field, text):
    with pytest.raises(ValidationError) as excinfo:
        register_image(owner=alice, **kwargs)
    assert text in " ".join(_messages(excinfo)[field])
    assert not DockerImage.objects.exists()


def test_register_refuses_both_a_reference_and_a_file(alice):
    data, _ = image_tarball()
    with pytest.raises(ValidationError) as excinfo:
        register_image(
            owner=alice, name="x", image_ref="alpine", image_file=SimpleUploadedFile("a.tar", data)
        )
    assert set(_messages(excinfo)) == {"imageRef", "imageFile"}
    assert "not both" in _messages(excinfo)["imageFile"][0]


@pytest.mark.parametrize("gzipped", [False, True])
def test_register_a_tarball_records_digest_size_and_architecture(alice, gzipped):
    data, digest = image_tarball(gzipped=gzipped)
    name = "algo.tar.gz" if gzipped else "algo.tar"
    image = register_image(owner=alice, name="algo", image_file=SimpleUploadedFile(name, data))
    image.refresh_from_db()
    assert image.image_id == digest
    assert image.size == len(data)
    assert image.architecture == "amd64"
    assert image.image_ref == ""
    assert image.source == "file"
    with image.image_file.open("rb") as stored:
        assert stored.read() == data


def test_a_tgz_extension_is_accepted(alice):
    data, digest = image_tarball(gzipped=True)
    image = register_image(owner=alice, name="algo", image_file=SimpleUploadedFile("algo.tgz", data))
    assert image.image_id == digest


@pytest.mark.parametrize(
    ("data", "filename", "text"),
    [
        (b"this is not a tar file at all" * 20, "x.tar", "not a tar or tar.gz archive"),
        (b"\x1f\x8b garbage that claims to be gzip", "x.tar.gz", "not a tar or tar.gz archive"),
        (image_tarball(manifest=[])[0], "x.tar", "holds 0 images"),
        (
            image_tarball(
                manifest=[
                    {"Config": "a.json", "RepoTags": [], "Layers": []},
                    {"Config": "b.json", "RepoTags": [], "Layers": []},
                ]
            )[0],
            "x.tar",
            "holds 2 images",
        ),
        (image_tarball(manifest={"not": "a list"})[0], "x.tar", "not a `docker save` manifest"),
        (image_tarball(with_config=False)[0], "x.tar", "is missing from the archive"),
        (image_tarball(with_layer=False)[0], "x.tar", "layer layer1/layer.tar is missing"),
        (image_tarball(architecture="arm64")[0], "x.tar", "image is for arm64; workers run amd64"),
        (image_tarball()[0], "algo.zip", ".tar or .tar.gz"),
        (image_tarball()[0][:2000], "x.tar", "truncated or corrupt"),
    ],
)
def test_an_invalid_tarball_is_a_clear_error_on_image_file(alice, data, filename, text):
    with pytest.raises(ValidationError) as excinfo:
        register_image(owner=alice, name="x", image_file=SimpleUploadedFile(filename, data))
    [message] = _messages(excinfo)["imageFile"]
    assert text in message
    assert not DockerImage.objects.exists()


def test_a_tarball_without_a_manifest_is_refused(alice):
    import io
    import tarfile

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        info = tarfile.TarInfo("hello.txt")
        info.size = 5
        tar.addfile(info, io.BytesIO(b"hello"))
    with pytest.raises(ValidationError) as excinfo:
        register_image(owner=alice, name="x", image_file=SimpleUploadedFile("x.tar", buffer.getvalue()))
    assert "no manifest.json" in _messages(excinfo)["imageFile"][0]


def test_other_architectures_when_workers_run_them(alice, settings):
    settings.OASIS_WORKER_ARCHITECTURES = ["amd64", "arm64"]
    data, _ = image_tarball(architecture="arm64")
    image = register_image(owner=alice, name="x", image_file=SimpleUploadedFile("x.tar", data))
    assert image.architecture == "arm64"


def test_a_tarball_over_the_image_limit_is_refused(alice, settings):
    data, _ = image_tarball()
    settings.OASIS_MAX_IMAGE_BYTES = len(data) - 1
    with pytest.raises(ValidationError) as excinfo:
        register_image(owner=alice, name="x", image_file=SimpleUploadedFile("x.tar", data))
    assert "larger than the upload limit" in _messages(excinfo)["imageFile"][0]


def test_an_image_file_that_is_not_an_upload_is_refused(alice):
    with pytest.raises(ValidationError) as excinfo:
        register_image(owner=alice, name="x", image_file="not-a-file.tar")
    assert "not an upload" in _messages(excinfo)["imageFile"][0]


@pytest.mark.docker
def test_a_real_docker_save_archive_is_accepted(alice, busybox_tarball, busybox_image_id):
    data = busybox_tarball.read_bytes()
    image = register_image(owner=alice, name="busybox", image_file=SimpleUploadedFile("busybox.tar", data))
    assert image.image_id == busybox_image_id
    assert image.size == len(data)
