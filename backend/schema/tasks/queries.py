from __future__ import annotations

import strawberry
import strawberry_django
from strawberry_django.relay import DjangoListConnection

from .types import AlgorithmTaskType


@strawberry.type
class Query:
    task: AlgorithmTaskType | None = strawberry_django.node(description="One of your tasks.")
    tasks: DjangoListConnection[AlgorithmTaskType] = strawberry_django.connection(description="Your tasks.")
