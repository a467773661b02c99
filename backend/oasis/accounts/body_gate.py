"""Who may send a large request body, decided from the request's head alone (issue 12).

The server reads a body before Django sees the request: twisted spools anything over ~100 KB to a
temporary file, so an anonymous 2 GB POST was written to disk in full before its CSRF refusal. Now
``oasis.compat.daphne`` holds back any body over ``OASIS_ANONYMOUS_BODY_MAX_BYTES`` (or of unknown length)
until ``refuse_body`` has looked at the head: a valid API token, or a signed-in session that passes
Django's CSRF check (the token in the ``X-CSRFToken`` header, the origin), lets it through; anyone
else is answered at once and the body is never stored.

The checks are Django's own (the bearer middleware's token parsing, the session, ``CsrfViewMiddleware``)
run on a request without its body, so a session request must carry its CSRF token in the header, not
in a form field of the body it may not send yet.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.contrib.auth import get_user
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import SuspiciousOperation
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.datastructures import MultiValueDict

from oasis.http_errors import json_error

from .middleware import bearer_token
from .services import user_for_token


def refuse_body(scope: dict) -> HttpResponse | None:
    """``None`` when the sender of this request head may send its body; otherwise the answer.

    ``scope`` is an ASGI HTTP scope of the head (path, method, headers, client, scheme). Runs Django
    code that reads the database: call it off the server's event loop.
    """
    request = ASGIRequest(scope, io.BytesIO())
    try:
        request.get_host()  # a Host not in ALLOWED_HOSTS: Django's 400, before any body
        return _refusal(request)
    except SuspiciousOperation:
        return json_error(400, "Bad request.")


def _refusal(request) -> HttpResponse | None:
    token = bearer_token(request)
    if token is not None:
        return None if user_for_token(token) is not None else json_error(401, "Invalid API token.")
    SessionMiddleware(_unused).process_request(request)
    if not get_user(request).is_authenticated:
        return json_error(
            403,
            f"Sign in or send an API token to send a request body over "
            f"{settings.OASIS_ANONYMOUS_BODY_MAX_BYTES:,} bytes.",
        )
    # The body is not here: the CSRF token must come in the header (request.POST stays empty).
    request._post, request._files = QueryDict(), MultiValueDict()
    csrf = CsrfViewMiddleware(_unused)
    csrf.process_request(request)
    return csrf.process_view(request, _unused, (), {})


def _unused(request):  # a view and a get_response the middleware are never asked to call
    raise AssertionError("not called")
