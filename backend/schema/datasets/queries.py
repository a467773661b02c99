from __future__ import annotations

import strawberry
import strawberry_django
from strawberry_django.relay import DjangoListConnection

from .types import DatasetType


@strawberry.type
class Query:
    dataset: DatasetType | None = strawberry_django.node(description="One of your datasets.")
    datasets: DjangoListConnection[DatasetType] = strawberry_django.connection(description="Your datasets.")
