"""Every HTTP error OASIS answers is JSON in one shape, ``{"errors": [{"message": ...}]}`` (the shape of
a GraphQL error), never an HTML page or plain text (issue 12).

Django's error handlers (``handler400`` ... in ``oasis.urls``), its CSRF failure view, the GraphQL
view's refusals (``schema.views``), the downloads, and the server's own refusals before Django sees a
request (``oasis.compat.daphne``) all answer through ``error_body`` / ``json_error``.
"""

from __future__ import annotations

import json

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import JsonResponse


def error_body(message: str) -> bytes:
    """The JSON body of an error response."""
    return json.dumps({"errors": [{"message": message}]}).encode()


def json_error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"errors": [{"message": message}]}, status=status)


def bad_request(request, exception=None) -> JsonResponse:
    if isinstance(exception, RequestDataTooBig):
        return json_error(400, "The request body is too large.")
    if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        return json_error(400, "The request has too many fields or files.")
    return json_error(400, "Bad request.")


def permission_denied(request, exception=None) -> JsonResponse:
    return json_error(403, "Forbidden.")


def not_found(request, exception=None) -> JsonResponse:
    return json_error(404, "Not found.")


def server_error(request) -> JsonResponse:
    return json_error(500, "Server error.")


def csrf_failure(request, reason: str = "") -> JsonResponse:
    """``CSRF_FAILURE_VIEW``: a session request without the CSRF token (``X-CSRFToken``, from
    ``GET /api/csrf``) or from another origin."""
    return json_error(403, f"CSRF verification failed: {reason or 'refused'}")
