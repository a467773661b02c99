"""The OASIS GraphQL schema: the domains merged, with the optimizer and the hardening extensions."""

from __future__ import annotations

import strawberry
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry_django.optimizer import DjangoOptimizerExtension

from .accounts.mutations import Mutation as AccountMutation
from .accounts.queries import Query as AccountQuery
from .algorithms.mutations import Mutation as AlgorithmMutation
from .algorithms.queries import Query as AlgorithmQuery
from .datasets.mutations import Mutation as DatasetMutation
from .datasets.queries import Query as DatasetQuery
from .images.mutations import Mutation as ImageMutation
from .images.queries import Query as ImageQuery
from .scalars import SCALAR_MAP
from .tasks.mutations import Mutation as TaskMutation
from .tasks.queries import Query as TaskQuery
from .tasks.subscriptions import Subscription

Query = merge_types("Query", (AccountQuery, ImageQuery, AlgorithmQuery, DatasetQuery, TaskQuery))
Mutation = merge_types(
    "Mutation", (AccountMutation, ImageMutation, AlgorithmMutation, DatasetMutation, TaskMutation)
)


def _is_unexpected(error: GraphQLError) -> bool:
    """Mask only what escaped as a bug; validation and permission messages are meant for the user."""
    original = error.original_error
    return original is not None and not isinstance(
        original, GraphQLError | PermissionDenied | ValidationError
    )


def _extensions(debug: bool) -> list:
    extensions = [
        DjangoOptimizerExtension,
        lambda: QueryDepthLimiter(max_depth=settings.OASIS_QUERY_MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=settings.OASIS_QUERY_MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=settings.OASIS_QUERY_MAX_TOKENS),
    ]
    if not debug:
        extensions += [DisableIntrospection, lambda: MaskErrors(should_mask_error=_is_unexpected)]
    return extensions


def build_schema(*, debug: bool) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=_extensions(debug),
        config=StrawberryConfig(relay_max_results=settings.OASIS_PAGE_SIZE_MAX, scalar_map=SCALAR_MAP),
    )


schema = build_schema(debug=settings.DEBUG)
