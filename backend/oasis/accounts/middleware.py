"""``Authorization: Bearer <token>`` authentication for scripts.

A request with a bearer token is authenticated by the token alone and is exempt from CSRF (a browser
never sends the header by itself, so CSRF does not apply); a bad token is refused with 401 rather than
silently treated as anonymous.
"""

from __future__ import annotations

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.http import HttpRequest, JsonResponse

from oasis.http_errors import json_error

from .services import parse_bearer, user_for_token


def bearer_token(request: HttpRequest) -> str | None:
    """The token of an ``Authorization: Bearer`` header, or None."""
    return parse_bearer(request.headers.get("Authorization"))


def _unauthorized() -> JsonResponse:
    return json_error(401, "Invalid API token.")


class BearerTokenMiddleware:
    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest):
        if self.is_async:
            return self._acall(request)
        token = bearer_token(request)
        if token is not None:
            user = user_for_token(token)
            if user is None:
                return _unauthorized()
            request.user = user
            request._dont_enforce_csrf_checks = True
            request.oasis_bearer = True
        return self.get_response(request)

    async def _acall(self, request: HttpRequest):
        token = bearer_token(request)
        if token is not None:
            user = await sync_to_async(user_for_token)(token)
            if user is None:
                return _unauthorized()
            request.user = user
            request._dont_enforce_csrf_checks = True
            request.oasis_bearer = True
        return await self.get_response(request)
