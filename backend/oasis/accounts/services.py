"""Signing in (throttled), creating and checking API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib import auth
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from oasis.errors import no_nul

from . import throttle
from .models import ApiToken

TOKEN_PREFIX = "oasis_"  # noqa: S105 (a prefix, not a secret)


def _hash(token: str) -> str:
    # Tokens carry 256 bits of randomness, so a fast hash is enough (no password stretching needed).
    return hashlib.sha256(token.encode()).hexdigest()


def sign_in(*, request, username: str, password: str) -> AbstractBaseUser:
    """Start a session for ``username`` if ``password`` is theirs; a ``ValidationError`` saying why
    not: a wrong pair, or too many failed attempts (``throttle``), with when to try again."""
    address = _client_address(request)
    try:
        throttle.begin_attempt(username=username, address=address)
    except throttle.LoginThrottled as refused:
        raise ValidationError(refused.message, code="throttled") from refused
    # A NUL cannot be in a stored username, and PostgreSQL refuses to even look one up.
    user = None if "\x00" in username else auth.authenticate(request, username=username, password=password)
    if user is None:
        raise ValidationError("Wrong username or password.", code="invalid_login")
    throttle.attempt_succeeded(username=username, address=address)
    auth.login(request, user)
    return user


def _client_address(request) -> str:
    # REMOTE_ADDR is the peer, or X-Forwarded-For only when the server trusts proxy headers
    # (OASIS_PROXY_HEADERS); a websocket consumer has its scope's client instead.
    meta = getattr(request, "META", None)
    if meta is not None:
        return meta.get("REMOTE_ADDR") or "unknown"
    client = (getattr(request, "scope", None) or {}).get("client")
    return client[0] if client else "unknown"


def create_token(*, user: AbstractBaseUser, name: str = "") -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns the row and the plain token, which is never stored."""
    no_nul("name", name)
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=plain[:12], key_hash=_hash(plain))
    return token, plain


def parse_bearer(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` value, or None: the one parser of the header."""
    if not isinstance(header, str):
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def user_for_token(plain: str):
    """The active user a token belongs to, or None."""
    if not plain.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(plain)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
