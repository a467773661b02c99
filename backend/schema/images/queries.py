from __future__ import annotations

import strawberry
import strawberry_django
from django.db.models import QuerySet

from oasis.images.models import DockerImage, RegistryCredential
from schema.common import Connection
from schema.context import Info, current_user
from schema.visibility import NodeId, visible, visible_node

from .types import DockerImageType, RegistryCredentialType


@strawberry.type
class Query:
    @strawberry_django.field(description="One image you may see.")
    def image(self, info: Info, id: NodeId) -> DockerImageType | None:
        return visible_node(DockerImage.objects.all(), info, id, type_name="DockerImage")

    @strawberry_django.connection(Connection[DockerImageType], description="Your images and public ones.")
    def images(self, info: Info) -> QuerySet[DockerImage]:
        return visible(DockerImage.objects.all(), info)

    @strawberry_django.field(description="Your registry logins (hosts and usernames; never the passwords).")
    def registry_credentials(self, info: Info) -> list[RegistryCredentialType]:
        user = current_user(info)
        if user is None or not user.is_authenticated:
            return []
        return list(RegistryCredential.objects.filter(owner=user))
