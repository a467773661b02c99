"""registerImage by reference or by ``docker save`` tarball, and deleteImage."""

import pytest

from oasis.algorithms.models import Algorithm
from oasis.images.models import DockerImage
from tests.oasis.factories import gid, make_algorithm, make_image, upload
from tests.oasis.tarballs import image_tarball

IMAGE = "__typename ... on DockerImage { id name imageRef digest size architecture isPublic source owner { username } }"
INFO = "... on OperationInfo { messages { field message kind code } }"
REGISTER = f"mutation($input: RegisterImageInput!) {{ registerImage(input: $input) {{ {IMAGE} {INFO} }} }}"
DELETE = f"mutation($id: ID!) {{ deleteImage(id: $id) {{ __typename ... on Deleted {{ id }} {INFO} }} }}"


def register(client, *, data: bytes | None = None, filename: str = "algo.tar", **fields):
    variables = {"input": {"name": "algo"} | fields}
    if data is None:
        return client.execute(REGISTER, variables)["data"]["registerImage"]
    variables["input"]["imageFile"] = None
    return client.execute(REGISTER, variables, files={"input.imageFile": upload(filename, data)})["data"][
        "registerImage"
    ]


def messages(result):
    assert result["__typename"] == "OperationInfo", result
    return [(m["field"], m["message"]) for m in result["messages"]]


@pytest.mark.parametrize("ref", ["alpine:3.20", "host:5000/team/algo@sha256:" + "0" * 64, "ghcr.io/a/b"])
def test_register_by_reference(gql_as, alice, ref):
    result = register(gql_as(alice), imageRef=ref, isPublic=True)
    image = DockerImage.objects.get()
    assert result == {
        "__typename": "DockerImage",
        "id": gid(image),
        "name": "algo",
        "imageRef": ref,
        "digest": "",
        "size": None,
        "architecture": "",
        "isPublic": True,
        "source": "REFERENCE",
        "owner": {"username": "alice"},
    }


@pytest.mark.parametrize("ref", ["UPPER:case", "alpine:", "a b", "http://x/y", "alpine@sha256:123"])
def test_an_invalid_reference_is_a_message_on_image_ref(gql_as, alice, ref):
    [(field, message)] = messages(register(gql_as(alice), imageRef=ref))
    assert field == "imageRef"
    assert message.startswith(f"{ref!r} is not a valid image reference")
    assert not DockerImage.objects.exists()


def test_neither_reference_nor_file(gql_as, alice):
    assert messages(register(gql_as(alice))) == [
        ("imageRef", "Give an image reference (e.g. alpine:3.20) or upload an image file.")
    ]


def test_both_reference_and_file(gql_as, alice):
    data, _ = image_tarball()
    result = register(gql_as(alice), data=data, imageRef="alpine")
    assert [field for field, _ in messages(result)] == ["imageRef", "imageFile"]


@pytest.mark.parametrize(("gzipped", "filename"), [(False, "algo.tar"), (True, "algo.tar.gz")])
def test_register_by_file(gql_as, alice, gzipped, filename):
    data, digest = image_tarball(gzipped=gzipped)
    result = register(gql_as(alice), data=data, filename=filename)
    assert result["__typename"] == "DockerImage"
    assert (result["digest"], result["size"], result["architecture"]) == (digest, len(data), "amd64")
    assert (result["source"], result["imageRef"]) == ("FILE", "")
    image = DockerImage.objects.get()
    with image.image_file.open("rb") as stored:
        assert stored.read() == data


@pytest.mark.docker
def test_register_a_real_docker_save_archive(gql_as, alice, busybox_tarball, busybox_image_id):
    data = busybox_tarball.read_bytes()
    result = register(gql_as(alice), data=data, filename="busybox.tar")
    assert result["digest"] == busybox_image_id
    assert result["size"] == len(data)


@pytest.mark.docker
def test_register_a_real_gzipped_docker_save_archive(gql_as, alice, busybox_tarball_gz, busybox_image_id):
    result = register(gql_as(alice), data=busybox_tarball_gz.read_bytes(), filename="busybox.tar.gz")
    assert result["digest"] == busybox_image_id


@pytest.mark.parametrize(
    ("data", "filename", "text"),
    [
        (b"plain text, not an archive" * 30, "x.tar", "not a tar or tar.gz archive"),
        (image_tarball(architecture="arm64")[0], "x.tar", "image is for arm64; workers run amd64"),
        (image_tarball(with_layer=False)[0], "x.tar", "is missing from the archive"),
        (image_tarball()[0], "x.zip", ".tar or .tar.gz"),
        (b"", "x.tar", "not a tar or tar.gz archive"),
    ],
)
def test_an_invalid_tarball_is_a_clear_message_on_image_file(gql_as, alice, data, filename, text):
    [(field, message)] = messages(register(gql_as(alice), data=data, filename=filename))
    assert field == "imageFile"
    assert text in message
    assert not DockerImage.objects.exists()


def test_a_string_as_image_file_is_a_message(gql_as, alice):
    result = gql_as(alice).execute(REGISTER, {"input": {"name": "x", "imageFile": "/etc/passwd"}})
    assert messages(result["data"]["registerImage"]) == [
        ("imageFile", "The image file is not an upload; send it as a multipart file.")
    ]


def test_delete_an_image(gql_as, alice):
    image = make_image(alice)
    result = gql_as(alice).execute(DELETE, {"id": gid(image)})["data"]["deleteImage"]
    assert result == {"__typename": "Deleted", "id": gid(image)}
    assert not DockerImage.objects.exists()


def test_delete_removes_the_stored_tarball(gql_as, alice):
    data, _ = image_tarball()
    register(gql_as(alice), data=data)
    image = DockerImage.objects.get()
    storage, name = image.image_file.storage, image.image_file.name
    assert storage.exists(name)
    gql_as(alice).execute(DELETE, {"id": gid(image)})
    assert not storage.exists(name)


def test_an_image_in_use_is_kept(gql_as, alice):
    algorithm = make_algorithm(alice)
    result = gql_as(alice).execute(DELETE, {"id": gid(algorithm.image)})["data"]["deleteImage"]
    assert messages(result) == [
        (None, "This image is still used by your algorithms (algo); delete them first.")
    ]
    assert DockerImage.objects.filter(pk=algorithm.image_id).exists()


def test_an_image_in_use_by_others_names_only_the_owners_algorithms(gql_as, alice, bob):
    image = make_image(alice, public=True)
    make_algorithm(alice, image=image, name="mine")
    make_algorithm(bob, image=image, name="bobs-secret-project")
    make_algorithm(bob, image=image, name="bobs-other")
    result = gql_as(alice).execute(DELETE, {"id": gid(image)})["data"]["deleteImage"]
    text = (
        "This image is still used by your algorithms (mine) and 2 algorithms of other users; "
        "it can be deleted once no algorithm uses it."
    )
    assert messages(result) == [(None, text)]
    make_algorithm(alice, image=make_image(bob, public=True), name="alices")
    result = gql_as(bob).execute(DELETE, {"id": gid(Algorithm.objects.get(name="alices").image)})
    text = "This image is still used by 1 algorithm of another user; it can be deleted once no algorithm uses it."
    assert messages(result["data"]["deleteImage"]) == [(None, text)]


def test_delete_with_a_malformed_id(gql_as, alice):
    result = gql_as(alice).execute(DELETE, {"id": "%%%"})["data"]["deleteImage"]
    assert messages(result) == [("id", "'%%%' is not a valid id.")]
