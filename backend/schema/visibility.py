"""``get_queryset`` hooks shared by the types: every list and lookup shows only what the user may see."""

from __future__ import annotations

from oasis.ownership import restrict_to_visible

from .context import current_user


def visible(queryset, info):
    """Filter a queryset of an owned model to the rows the current user may see."""
    return restrict_to_visible(queryset, current_user(info))
