from __future__ import annotations

import strawberry
import strawberry_django
from django.contrib import auth
from strawberry_django.fields.types import OperationInfo

from oasis.accounts.services import create_token, sign_in
from schema.context import Info, require_user

from .types import ApiTokenCreated, UserType


@strawberry.type
class Mutation:
    @strawberry_django.mutation(handle_django_errors=True, description="Sign in with a session cookie.")
    def login(self, info: Info, username: str, password: str) -> UserType:
        user = sign_in(request=info.context.request, username=username, password=password)
        info.context.user = user
        return user

    @strawberry_django.mutation(description="Sign out; true when a session ended.")
    def logout(self, info: Info) -> bool:
        request = info.context.request
        was_signed_in = bool(request.user.is_authenticated)
        auth.logout(request)
        return was_signed_in

    @strawberry_django.mutation(handle_django_errors=True, description="Create a personal API token.")
    def create_api_token(self, info: Info, name: str = "") -> ApiTokenCreated:
        user = require_user(info)
        token, plain = create_token(user=user, name=name)
        return ApiTokenCreated(token=plain, prefix=token.prefix, name=token.name)


__all__ = ["Mutation", "OperationInfo"]
