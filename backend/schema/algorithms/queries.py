from __future__ import annotations

import strawberry
import strawberry_django

from schema.common import Connection

from .types import AlgorithmType


@strawberry.type
class Query:
    algorithm: AlgorithmType | None = strawberry_django.node(description="One algorithm you may see.")
    algorithms: Connection[AlgorithmType] = strawberry_django.connection(
        description="Your algorithms and public ones."
    )
