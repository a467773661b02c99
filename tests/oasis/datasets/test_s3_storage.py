"""Blobs and image tarballs on S3-compatible storage (django-storages), against moto's S3 server
speaking the real S3 HTTP protocol on 127.0.0.1."""

from __future__ import annotations

import io
import zipfile

import boto3
import pytest
from django.core.files.storage import storages

from oasis.datasets import blobs
from tests.fixtures.stack import free_port
from tests.oasis.datasets.test_views import content
from tests.oasis.factories import make_dataset

BUCKET = "oasis-test"


@pytest.fixture
def s3(settings):
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="k", aws_secret_access_key="s", region_name="us-east-1"
    )
    client.create_bucket(Bucket=BUCKET)
    backend = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BUCKET,
            "endpoint_url": endpoint,
            "access_key": "k",
            "secret_key": "s",
            "region_name": "us-east-1",
            "location": "oasis",
            "file_overwrite": True,
        },
    }
    settings.STORAGES = {**settings.STORAGES, "default": backend, "blobs": backend}
    storages._storages.clear()  # the handler caches backends built from the old settings
    yield client
    storages._storages.clear()
    server.stop()


def test_dataset_files_are_stored_once_in_s3_and_downloadable(s3, alice, gql_as):
    dataset = make_dataset(alice, {"a.txt": b"alpha", "sub/b.txt": b"beta", "copy.txt": b"alpha"})
    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET)["Contents"])
    assert len(keys) == 2 and all(k.startswith("oasis/blobs/") for k in keys)  # content-addressed
    placement = dataset.files.get(path="sub/b.txt")
    assert blobs.local_path(placement.blob) is None
    client = gql_as(alice).http
    response = client.get(f"/api/datasets/{dataset.pk}/files/{placement.pk}/download")
    assert response.status_code == 200
    assert content(response) == b"beta"
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
