"""Reading object ids from input: a relay global id (``QWxnb3JpdGhtOjM=``) or a plain primary key."""

from typing import Any

import strawberry
import strawberry_django
from django.core.exceptions import ValidationError
from django.db.models import Q
from graphql import GraphQLError
from strawberry.relay import GlobalID
from strawberry_django.filters import get_django_model_filter_input_type


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
        article = "an" if type_name[0] in "AEIO" else "a"  # our type names: an Algorithm, a User
        raise ValidationError({field: ValidationError(f"Expected the id of {article} {type_name}.")})
    return int(gid.node_id)


def node_filter(*, type_name: str, lookup: str, description: str) -> Any:
    """A filter field ``{pk: ID!}`` that takes the object's relay id (as the API hands out) or its pk.

    strawberry-django's own relation filter passes the value straight to the ORM, so a relay id there
    was a database error; this one decodes and checks it, and answers a bad id with a clear error.
    """

    def resolve(self, info, value, prefix: str) -> Q:
        try:
            pk = decode_id(value.pk, type_name=type_name, field=lookup)
        except ValidationError as exc:
            message = next(iter(exc.message_dict.values()))[0]
            raise GraphQLError(f"Filter {lookup}: {message}") from None
        return Q(**{f"{prefix}{lookup}": pk})

    # Set by hand: the input type is created at runtime, so it cannot be written as an annotation.
    resolve.__annotations__ = {
        "info": strawberry.Info,
        "value": get_django_model_filter_input_type(),
        "prefix": str,
        "return": Q,
    }
    resolve.__name__ = lookup
    return strawberry_django.filter_field(resolve, description=description)


def decode_ids(values: list[str], *, type_name: str, field: str, limit: int) -> dict[str, int | None]:
    """Each distinct id as given -> its primary key, or None when it is not an id of ``type_name``.

    More than ``limit`` distinct ids is a field error: a list operation stays bounded.
    """
    distinct = list(dict.fromkeys(str(value).strip() for value in values))
    if not distinct:
        raise ValidationError({field: ValidationError("Give at least one id.", code="required")})
    if len(distinct) > limit:
        raise ValidationError(
            {field: ValidationError(f"At most {limit} ids at once; {len(distinct)} were given.")}
        )
    decoded: dict[str, int | None] = {}
    for value in distinct:
        try:
            decoded[value] = decode_id(value, type_name=type_name, field=field)
        except ValidationError:
            decoded[value] = None
    return decoded
