from __future__ import annotations

import strawberry
import strawberry_django

from schema.common import Connection

from .types import DatasetType


@strawberry.type
class Query:
    dataset: DatasetType | None = strawberry_django.node(description="One of your datasets.")
    datasets: Connection[DatasetType] = strawberry_django.connection(description="Your datasets.")
