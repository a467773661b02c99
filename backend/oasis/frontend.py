"""Serving the dashboard: the built single-page app's index for every route it owns."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.views.decorators.csrf import ensure_csrf_cookie

NOT_BUILT = """<!doctype html><title>OASIS</title>
<h1>OASIS</h1><p>The dashboard has not been built. Run <code>make frontend</code> (or <code>make run</code>),
or use the GraphQL API at <a href="/graphql">/graphql</a>.</p>"""


def spa_index(request):
    index = settings.FRONTEND_DIST / "index.html"
    if index.is_file():
        return FileResponse(index.open("rb"), content_type="text/html; charset=utf-8")
    return HttpResponse(NOT_BUILT)


@ensure_csrf_cookie
def csrf(request):
    """Sets the CSRF cookie and returns the token, for clients that post to /graphql with a session."""
    return JsonResponse({"csrfToken": get_token(request)})
