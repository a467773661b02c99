from __future__ import annotations

import strawberry
import strawberry_django
from django.db.models import QuerySet

from oasis.algorithms.models import Algorithm
from schema.common import Connection
from schema.context import Info
from schema.visibility import NodeId, visible, visible_node

from .types import AlgorithmType


@strawberry.type
class Query:
    @strawberry_django.field(description="One algorithm you may see.")
    def algorithm(self, info: Info, id: NodeId) -> AlgorithmType | None:
        return visible_node(Algorithm.objects.all(), info, id, type_name="Algorithm")

    @strawberry_django.connection(Connection[AlgorithmType], description="Your algorithms and public ones.")
    def algorithms(self, info: Info) -> QuerySet[Algorithm]:
        return visible(Algorithm.objects.all(), info)
