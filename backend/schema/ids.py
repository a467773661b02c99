"""Reading object ids from input: a relay global id (``QWxnb3JpdGhtOjM=``) or a plain primary key."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from strawberry.relay import GlobalID


def decode_id(value: str | int | GlobalID | None, *, type_name: str, field: str) -> int:
    if isinstance(value, GlobalID):
        gid = value
    else:
        raw = str(value if value is not None else "").strip()
        if raw.isdigit():
            return int(raw)
        try:
            gid = GlobalID.from_id(raw)
        except Exception as exc:
            raise ValidationError({field: ValidationError(f"{raw!r} is not a valid id.")}) from exc
    if gid.type_name != type_name or not gid.node_id.isdigit():
        raise ValidationError({field: ValidationError(f"Expected the id of a {type_name}.")})
    return int(gid.node_id)
