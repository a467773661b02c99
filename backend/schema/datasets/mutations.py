from __future__ import annotations

import strawberry
import strawberry_django

from oasis.datasets import resumable, services
from schema.common import Deleted
from schema.context import Info, require_user
from schema.ids import decode_id

from .types import AddDatasetFilesInput, CreateDatasetInput, DatasetType, RemoveDatasetFilesInput
from .uploads import StartUploadInput, UploadSessionType


def _id(value) -> int:
    return decode_id(value, type_name="Dataset", field="id")


@strawberry.type
class Mutation:
    @strawberry_django.mutation(
        handle_django_errors=True, description="Create a dataset from uploaded files."
    )
    def create_dataset(self, info: Info, input: CreateDatasetInput) -> DatasetType:
        user = require_user(info)
        files = services.incoming_from_uploads(input.files, input.paths)
        return services.create_dataset(owner=user, name=input.name, files=files)

    @strawberry_django.mutation(handle_django_errors=True, description="Add uploaded files to your dataset.")
    def add_dataset_files(self, info: Info, input: AddDatasetFilesInput) -> DatasetType:
        user = require_user(info)
        files = services.incoming_from_uploads(input.files, input.paths)
        return services.add_files(user=user, dataset_id=_id(input.id), files=files)

    @strawberry_django.mutation(
        handle_django_errors=True, description="Remove files from your dataset by path."
    )
    def remove_dataset_files(self, info: Info, input: RemoveDatasetFilesInput) -> DatasetType:
        return services.remove_files(user=require_user(info), dataset_id=_id(input.id), paths=input.paths)

    @strawberry_django.mutation(
        handle_django_errors=True, description="Delete your dataset (refused while a task uses it)."
    )
    def delete_dataset(self, info: Info, id: strawberry.ID) -> Deleted:
        services.delete_dataset(user=require_user(info), dataset_id=_id(id))
        return Deleted(id=id)

    @strawberry_django.mutation(
        handle_django_errors=True,
        description="Start a resumable upload of one file into a dataset: then ask the session for part "
        "URLs, PUT the parts (any order, in parallel, again after a dropped connection), and completeUpload.",
    )
    def start_upload(self, info: Info, input: StartUploadInput) -> UploadSessionType:
        return resumable.start_upload(
            user=require_user(info),
            path=input.path,
            size=input.size,
            sha256=input.sha256,
            dataset_id=_id(input.dataset_id) if input.dataset_id is not None else None,
            dataset_name=input.dataset_name,
            part_size=input.part_size,
        )

    @strawberry_django.mutation(
        handle_django_errors=True,
        description="Put an upload whose parts all arrived into its dataset. COMPLETE at once with local "
        "storage; with S3 VERIFYING until a worker has hashed it (poll uploadSession).",
    )
    def complete_upload(self, info: Info, id: strawberry.ID) -> UploadSessionType:
        return resumable.complete_upload(user=require_user(info), session_id=str(id))

    @strawberry_django.mutation(
        handle_django_errors=True, description="Drop an unfinished upload and its parts."
    )
    def abort_upload(self, info: Info, id: strawberry.ID) -> Deleted:
        resumable.abort_upload(user=require_user(info), session_id=str(id))
        return Deleted(id=id)
