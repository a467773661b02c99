from __future__ import annotations

import strawberry
import strawberry_django

from schema.common import Connection

from .types import DockerImageType


@strawberry.type
class Query:
    image: DockerImageType | None = strawberry_django.node(description="One image you may see.")
    images: Connection[DockerImageType] = strawberry_django.connection(
        description="Your images and public ones."
    )
