from __future__ import annotations

import strawberry
import strawberry_django
from strawberry_django.relay import DjangoListConnection

from .types import AlgorithmType


@strawberry.type
class Query:
    algorithm: AlgorithmType | None = strawberry_django.node(description="One algorithm you may see.")
    algorithms: DjangoListConnection[AlgorithmType] = strawberry_django.connection(
        description="Your algorithms and public ones."
    )
