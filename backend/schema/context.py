"""The typed GraphQL context, for HTTP requests and websocket connections alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeAlias

import strawberry
from django.core.exceptions import PermissionDenied
from strawberry.django.context import StrawberryDjangoContext


@dataclass
class Context(StrawberryDjangoContext):
    """``request`` is the HttpRequest (HTTP) or the consumer (websocket); ``user`` is resolved once."""

    user: Any = None
    #: The websocket consumer, for subscriptions.
    ws: Any = None
    connection_params: dict = field(default_factory=dict)


Info: TypeAlias = strawberry.Info[Context, None]


def current_user(info: Info):
    return getattr(info.context, "user", None)


def require_user(info: Info):
    """The signed-in user, or ``PermissionDenied`` (shown as an ``OperationInfo`` message)."""
    user = current_user(info)
    if user is None or not user.is_authenticated:
        raise PermissionDenied("Sign in first.")
    return user
