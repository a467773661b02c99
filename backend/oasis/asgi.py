"""The ASGI application: HTTP through Django, websockets on /graphql through strawberry's consumer."""

from __future__ import annotations

import asyncio
import gc
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oasis.settings")
django.setup(set_prefix=False)  # what django.core.asgi.get_asgi_application does, with our handler

from oasis.compat import daphne as daphne_compat  # noqa: E402  (needs Django set up)
from oasis.raw_body import RawBodyASGIHandler  # noqa: E402

# daphne streams request and response bodies and guards request heads only when patched (see the
# module); installed here, where the application is put together, before daphne builds its server.
daphne_compat.install()

# Upload parts are read by their view as they arrive, not spooled by Django first (oasis.raw_body).
django_asgi = RawBodyASGIHandler()

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs Django set up)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.urls import re_path  # noqa: E402

from oasis.tasks import publisher  # noqa: E402
from schema.schema import schema  # noqa: E402
from schema.views import OasisGraphQLConsumer  # noqa: E402

websocket_app = AllowedHostsOriginValidator(
    AuthMiddlewareStack(URLRouter([re_path(r"^graphql/?$", OasisGraphQLConsumer.as_asgi(schema=schema))]))
)
router = ProtocolTypeRouter({"http": django_asgi, "websocket": websocket_app})


async def application(scope, receive, send):
    # The in-memory channel layer (embedded mode) lives on this loop; publishers from worker threads
    # send through it.
    publisher.bind_server_loop(asyncio.get_running_loop())
    return await router(scope, receive, send)


# Django, the schema and everything imported above live as long as the server. Moving them to the
# collector's permanent generation keeps a full collection from walking them all again: at 100 live
# viewers those walks stopped the event loop for 0.5-0.8 s now and then (B3 in docs/benchmarks.md).
gc.collect()
gc.freeze()
