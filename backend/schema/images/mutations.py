from __future__ import annotations

import strawberry
import strawberry_django

from oasis.images import credentials as credential_services
from oasis.images import services
from schema.common import Deleted
from schema.context import Info, require_user
from schema.ids import decode_id

from .types import DockerImageType, RegisterImageInput, RegistryCredentialInput, RegistryCredentialType


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
            engine_local=input.engine_local,
        )

    @strawberry_django.mutation(
        handle_django_errors=True,
        description="Pull a registry image's reference again and pin what it names now; earlier tasks keep theirs.",
    )
    def pull_image_again(self, info: Info, id: strawberry.ID) -> DockerImageType:
        return services.pull_again(
            user=require_user(info), image_id=decode_id(id, type_name="DockerImage", field="id")
        )

    @strawberry_django.mutation(
        handle_django_errors=True,
        description="Store your login for a registry host (replacing an earlier one).",
    )
    def set_registry_credential(self, info: Info, input: RegistryCredentialInput) -> RegistryCredentialType:
        return credential_services.set_credential(
            owner=require_user(info), host=input.host, username=input.username, password=input.password
        )

    @strawberry_django.mutation(
        handle_django_errors=True, description="Forget your login for a registry host."
    )
    def delete_registry_credential(self, info: Info, host: str) -> Deleted:
        credential_services.delete_credential(owner=require_user(info), host=host)
        return Deleted(id=strawberry.ID(host))

    @strawberry_django.mutation(handle_django_errors=True, description="Delete an image no algorithm uses.")
    def delete_image(self, info: Info, id: strawberry.ID) -> Deleted:
        services.delete_image(
            user=require_user(info), image_id=decode_id(id, type_name="DockerImage", field="id")
        )
        return Deleted(id=id)
