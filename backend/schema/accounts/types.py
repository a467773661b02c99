from __future__ import annotations

import strawberry
import strawberry_django
from django.contrib.auth import get_user_model
from strawberry import auto, relay


@strawberry_django.type(get_user_model(), name="User")
class UserType(relay.Node):
    """A person who uses OASIS."""

    username: auto
    is_staff: auto


@strawberry.type
class ApiTokenCreated:
    """A new personal API token. ``token`` is shown only this once; use it as ``Authorization: Bearer``."""

    token: str
    prefix: str
    name: str
