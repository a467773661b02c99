"""Blobs and image tarballs on S3-compatible storage (django-storages), against moto's S3 server
speaking the real S3 HTTP protocol on 127.0.0.1."""

from __future__ import annotations

import io
import zipfile

import httpx
import pytest
from django.core.files.storage import storages

from oasis.datasets import blobs
from oasis_testing.s3 import ACCESS_KEY, REGION, SECRET_KEY, moto_s3
from tests.oasis.datasets.test_views import content
from tests.oasis.factories import make_dataset

BUCKET = "oasis-test"


@pytest.fixture
def s3(settings):
    with moto_s3(BUCKET) as store:
        backend = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": store.endpoint,
                "access_key": ACCESS_KEY,
                "secret_key": SECRET_KEY,
                "region_name": REGION,
                "location": "oasis",
                "file_overwrite": True,
            },
        }
        settings.STORAGES = {**settings.STORAGES, "default": backend, "blobs": backend}
        storages._storages.clear()  # the handler caches backends built from the old settings
        yield store.client
        storages._storages.clear()


def test_dataset_files_are_stored_once_in_s3_and_downloadable(s3, alice, bob, gql_as):
    dataset = make_dataset(alice, {"a.txt": b"alpha", "sub/b.txt": b"beta", "copy.txt": b"alpha"})
    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET)["Contents"])
    assert len(keys) == 2 and all(k.startswith("oasis/blobs/") for k in keys)  # content-addressed
    placement = dataset.files.get(path="sub/b.txt")
    assert blobs.local_path(placement.blob) is None
    client = gql_as(alice).http
    # A file download is a redirect to a short-lived presigned URL: the store sends the bytes.
    response = client.get(f"/api/datasets/{dataset.pk}/files/{placement.pk}/download")
    assert response.status_code == 302 and response["Cache-Control"] == "private, no-store"
    assert "X-Amz-Expires=300" in response["Location"] and "X-Amz-Signature=" in response["Location"]
    fetched = httpx.get(response["Location"])
    assert fetched.status_code == 200 and fetched.content == b"beta"
    assert fetched.headers["Content-Disposition"] == 'attachment; filename="b.txt"'
    assert (
        gql_as(bob).http.get(f"/api/datasets/{dataset.pk}/files/{placement.pk}/download").status_code == 404
    )
    archive = client.get(f"/api/datasets/{dataset.pk}/download.zip")
    zipped = zipfile.ZipFile(io.BytesIO(content(archive)))
    assert sorted(zipped.namelist()) == ["a.txt", "copy.txt", "sub/b.txt"]
    assert zipped.read("copy.txt") == b"alpha"


def test_task_outputs_stream_into_s3(s3, alice):
    from oasis.datasets import services

    output = services.create_output_dataset(owner=alice, name="out")
    services.add_output_file(dataset=output, path="r/result.bin", stream=io.BytesIO(b"x" * 3_000_000))
    output.refresh_from_db()
    assert (output.size, output.file_count) == (3_000_000, 1)
    with blobs.open_blob(output.files.get().blob) as fh:
        assert fh.read() == b"x" * 3_000_000


def test_a_resumable_upload_goes_straight_to_s3_in_parts(s3, alice, bob, settings):
    import hashlib
    import os
    import zlib

    from oasis.datasets import resumable
    from oasis.datasets.models import Blob, UploadStatus

    part = 5 * 1024 * 1024  # S3's smallest part but the last
    data = os.urandom(2 * part + 1000)
    session = resumable.start_upload(
        user=alice, path="big/x.bin", size=len(data), dataset_name="direct", part_size=part
    )
    assert session.s3_upload_id and session.part_count == 3 and session.part_size == 5 * 1024 * 1024
    assert not resumable.spool_path(session.pk).exists()  # nothing comes to OASIS
    urls = dict(resumable.part_urls(session, [3, 1, 2]))
    assert all(url.startswith("http://127.0.0.1:") and "uploadId=" in url for url in urls.values())
    for number in (3, 1):
        offset, length = session.part_span(number)
        assert httpx.put(urls[number], content=data[offset : offset + length]).status_code == 200
    assert resumable.received_parts(session) == {1: part, 3: 1000}
    with pytest.raises(resumable.ValidationError, match=r"1 part\(s\) have not arrived: 2\."):
        resumable.complete_upload(user=alice, session_id=session.pk)
    assert httpx.put(urls[2], content=data[part : 2 * part]).status_code == 200
    with pytest.raises(resumable.NotFound):
        resumable.complete_upload(user=bob, session_id=session.pk)

    verifying = resumable.complete_upload(user=alice, session_id=session.pk)
    assert verifying.status == UploadStatus.VERIFYING  # a worker hashes it, not the web process
    resumable.finish_upload(str(session.pk))  # what the worker's finish_upload task runs
    session.refresh_from_db()
    assert session.status == UploadStatus.COMPLETE, session.error
    sha256 = hashlib.sha256(data).hexdigest()
    assert session.dataset.files.get().blob_id == sha256
    assert Blob.objects.get(sha256=sha256).crc32 == zlib.crc32(data)
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert f"oasis/blobs/{sha256[:2]}/{sha256[2:4]}/{sha256}" in keys
    assert f"oasis/uploads/{session.pk}" not in keys  # the upload object is gone
    with blobs.open_blob(Blob.objects.get(sha256=sha256)) as fh:
        assert fh.read() == data


def test_an_abandoned_s3_upload_is_aborted_by_the_sweep(s3, alice):
    from datetime import timedelta

    from django.utils import timezone

    from oasis.datasets import resumable
    from oasis.datasets.models import UploadSession

    session = resumable.start_upload(user=alice, path="x.bin", size=100, dataset_name="d")
    httpx.put(dict(resumable.part_urls(session, [1]))[1], content=b"x" * 100)

    def open_uploads():  # moto's state is shared by the tests of this process
        return {u["UploadId"] for u in s3.list_multipart_uploads(Bucket=BUCKET).get("Uploads", [])}

    assert session.s3_upload_id in open_uploads()
    UploadSession.objects.filter(pk=session.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert resumable.sweep_upload_sessions()["expired_uploads"] == 1
    assert session.s3_upload_id not in open_uploads()
