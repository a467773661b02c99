"""An S3 object store for the S3 tests and benchmark: moto's server on 127.0.0.1, in this process,
speaking the real S3 HTTP protocol (moto is a dev dependency, in requirements-dev.lock)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from oasis_testing.stack import free_port

ACCESS_KEY = "k"
SECRET_KEY = "s"  # noqa: S105 (moto takes any)
REGION = "us-east-1"


@dataclass(frozen=True)
class ObjectStore:
    endpoint: str
    bucket: str
    #: A boto3 S3 client of the store, to look at what OASIS put there.
    client: Any

    def stack_env(self) -> dict[str, str]:
        """The environment of an OASIS whose blobs live in this bucket."""
        return {
            "OASIS_S3_BUCKET": self.bucket,
            "OASIS_S3_ENDPOINT_URL": self.endpoint,
            "OASIS_S3_REGION": REGION,
            "OASIS_S3_ACCESS_KEY_ID": ACCESS_KEY,
            "OASIS_S3_SECRET_ACCESS_KEY": SECRET_KEY,
        }


@contextlib.contextmanager
def moto_s3(bucket: str) -> Iterator[ObjectStore]:
    """moto's S3 server on a free port with ``bucket`` created; stopped on leaving. ImportError without
    moto or boto3."""
    import boto3
    from moto.server import ThreadedMotoServer  # slow to import: only when a store is wanted

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        endpoint = f"http://127.0.0.1:{port}"
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )
        client.create_bucket(Bucket=bucket)
        yield ObjectStore(endpoint=endpoint, bucket=bucket, client=client)
    finally:
        server.stop()
