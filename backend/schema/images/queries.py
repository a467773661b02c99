from __future__ import annotations

import strawberry
import strawberry_django
from strawberry_django.relay import DjangoListConnection

from .types import DockerImageType


@strawberry.type
class Query:
    image: DockerImageType | None = strawberry_django.node(description="One image you may see.")
    images: DjangoListConnection[DockerImageType] = strawberry_django.connection(
        description="Your images and public ones."
    )
