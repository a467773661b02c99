"""``get_queryset`` hooks shared by the types: every list and lookup shows only what the user may see."""

from __future__ import annotations

from .context import current_user


def visible(queryset, info):
    """Filter a queryset of an owned model (``OwnedQuerySet``) to the rows the current user may see."""
    return queryset.visible_to(current_user(info))
