"""The errors services raise for bad input, keyed by input field.

strawberry-django turns ``ValidationError``, ``PermissionDenied`` and ``ObjectDoesNotExist`` into
``OperationInfo`` messages, so bad input is an answer, never a 500.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError

__all__ = ["NotFound", "PermissionDenied", "ValidationError", "clean_name", "field_error", "no_nul"]


class NotFound(ObjectDoesNotExist):
    """The object does not exist or the user may not see it; we never tell which."""


def field_error(field: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def no_nul(field: str, value: str) -> str:
    """PostgreSQL text cannot hold NUL: refuse it on the field instead of failing in the database."""
    if "\x00" in value:
        raise field_error(field, "Must not contain a NUL character.", code="null_characters_not_allowed")
    return value


#: Longest name of an image, algorithm or dataset.
MAX_NAME = 200


def clean_name(value: str, *, what: str, field: str = "name") -> str:
    """A name as people gave it, trimmed: not empty, no NUL, at most ``MAX_NAME`` characters."""
    name = no_nul(field, value).strip()
    if not name:
        raise field_error(field, f"Give the {what} a name.", code="required")
    if len(name) > MAX_NAME:
        raise field_error(field, f"A {what} name has at most {MAX_NAME} characters.")
    return name
