"""The errors services raise for bad input, keyed by input field.

strawberry-django turns ``ValidationError``, ``PermissionDenied`` and ``ObjectDoesNotExist`` into
``OperationInfo`` messages, so bad input is an answer, never a 500.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError

__all__ = ["NotFound", "PermissionDenied", "ValidationError", "field_error", "no_nul"]


class NotFound(ObjectDoesNotExist):
    """The object does not exist or the user may not see it; we never tell which."""


def field_error(field: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def no_nul(field: str, value: str) -> str:
    """PostgreSQL text cannot hold NUL: refuse it on the field instead of failing in the database."""
    if "\x00" in value:
        raise field_error(field, "Must not contain a NUL character.", code="null_characters_not_allowed")
    return value
