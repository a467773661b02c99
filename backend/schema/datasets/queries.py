from __future__ import annotations

from typing import Annotated

import strawberry
import strawberry_django
from django.db.models import QuerySet
from strawberry import relay

from oasis.datasets.models import Dataset
from schema.common import Connection
from schema.context import Info
from schema.visibility import visible, visible_node

from .types import DatasetType

ID_ARGUMENT = strawberry.argument(description="The ID of the object.")


@strawberry.type
class Query:
    @strawberry_django.field(description="One of your datasets.")
    def dataset(self, info: Info, id: Annotated[relay.GlobalID, ID_ARGUMENT]) -> DatasetType | None:
        return visible_node(Dataset.objects.all(), info, id, type_name="Dataset")

    @strawberry_django.connection(Connection[DatasetType], description="Your datasets.")
    def datasets(self, info: Info) -> QuerySet[Dataset]:
        return visible(Dataset.objects.all(), info)
