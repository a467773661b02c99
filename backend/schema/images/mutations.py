from __future__ import annotations

import strawberry
import strawberry_django

from oasis.images import services
from schema.common import Deleted
from schema.context import Info, require_user
from schema.ids import decode_id

from .types import DockerImageType, RegisterImageInput


@strawberry.type
class Mutation:
    @strawberry_django.mutation(
        handle_django_errors=True, description="Register an image by reference or tarball."
    )
    def register_image(self, info: Info, input: RegisterImageInput) -> DockerImageType:
        return services.register_image(
            owner=require_user(info),
            name=input.name,
            image_ref=input.image_ref,
            image_file=input.image_file,
            is_public=input.is_public,
        )

    @strawberry_django.mutation(handle_django_errors=True, description="Delete an image no algorithm uses.")
    def delete_image(self, info: Info, id: strawberry.ID) -> Deleted:
        services.delete_image(
            user=require_user(info), image_id=decode_id(id, type_name="DockerImage", field="id")
        )
        return Deleted(id=id)
