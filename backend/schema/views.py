"""The HTTP GraphQL view and the websocket consumer, each resolving the user into the typed context."""

from __future__ import annotations

from cross_web import HTTPException
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from strawberry.channels import GraphQLWSConsumer
from strawberry.django.views import AsyncGraphQLView
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from oasis.accounts.services import parse_bearer, user_for_token
from oasis.http_errors import json_error

from .context import Context
from .reads import db_read


class OasisGraphQLView(AsyncGraphQLView):
    async def dispatch(self, request, *args, **kwargs):
        """strawberry's refusals (bad JSON, no query, a mutation over GET, a wrong method) as JSON
        errors; strawberry answers them in plain text."""
        try:
            return await self.run(request=request)
        except HTTPException as exc:
            return json_error(exc.status_code, exc.reason)

    async def parse_multipart(self, request):
        """Django's request limits become a plain 400 that says which limit, not an HTML page."""
        try:
            return await super().parse_multipart(request)
        except TooManyFilesSent as exc:
            raise HTTPException(
                400,
                f"At most {settings.DATA_UPLOAD_MAX_NUMBER_FILES} files per request; "
                "add the rest with addDatasetFiles.",
            ) from exc
        except TooManyFieldsSent as exc:
            raise HTTPException(400, "Too many fields in the multipart request.") from exc
        except RequestDataTooBig as exc:
            raise HTTPException(400, "The non-file parts of the request are too large.") from exc
        except (IndexError, TypeError, AttributeError, ValueError) as exc:
            # strawberry places the files by walking 'map' into 'operations' and trusts both shapes:
            # a map that is a list, or points past a list, was an HTML 500.
            raise HTTPException(
                400, "The multipart 'map' does not match 'operations' (see the GraphQL multipart spec)."
            ) from exc

    async def get_context(self, request, response) -> Context:
        if getattr(request, "oasis_bearer", False):
            user = request.user
        else:
            user = await request.auser()
            request.user = user
        return Context(request=request, response=response, user=user)


_user_for_token = db_read(user_for_token)


def _token_from(params: dict) -> str | None:
    token = params.get("token") or params.get("authToken")
    if not token:
        return parse_bearer(params.get("Authorization") or params.get("authorization"))
    return token.strip() if isinstance(token, str) and token.strip() else None


class OasisGraphQLConsumer(GraphQLWSConsumer):
    """``graphql-transport-ws`` only; a session cookie or ``{"token": ...}`` in ``connection_init``."""

    def __init__(self, schema):
        super().__init__(
            schema,
            keep_alive=True,
            keep_alive_interval=15,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            max_subscriptions_per_connection=settings.OASIS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
        )

    async def get_context(self, request, response) -> Context:
        return Context(request=request, response=None, user=self.scope.get("user"), ws=request)

    async def on_ws_connect(self, context: Context):
        token = _token_from(context.connection_params or {})
        if token is not None:
            user = await _user_for_token(token)
            if user is None:
                raise ConnectionRejectionError({"message": "Invalid API token."})
            context.user = user
        if context.user is None or not context.user.is_authenticated:
            raise ConnectionRejectionError({"message": "Sign in or pass an API token in connection_init."})
        return None
