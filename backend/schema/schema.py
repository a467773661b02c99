"""The OASIS GraphQL schema: the domains merged, with the optimizer and the hardening extensions."""

from __future__ import annotations

import re
from functools import cache

import strawberry
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from graphql import GraphQLError, Visitor, visit
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
    max_aliases,
    query_depth_limiter,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.tools import merge_types
from strawberry.types.graphql import OperationType
from strawberry_django.optimizer import DjangoOptimizerExtension

from .accounts.mutations import Mutation as AccountMutation
from .accounts.queries import Query as AccountQuery
from .algorithms.mutations import Mutation as AlgorithmMutation
from .algorithms.queries import Query as AlgorithmQuery
from .datasets.mutations import Mutation as DatasetMutation
from .datasets.queries import Query as DatasetQuery
from .images.mutations import Mutation as ImageMutation
from .images.queries import Query as ImageQuery
from .limits import Query as LimitsQuery
from .scalars import SCALAR_MAP
from .tasks import log_budget
from .tasks.mutations import Mutation as TaskMutation
from .tasks.queries import Query as TaskQuery
from .tasks.subscriptions import Subscription

Query = merge_types("Query", (AccountQuery, ImageQuery, AlgorithmQuery, DatasetQuery, TaskQuery, LimitsQuery))
Mutation = merge_types(
    "Mutation", (AccountMutation, ImageMutation, AlgorithmMutation, DatasetMutation, TaskMutation)
)


#: Errors strawberry raises as plain ValueError with a message meant for the client (page caps).
_CLIENT_VALUE_ERRORS = ("Argument 'first'", "Argument 'last'")


def _is_unexpected(error: GraphQLError) -> bool:
    """Mask only what escaped as a bug; validation and permission messages are meant for the user."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError | PermissionDenied | ValidationError):
        return False
    return not (isinstance(original, ValueError) and str(original).startswith(_CLIENT_VALUE_ERRORS))


class RejectNulCharacters(SchemaExtension):
    """Refuse a NUL character in the arguments of a query or subscription (filters, ids) before it
    reaches the database, which would fail on it. Mutations answer NUL per input field instead."""

    def on_validate(self):
        context = self.execution_context
        if context.operation_type != OperationType.MUTATION and (
            _document_has_nul(context.graphql_document) or _has_nul(context.variables)
        ):
            context.pre_execution_errors = [GraphQLError("Text input must not contain NUL characters.")]
        yield


class _NulFinder(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def enter_string_value(self, node, *args):
        self.found = self.found or "\x00" in node.value


def _document_has_nul(document) -> bool:
    if document is None:
        return False
    finder = _NulFinder()
    visit(document, finder)
    return finder.found


_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


class NoSuggestions(SchemaExtension):
    """Without DEBUG, drop graphql-core's "Did you mean 'name'?" hints: with introspection off they
    still spelled out the schema one guess at a time. The rest of each message stays."""

    def on_operation(self):
        yield
        context = self.execution_context
        errors = list(context.pre_execution_errors or [])
        result = context.result
        errors += list(getattr(result, "errors", None) or [])
        for error in errors:
            if "Did you mean" in error.message:
                error.message = _SUGGESTION.sub("", error.message)


@cache
def _limit_rules(max_depth: int, max_aliases_count: int) -> tuple[type, ...]:
    """The depth and alias rules for these limits, built once: ``ValidationCache`` keys on the rule
    classes, and strawberry's limiter extensions build new classes for every operation."""
    return (
        query_depth_limiter.create_validator(max_depth, None),
        max_aliases.create_validator(max_aliases_count),
    )


class QueryLimits(AddValidationRules):
    """Depth and alias limits, read from the settings for each operation."""

    def __init__(self) -> None:
        super().__init__(list(_limit_rules(settings.OASIS_QUERY_MAX_DEPTH, settings.OASIS_QUERY_MAX_ALIASES)))


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


def _extensions(debug: bool) -> list:
    # Every viewer of a task sends the same subscription, and the dashboard a handful of queries: parse
    # and validate each text once (validation left reference cycles behind, which the collector then
    # walked while the event loop waited). Both caches are LRU-bounded, keyed by the query text and the
    # token limit, then by the parsed document and the validation rules. ValidationCache sets the
    # result of validation, so it comes before RejectNulCharacters, which may replace it.
    extensions = [
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        RejectNulCharacters,
        DjangoOptimizerExtension,
        QueryLimits,
        lambda: MaxTokensLimiter(max_token_count=settings.OASIS_QUERY_MAX_TOKENS),
    ]
    if not debug:
        extensions += [
            DisableIntrospection,
            lambda: MaskErrors(should_mask_error=_is_unexpected),
            NoSuggestions,
        ]
    return extensions


class ExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """strawberry's execution context, without graphql-core 3.3's per-subscription memory leak.

    graphql-core executes each subscription event with a shallow copy of the subscription's executor,
    so every event shares one ``_relevant_sub_fields`` memo, keyed by the identity of field lists that
    are new for each event: it only grows. Measured: 8 objects per event for a two-field selection
    (~760,000 for 100 viewers of a 3,000-line log), all freed at once in a 0.9 s collection when they
    closed; a long-lived viewer grew without bound. Each event gets its own memo here.
    """

    def build_per_event_executor(self, payload):
        executor = super().build_per_event_executor(payload)
        executor._relevant_sub_fields = {}
        # A websocket's context lives as long as the connection: each event gets a fresh log budget.
        log_budget.reset(executor.context_value)
        return executor


def build_schema(*, debug: bool) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=_extensions(debug),
        execution_context_class=ExecutionContext,
        config=StrawberryConfig(relay_max_results=settings.OASIS_PAGE_SIZE_MAX, scalar_map=SCALAR_MAP),
    )


schema = build_schema(debug=settings.DEBUG)
