from __future__ import annotations

import strawberry
import strawberry_django

from oasis.datasets import services
from schema.common import Deleted
from schema.context import Info, require_user
from schema.ids import decode_id

from .types import AddDatasetFilesInput, CreateDatasetInput, DatasetType, RemoveDatasetFilesInput


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
