"""What S3 does for us beyond django-storages: multipart uploads, presigned URLs, server-side copies.

The blob storage stays a django-storages ``S3Storage`` (``storages["blobs"]``); this module uses its
boto3 client (``storage.connection.meta.client``, boto3's public way to a resource's client) with the
storage's bucket and key prefix, so both name objects the same way. Presigned URLs are signed for
``OASIS_S3_PUBLIC_ENDPOINT_URL`` when the clients reach the store at another address than OASIS does.
"""

from __future__ import annotations

import contextlib
import posixpath
from collections.abc import Iterator
from functools import lru_cache

from django.conf import settings
from django.core.files.storage import storages


def s3():
    """The blob storage when it is S3, else None."""
    storage = storages["blobs"]
    return storage if hasattr(storage, "bucket_name") and hasattr(storage, "connection") else None


def _key(storage, name: str) -> str:
    return posixpath.join(storage.location, name) if storage.location else name


def _client(storage):
    return storage.connection.meta.client


def _signing_client(storage):
    # Signature version 4 whatever the storage's client uses (S3 refuses version 2 in most regions),
    # for the address the clients use.
    endpoint = settings.OASIS_S3_PUBLIC_ENDPOINT_URL or storage.endpoint_url
    return _public_client(endpoint, storage.access_key, storage.secret_key, storage.region_name)


@lru_cache(maxsize=4)
def _public_client(endpoint: str | None, access_key, secret_key, region):
    import boto3
    from botocore.config import Config

    return boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=access_key,
        aws_secret_access_key=secret_key,
        region_name=region,
        config=Config(signature_version="s3v4"),
    )


def create_multipart(name: str) -> str:
    """Start an S3 multipart upload of object ``name``; returns its upload id."""
    storage = s3()
    answer = _client(storage).create_multipart_upload(Bucket=storage.bucket_name, Key=_key(storage, name))
    return answer["UploadId"]


def _presigned(operation: str, name: str, *, expires_in: int, **params) -> str:
    """A presigned URL for ``operation`` (a boto3 client method) on object ``name``."""
    storage = s3()
    return _signing_client(storage).generate_presigned_url(
        operation,
        Params={"Bucket": storage.bucket_name, "Key": _key(storage, name), **params},
        ExpiresIn=expires_in,
    )


def part_url(name: str, upload_id: str, number: int, *, size: int) -> str:
    """A presigned URL a client PUTs part ``number`` to (exactly ``size`` bytes)."""
    return _presigned(
        "upload_part",
        name,
        UploadId=upload_id,
        PartNumber=number,
        ContentLength=size,
        expires_in=settings.OASIS_S3_UPLOAD_URL_TTL_S,
    )


def list_parts(name: str, upload_id: str) -> dict[int, tuple[int, str]]:
    """The parts the store holds for an upload: {number: (size, etag)}."""
    storage = s3()
    client = _client(storage)
    parts: dict[int, tuple[int, str]] = {}
    marker = 0
    while True:
        page = client.list_parts(
            Bucket=storage.bucket_name, Key=_key(storage, name), UploadId=upload_id, PartNumberMarker=marker
        )
        for part in page.get("Parts", []):
            parts[part["PartNumber"]] = (part["Size"], part["ETag"])
        if not page.get("IsTruncated"):
            return parts
        marker = page["NextPartNumberMarker"]


def complete_multipart(name: str, upload_id: str, parts: dict[int, tuple[int, str]]) -> None:
    storage = s3()
    _client(storage).complete_multipart_upload(
        Bucket=storage.bucket_name,
        Key=_key(storage, name),
        UploadId=upload_id,
        MultipartUpload={"Parts": [{"PartNumber": n, "ETag": parts[n][1]} for n in sorted(parts)]},
    )


def abort_multipart(name: str, upload_id: str) -> None:
    storage = s3()
    client = _client(storage)
    with contextlib.suppress(client.exceptions.NoSuchUpload):
        client.abort_multipart_upload(Bucket=storage.bucket_name, Key=_key(storage, name), UploadId=upload_id)


def read_chunks(name: str, chunk_size: int) -> Iterator[bytes]:
    storage = s3()
    body = _client(storage).get_object(Bucket=storage.bucket_name, Key=_key(storage, name))["Body"]
    try:
        yield from body.iter_chunks(chunk_size)
    finally:
        body.close()


def open_range(name: str, offset: int):
    """A readable, closable stream of object ``name`` from byte ``offset`` on."""
    storage = s3()
    answer = _client(storage).get_object(
        Bucket=storage.bucket_name, Key=_key(storage, name), Range=f"bytes={offset}-"
    )
    return answer["Body"]


def copy(source: str, target: str) -> None:
    """Server-side copy (multipart for large objects): the bytes never leave the store."""
    storage = s3()
    _client(storage).copy(
        {"Bucket": storage.bucket_name, "Key": _key(storage, source)},
        storage.bucket_name,
        _key(storage, target),
    )


def delete(name: str) -> None:
    storage = s3()
    _client(storage).delete_object(Bucket=storage.bucket_name, Key=_key(storage, name))


def download_url(name: str, *, filename_header: str) -> str:
    """A short-lived presigned GET answering with ``Content-Disposition: filename_header``."""
    return _presigned(
        "get_object",
        name,
        ResponseContentDisposition=filename_header,
        ResponseContentType="application/octet-stream",
        expires_in=settings.OASIS_S3_DOWNLOAD_URL_TTL_S,
    )
