"""Types shared by the domains."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry import relay
from strawberry_django.relay import DjangoListConnection


@strawberry.type
class Deleted:
    """The id of an object a mutation deleted."""

    id: strawberry.ID


@strawberry.type(name="Connection", description="A connection to a list of items.")
class Connection(DjangoListConnection[relay.NodeType]):
    """``DjangoListConnection`` whose page-size errors reach the client, for the root lists.

    strawberry raises a plain ``ValueError`` for ``first: 1000``, which production error masking turns
    into "Unexpected error."; the user should read what to change instead. Not for nested connections:
    the optimizer pages those in SQL only for ``DjangoListConnection`` itself.
    """

    @classmethod
    def resolve_connection(
        cls, nodes, *, info, first: int | None = None, last: int | None = None, **kwargs: Any
    ):
        limit = kwargs.get("max_results") or info.schema.config.relay_max_results
        for name, value in (("first", first), ("last", last)):
            if value is not None and value < 0:
                raise GraphQLError(f"Argument '{name}' must be a non-negative integer.")
            if value is not None and value > limit:
                raise GraphQLError(
                    f"Argument '{name}' cannot be higher than {limit}; page through the rest with 'after'."
                )
        return super().resolve_connection(nodes, info=info, first=first, last=last, **kwargs)
