from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from django.urls import reverse
from strawberry import auto, relay
from strawberry.file_uploads import Upload
from strawberry_django.relay import DjangoListConnection

from oasis.datasets import models
from oasis.tasks import provenance
from schema.accounts.types import UserType
from schema.context import Info, current_user
from schema.ids import node_filter
from schema.lookups import TextFilterLookup
from schema.scalars import BigInt

if TYPE_CHECKING:
    from schema.tasks.types import AlgorithmTaskType


@strawberry_django.filter_type(models.Dataset, lookups=True)
class DatasetFilter:
    name: TextFilterLookup | None
    created_at: auto
    owner = node_filter(type_name="User", lookup="owner", description="Datasets of one user (staff see all).")


@strawberry_django.order_type(models.Dataset)
class DatasetOrder:
    name: auto
    created_at: auto
    size: auto


@strawberry_django.filter_type(models.DatasetFile, lookups=True)
class DatasetFileFilter:
    path: TextFilterLookup | None


@strawberry_django.type(models.DatasetFile, name="DatasetFile", filters=DatasetFileFilter)
class DatasetFileType(relay.Node):
    """A file in a dataset, at a relative path."""

    path: auto

    @strawberry_django.field(only=["blob__size"], select_related=["blob"])
    def size(self, root: models.DatasetFile) -> BigInt:
        return root.blob.size

    @strawberry_django.field(only=["blob_id"])
    def sha256(self, root: models.DatasetFile) -> str:
        return root.blob_id

    @strawberry_django.field(
        only=["dataset_id"], description="Plain HTTP download of the file (Range supported)."
    )
    def download_url(self, root: models.DatasetFile) -> str:
        return reverse("dataset-file-download", kwargs={"dataset_id": root.dataset_id, "file_id": root.pk})


@strawberry_django.type(models.Dataset, name="Dataset", filters=DatasetFilter, ordering=DatasetOrder)
class DatasetType(relay.Node):
    """A named collection of files."""

    name: auto
    size: BigInt = strawberry_django.field(description="Total bytes of its files, exact.")
    file_count: auto
    created_at: auto
    updated_at: auto
    owner: UserType
    # DjangoListConnection, not schema.common.Connection: the optimizer pages a nested connection per
    # dataset in SQL (a window function) only for the connection classes it knows.
    files: DjangoListConnection[DatasetFileType] = strawberry_django.connection()

    @strawberry_django.field(only=["id"], description="The whole dataset as a zip, streamed.")
    def download_url(self, root: models.Dataset) -> str:
        return reverse("dataset-download", kwargs={"dataset_id": root.pk})

    @strawberry_django.field(
        only=["id"], description="The task whose output this dataset is, if you may see it."
    )
    def produced_by(
        self, root: models.Dataset, info: Info
    ) -> Annotated[AlgorithmTaskType, strawberry.lazy("schema.tasks.types")] | None:
        return provenance.producer(user=current_user(info), dataset_id=root.pk)

    @strawberry_django.field(
        only=["id"],
        description=(
            "Where the dataset came from: the task that made it, the task that made that task's input, "
            f"and so on (nearest first; at most {provenance.MAX_LINEAGE_DEPTH} steps, stops at what you may not see)."
        ),
    )
    def lineage(
        self, root: models.Dataset, info: Info, max_depth: int = 10
    ) -> list[Annotated[AlgorithmTaskType, strawberry.lazy("schema.tasks.types")]]:
        return provenance.lineage(user=current_user(info), dataset_id=root.pk, max_depth=max_depth)


@strawberry.input
class CreateDatasetInput:
    name: str
    files: list[Upload] = strawberry.field(default_factory=list)
    paths: list[str] | None = strawberry.field(
        default=None, description="Each file's relative path (e.g. images/a.png); default: its file name."
    )


@strawberry.input
class AddDatasetFilesInput:
    id: strawberry.ID
    files: list[Upload]
    paths: list[str] | None = None


@strawberry.input
class RemoveDatasetFilesInput:
    id: strawberry.ID
    paths: list[str]
