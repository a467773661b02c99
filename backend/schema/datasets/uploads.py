"""Types of resumable uploads (``oasis.datasets.resumable``)."""

from __future__ import annotations

import strawberry
import strawberry_django
from strawberry import auto

from oasis.datasets import data_urls, models, resumable
from schema.scalars import BigInt

from .types import DatasetType

UploadStatus = strawberry.enum(
    models.UploadStatus, name="UploadStatus", description="Where a resumable upload is."
)


@strawberry.type(name="UploadPart")
class UploadPartType:
    """A part that arrived whole."""

    number: int
    size: BigInt


@strawberry.type(name="UploadPartUrl")
class UploadPartUrl:
    """Where to send one part: PUT its bytes as the raw request body, with its exact Content-Length."""

    number: int
    url: str = strawberry.field(
        description="A presigned object-store URL (absolute; send no OASIS credentials to it) or OASIS's "
        "own /api/uploads/... path (send your session cookie and X-CSRFToken, or your API token)."
    )


@strawberry_django.type(models.UploadSession, name="UploadSession")
class UploadSessionType:
    """One file being uploaded in parts. Part n holds bytes [(n-1) * partSize, n * partSize)."""

    path: auto
    size: BigInt
    part_size: BigInt
    status: UploadStatus
    error: str = strawberry_django.field(description="Why the upload FAILED.")
    created_at: auto
    expires_at: auto = strawberry_django.field(
        description="An open upload no part reaches until then is dropped; every part moves it on."
    )
    dataset: DatasetType | None = strawberry_django.field(
        description="The dataset it went into, once COMPLETE."
    )

    @strawberry_django.field(only=["id"])
    def id(self, root: models.UploadSession) -> strawberry.ID:
        return strawberry.ID(str(root.pk))

    @strawberry_django.field(only=["size", "part_size"])
    def part_count(self, root: models.UploadSession) -> int:
        return root.part_count

    @strawberry_django.field(
        only=["s3_upload_id"],
        description="True when the parts go straight to the object store (presigned URLs), not to OASIS.",
    )
    def direct(self, root: models.UploadSession) -> bool:
        return bool(root.s3_upload_id)

    @strawberry_django.field(description="The parts that arrived whole (send only the others).")
    def received_parts(self, root: models.UploadSession) -> list[UploadPartType]:
        return [UploadPartType(number=n, size=s) for n, s in sorted(resumable.received_parts(root).items())]

    @strawberry_django.field(
        description=(
            "Where to PUT each part's raw bytes (at most 1,000 numbers per request): an absolute, "
            "presigned URL (the object store, or OASIS's data plane; send no credentials with it), or "
            "a path on this server (send the API token or session as for the API)."
        )
    )
    def part_urls(
        self, info: strawberry.Info, root: models.UploadSession, part_numbers: list[int]
    ) -> list[UploadPartUrl]:
        request = info.context.request
        base = data_urls.base_url(request) if data_urls.enabled() else None
        return [
            UploadPartUrl(number=n, url=url)
            for n, url in resumable.part_urls(root, part_numbers, data_base=base)
        ]


@strawberry.input
class StartUploadInput:
    path: str = strawberry.field(description="The file's relative path in the dataset (e.g. images/a.png).")
    size: BigInt = strawberry.field(description="The file's size in bytes (at least 1).")
    sha256: str | None = strawberry.field(
        default=None, description="The file's SHA-256, if known: completion fails if the bytes differ."
    )
    dataset_id: strawberry.ID | None = strawberry.field(
        default=None, description="Add the file to this dataset of yours..."
    )
    dataset_name: str | None = strawberry.field(
        default=None, description="...or make a new dataset of this name."
    )
    part_size: BigInt | None = strawberry.field(
        default=None,
        description="Bytes per part (default OASIS_UPLOAD_PART_BYTES; raised if the file needs "
        "more than 10,000 parts).",
    )
