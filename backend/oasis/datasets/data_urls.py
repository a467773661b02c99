"""Presigned URLs of the local data plane (``oasis.datasets.dataplane``), the way S3 presigns its own.

With local storage the web server checks who may read or write (the GraphQL API, the download views)
and answers with a short-lived URL on the data plane, which moves the bytes. A URL carries what it
grants, signed with the installation's secret (``django.core.signing``, HMAC-SHA256), with its expiry:
one file (its blob, size and name), one dataset's zip, or one part of one upload session for one user.
Anyone holding such a URL may use it until it expires, exactly like an S3 presigned URL, so the
lifetimes are the S3 ones (``OASIS_S3_DOWNLOAD_URL_TTL_S``, ``OASIS_S3_UPLOAD_URL_TTL_S``) and
downloads are answered ``Cache-Control: private, no-store``.

The data plane is on when ``manage.py serve`` started it (``configure``): the Django test client and
the Celery workers have none, and their URLs stay the web server's own paths.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core import signing

from . import objectstore

SALT = "oasis.datasets.data-url"
KINDS = ("file", "zip", "part")

_port: int | None = None


def configure(port: int | None) -> None:
    """Called by ``manage.py serve`` once its data plane listens (None: there is none)."""
    global _port
    _port = port


def enabled() -> bool:
    """URLs go to the data plane: it runs here, and the blobs are local (with S3 the store serves)."""
    return _port is not None and objectstore.s3() is None


def base_url(request) -> str:
    """The data plane's origin as this client reaches it."""
    if settings.OASIS_DATA_URL:
        return settings.OASIS_DATA_URL
    host = request.get_host()  # checked against ALLOWED_HOSTS
    if host.startswith("["):  # [::1]:8000
        name = host[: host.index("]") + 1]
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return f"{request.scheme}://{name}:{_port}"


@dataclass(frozen=True)
class Grant:
    """What one URL allows."""

    kind: str
    user_id: int
    #: file: the blob's sha256, size and the name to save it as; zip: the dataset; part: the session.
    target: str
    size: int = 0
    name: str = ""
    part: int = 0


def _sign(grant: Grant, ttl_s: int) -> str:
    payload = [grant.kind, grant.user_id, grant.target, grant.size, grant.name, grant.part]
    return signing.dumps([*payload, int(time.time()) + ttl_s], salt=SALT, compress=False)


def verify(token: str, kind: str) -> Grant | None:
    """The grant of a URL's token, or None if it was not signed here, is of another kind, or expired."""
    try:
        kind_, user_id, target, size, name, part, expires = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if kind_ != kind or expires < time.time():
        return None
    return Grant(kind=kind_, user_id=user_id, target=target, size=size, name=name, part=part)


def file_url(request, *, user, sha256: str, size: int, filename: str) -> str:
    grant = Grant("file", user.pk, sha256, size=size, name=filename)
    token = _sign(grant, settings.OASIS_S3_DOWNLOAD_URL_TTL_S)
    return f"{base_url(request)}/data/file/{token}/{quote(filename)}"


def zip_url(request, *, user, dataset_id: int, filename: str) -> str:
    grant = Grant("zip", user.pk, str(dataset_id), name=filename)
    token = _sign(grant, settings.OASIS_S3_DOWNLOAD_URL_TTL_S)
    return f"{base_url(request)}/data/zip/{token}/{quote(filename)}"


def part_url(base: str, *, user_id: int, session_id: str, number: int, size: int) -> str:
    grant = Grant("part", user_id, str(session_id), size=size, part=number)
    return f"{base}/data/part/{_sign(grant, settings.OASIS_S3_UPLOAD_URL_TTL_S)}"
