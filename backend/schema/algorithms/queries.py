from __future__ import annotations

from typing import Annotated

import strawberry
import strawberry_django
from django.db.models import QuerySet
from strawberry import relay

from oasis.algorithms.models import Algorithm
from schema.common import Connection
from schema.context import Info
from schema.visibility import visible, visible_node

from .types import AlgorithmType

ID_ARGUMENT = strawberry.argument(description="The ID of the object.")


@strawberry.type
class Query:
    @strawberry_django.field(description="One algorithm you may see.")
    def algorithm(self, info: Info, id: Annotated[relay.GlobalID, ID_ARGUMENT]) -> AlgorithmType | None:
        return visible_node(Algorithm.objects.all(), info, id, type_name="Algorithm")

    @strawberry_django.connection(Connection[AlgorithmType], description="Your algorithms and public ones.")
    def algorithms(self, info: Info) -> QuerySet[Algorithm]:
        return visible(Algorithm.objects.all(), info)
