"""Registry credentials: picked by the registry host a reference names, and sent to that host only.

Two sources, the user's own first: a ``RegistryCredential`` of the image's owner (the secret stored
encrypted with Fernet, keyed by ``OASIS_CREDENTIALS_KEY`` or, without it, derived from the secret
key), then the installation's ``OASIS_REGISTRY_CREDENTIALS`` for that host.
"""

from __future__ import annotations

import base64
import hashlib
import re

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

from .models import RegistryCredential

_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9-]+)*(?::[0-9]{1,5})?$")


def _fernet() -> Fernet:
    key = settings.OASIS_CREDENTIALS_KEY or settings.SECRET_KEY
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(("oasis-credentials:" + key).encode()).digest()))


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str | None:
    """The secret, or None when it was encrypted under another key (the key was changed)."""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return None


def auth_for(host: str, *, owner_id: int | None) -> dict | None:
    """The engine's auth config for ``host`` (the image owner's login first), or None."""
    if not host:
        return None
    own = RegistryCredential.objects.filter(owner_id=owner_id, host=host).first() if owner_id else None
    if own is not None:
        password = decrypt(own.secret)
        if password is not None:
            return {"username": own.username, "password": password, "serveraddress": host}
    installation = {key.lower(): value for key, value in settings.OASIS_REGISTRY_CREDENTIALS.items()}.get(
        host
    )
    if installation:
        return {**installation, "serveraddress": host}
    return None


def set_credential(*, owner, host: str, username: str, password: str) -> RegistryCredential:
    """Store ``owner``'s login for ``host`` (the password encrypted), replacing an earlier one."""
    from oasis.errors import field_error, no_nul

    host = no_nul("host", host).strip().lower()
    if not _HOST.match(host):
        raise field_error(
            "host", "Give a registry host such as registry.example.org:5000 (no scheme, no path)."
        )
    allowed = settings.OASIS_ALLOWED_REGISTRIES
    if allowed and host not in allowed:
        raise field_error("host", f"Images come from {', '.join(allowed)} on this installation, not {host}.")
    username = no_nul("username", username).strip()
    if not username or len(username) > 255:
        raise field_error("username", "Give a username of at most 255 characters.")
    if not password or len(password) > 4096 or "\x00" in password:
        raise field_error("password", "Give the password or access token (at most 4096 characters).")
    credential, _ = RegistryCredential.objects.update_or_create(
        owner=owner, host=host, defaults={"username": username, "secret": encrypt(password)}
    )
    return credential


def delete_credential(*, owner, host: str) -> None:
    from oasis.errors import NotFound

    deleted, _ = RegistryCredential.objects.filter(owner=owner, host=host.strip().lower()).delete()
    if not deleted:
        raise NotFound("No login stored for this host.")
