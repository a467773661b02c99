"""Plain-HTTP downloads: one file (with Range) and a whole dataset as a zip, both behind ownership."""

import io
import os
import zipfile

import pytest
from asgiref.sync import async_to_sync
from django.test import AsyncClient, Client

from oasis.accounts.services import create_token
from oasis.datasets import views
from tests.oasis.factories import make_algorithm, make_dataset

HELLO = b"hello world"  # 11 bytes


def content(response) -> bytes:
    """The body of a streaming response whose iterator is asynchronous (as under ASGI)."""
    assert response.streaming

    async def collect():
        return [chunk async for chunk in response.streaming_content]

    return b"".join(async_to_sync(collect)())


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _file_url(dataset, path: str) -> str:
    placement = dataset.files.get(path=path)
    return f"/api/datasets/{dataset.pk}/files/{placement.pk}/download"


def _zip_url(dataset) -> str:
    return f"/api/datasets/{dataset.pk}/download.zip"


@pytest.fixture
def dataset(alice):
    return make_dataset(
        alice, {"docs/hello.txt": HELLO, "empty.txt": b"", "a/b/c/deep.bin": b"\x00\xff" * 10}
    )


def test_download_a_file(alice, dataset):
    response = _client(alice).get(_file_url(dataset, "docs/hello.txt"))
    assert response.status_code == 200
    assert content(response) == HELLO
    assert response["Content-Length"] == "11"
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="hello.txt"'
    assert response["Accept-Ranges"] == "bytes"
    assert response["ETag"] == '"b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"'


def test_download_an_empty_file(alice, dataset):
    response = _client(alice).get(_file_url(dataset, "empty.txt"))
    assert response.status_code == 200
    assert response["Content-Length"] == "0"
    assert content(response) == b""


def test_download_through_the_async_client(alice, dataset):
    url = _file_url(dataset, "a/b/c/deep.bin")

    async def fetch():
        client = AsyncClient()
        await client.aforce_login(alice)
        response = await client.get(url)
        return response.status_code, b"".join([chunk async for chunk in response.streaming_content])

    assert async_to_sync(fetch)() == (200, b"\x00\xff" * 10)


def test_a_large_file_streams_in_chunks_with_the_right_bytes(alice):
    data = os.urandom(3 * 1024 * 1024 + 17)
    dataset = make_dataset(alice, {"big.bin": data})
    response = _client(alice).get(_file_url(dataset, "big.bin"))

    async def collect():
        return [chunk async for chunk in response.streaming_content]

    chunks = async_to_sync(collect)()
    assert len(chunks) > 1, "streamed, not read whole"
    assert max(map(len, chunks)) <= views.CHUNK == 1024 * 1024  # large blocks, still bounded
    assert b"".join(chunks) == data
    assert response["Content-Length"] == str(len(data))


@pytest.mark.parametrize(
    ("header", "body", "content_range"),
    [
        ("bytes=0-4", b"hello", "bytes 0-4/11"),
        ("bytes=6-", b"world", "bytes 6-10/11"),
        ("bytes=-5", b"world", "bytes 6-10/11"),
        ("bytes=-100", HELLO, "bytes 0-10/11"),
        ("bytes=4-4", b"o", "bytes 4-4/11"),
        ("bytes=10-999", b"d", "bytes 10-10/11"),
        ("bytes=0-", HELLO, "bytes 0-10/11"),
        (" bytes = 2-3 ", b"ll", "bytes 2-3/11"),
    ],
)
def test_a_byte_range(alice, dataset, header, body, content_range):
    response = _client(alice).get(_file_url(dataset, "docs/hello.txt"), headers={"Range": header})
    assert response.status_code == 206
    assert response["Content-Range"] == content_range
    assert response["Content-Length"] == str(len(body))
    assert content(response) == body


@pytest.mark.parametrize(
    "header", ["bytes=11-", "bytes=100-200", "bytes=-0", "bytes=5-3", "bytes=abc", "bytes=-"]
)
def test_an_unsatisfiable_or_malformed_range_is_416(alice, dataset, header):
    response = _client(alice).get(_file_url(dataset, "docs/hello.txt"), headers={"Range": header})
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */11"


def test_any_range_of_an_empty_file_is_unsatisfiable(alice, dataset):
    response = _client(alice).get(_file_url(dataset, "empty.txt"), headers={"Range": "bytes=0-"})
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */0"


@pytest.mark.parametrize("header", ["items=0-3", "bytes=0-1,3-4"])
def test_ranges_we_do_not_serve_are_ignored_not_refused(alice, dataset, header):
    """RFC 9110: ignore an unknown unit; several ranges may be answered with the whole file."""
    response = _client(alice).get(_file_url(dataset, "docs/hello.txt"), headers={"Range": header})
    assert response.status_code == 200
    assert content(response) == HELLO


def test_a_stale_if_range_gets_the_whole_file(alice, dataset):
    url = _file_url(dataset, "docs/hello.txt")
    response = _client(alice).get(url, headers={"Range": "bytes=0-1", "If-Range": '"not-the-etag"'})
    assert response.status_code == 200
    assert content(response) == HELLO
    etag = response["ETag"]
    response = _client(alice).get(url, headers={"Range": "bytes=0-1", "If-Range": etag})
    assert response.status_code == 206
    assert content(response) == b"he"


def test_download_the_dataset_as_a_zip(alice, dataset):
    response = _client(alice).get(_zip_url(dataset))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="data.zip"'
    archive = zipfile.ZipFile(io.BytesIO(content(response)))
    assert archive.testzip() is None
    assert archive.namelist() == ["a/b/c/deep.bin", "docs/hello.txt", "empty.txt"]
    assert archive.read("docs/hello.txt") == HELLO
    assert archive.read("a/b/c/deep.bin") == b"\x00\xff" * 10
    assert archive.read("empty.txt") == b""
    assert [info.file_size for info in archive.infolist()] == [20, 11, 0]


def test_a_zip_with_one_blob_at_two_paths_and_a_multi_megabyte_file(alice):
    big = os.urandom(2 * 1024 * 1024 + 3)
    dataset = make_dataset(
        alice, {"x/big.bin": big, "y/big.bin": big, "ünï/名前.txt": b"unicode"}, name="my data/.."
    )
    response = _client(alice).get(_zip_url(dataset))
    assert response["Content-Disposition"] == 'attachment; filename="my_data_...zip"'
    archive = zipfile.ZipFile(io.BytesIO(content(response)))
    assert archive.testzip() is None
    assert archive.read("x/big.bin") == archive.read("y/big.bin") == big
    assert archive.read("ünï/名前.txt") == b"unicode"


def test_an_empty_dataset_is_an_empty_zip(alice):
    dataset = make_dataset(alice, {})
    archive = zipfile.ZipFile(io.BytesIO(content(_client(alice).get(_zip_url(dataset)))))
    assert archive.namelist() == []


def test_others_get_404_for_files_and_zips(alice, bob, dataset):
    make_algorithm(alice, public=True)  # public algorithms make no dataset visible
    for user in (bob, None):
        assert _client(user).get(_file_url(dataset, "docs/hello.txt")).status_code == 404
        assert _client(user).get(_zip_url(dataset)).status_code == 404


def test_a_file_is_only_found_under_its_own_dataset(alice, dataset):
    other = make_dataset(alice, {"other.txt": b"x"})
    placement = dataset.files.get(path="docs/hello.txt")
    url = f"/api/datasets/{other.pk}/files/{placement.pk}/download"
    assert _client(alice).get(url).status_code == 404
    assert _client(alice).get("/api/datasets/999999/download.zip").status_code == 404
    assert _client(alice).get(f"/api/datasets/{dataset.pk}/files/999999/download").status_code == 404


def test_staff_may_download_anything(alice, make_user, dataset):
    staff = make_user("staff", is_staff=True)
    assert content(_client(staff).get(_file_url(dataset, "docs/hello.txt"))) == HELLO
    assert _client(staff).get(_zip_url(dataset)).status_code == 200


def test_download_with_an_api_token(alice, dataset):
    _, token = create_token(user=alice)
    response = Client().get(
        _file_url(dataset, "docs/hello.txt"), headers={"Authorization": f"Bearer {token}"}
    )
    assert content(response) == HELLO
    bad = Client().get(_file_url(dataset, "docs/hello.txt"), headers={"Authorization": "Bearer oasis_nope"})
    assert bad.status_code == 401


def test_health():
    assert Client().get("/api/health").json() == {"status": "ok"}


def test_the_zip_has_its_length_up_front_real_times_and_resumes_with_range(alice):
    data = os.urandom(2 * 1024 * 1024 + 3)
    dataset = make_dataset(alice, {"a/big.bin": data, "b.txt": b"bee"})
    whole = _client(alice).get(_zip_url(dataset))
    body = content(whole)
    assert whole["Content-Length"] == str(len(body)) and whole["Accept-Ranges"] == "bytes"
    archive = zipfile.ZipFile(io.BytesIO(body))
    placed = dataset.files.get(path="a/big.bin").created_at
    assert archive.getinfo("a/big.bin").date_time[:5] == placed.timetuple()[:5]
    assert archive.read("a/big.bin") == data
    # A broken download resumes where it stopped, if the zip is still the same one.
    cut = 1_000_001
    rest = _client(alice).get(_zip_url(dataset), HTTP_RANGE=f"bytes={cut}-", HTTP_IF_RANGE=whole["ETag"])
    assert rest.status_code == 206
    assert rest["Content-Range"] == f"bytes {cut}-{len(body) - 1}/{len(body)}"
    assert body[:cut] + content(rest) == body
    changed = _client(alice).get(_zip_url(dataset), HTTP_RANGE=f"bytes={cut}-", HTTP_IF_RANGE='"zip-other"')
    assert changed.status_code == 200 and content(changed) == body
    unsatisfiable = _client(alice).get(_zip_url(dataset), HTTP_RANGE=f"bytes={len(body)}-")
    assert unsatisfiable.status_code == 416


def test_blobs_without_a_crc32_get_one_on_their_first_zip(alice):
    from oasis.datasets.models import Blob

    dataset = make_dataset(alice, {"old.txt": b"stored before CRCs were kept"})
    Blob.objects.update(crc32=None)
    archive = zipfile.ZipFile(io.BytesIO(content(_client(alice).get(_zip_url(dataset)))))
    assert archive.testzip() is None and archive.read("old.txt") == b"stored before CRCs were kept"
    assert Blob.objects.get().crc32 == archive.getinfo("old.txt").CRC
