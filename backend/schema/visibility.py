"""What the root lists and lookups show: only the rows the current user may see.

Visibility is applied where a query starts (``images``, ``image(id)``, ...), not on the types: the
optimizer would also apply a type's ``get_queryset`` to every relation reaching it, and a relation
of an object you may see is visible through it - the algorithm your task ran (even if its owner has
made it private since), the image of a public algorithm you may run. Filtering those again turned a
non-null field into null and failed the whole list.
"""

from __future__ import annotations

from typing import Annotated

import strawberry
from django.db.models import QuerySet
from strawberry import relay

from oasis.ownership import restrict_to_visible

from .context import current_user

#: The ``id`` argument of a root lookup such as ``image(id:)``, described as strawberry's ``node(id:)`` is.
NodeId = Annotated[relay.GlobalID, strawberry.argument(description="The ID of the object.")]


def visible(queryset: QuerySet, info) -> QuerySet:
    """Filter a queryset of an owned model to the rows the current user may see."""
    return restrict_to_visible(queryset, current_user(info))


def visible_node(queryset: QuerySet, info, node_id: relay.GlobalID, *, type_name: str) -> QuerySet:
    """The row a relay id names if the current user may see it; empty for any other id."""
    if node_id.type_name != type_name or not node_id.node_id.isdigit():
        return queryset.none()
    return visible(queryset.filter(pk=int(node_id.node_id)), info)
