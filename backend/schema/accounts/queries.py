from __future__ import annotations

import strawberry
import strawberry_django

from schema.context import Info, current_user

from .types import UserType


@strawberry.type
class Query:
    @strawberry_django.field(description="The signed-in user, or null.")
    def me(self, info: Info) -> UserType | None:
        user = current_user(info)
        return user if user is not None and user.is_authenticated else None
