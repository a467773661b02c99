from __future__ import annotations

import strawberry
import strawberry_django

from oasis.algorithms import services
from oasis.algorithms.services import AlgorithmFields
from schema.common import Deleted
from schema.context import Info, require_user
from schema.ids import decode_id

from .types import AlgorithmInput, AlgorithmType


def _fields(data: AlgorithmInput) -> AlgorithmFields:
    image_id = decode_id(data.image_id, type_name="DockerImage", field="imageId") if data.image_id else None
    return AlgorithmFields(**vars(data) | {"image_id": image_id})


def _id(value: strawberry.ID) -> int:
    return decode_id(value, type_name="Algorithm", field="id")


@strawberry.type
class Mutation:
    @strawberry_django.mutation(handle_django_errors=True, description="Define how to run an image.")
    def create_algorithm(self, info: Info, input: AlgorithmInput) -> AlgorithmType:
        return services.create_algorithm(owner=require_user(info), fields=_fields(input))

    @strawberry_django.mutation(handle_django_errors=True, description="Change your algorithm.")
    def update_algorithm(self, info: Info, id: strawberry.ID, input: AlgorithmInput) -> AlgorithmType:
        return services.update_algorithm(user=require_user(info), algorithm_id=_id(id), fields=_fields(input))

    @strawberry_django.mutation(
        handle_django_errors=True, description="Delete your algorithm; its tasks keep the spec they ran."
    )
    def delete_algorithm(self, info: Info, id: strawberry.ID) -> Deleted:
        services.delete_algorithm(user=require_user(info), algorithm_id=_id(id))
        return Deleted(id=id)
