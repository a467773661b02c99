"""Who may see and change what: the one place the ownership rules live.

A user sees their own objects plus public images and algorithms; staff see everything. Only the owner
(or staff) changes an object. Every query, mutation, download and subscription goes through these.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Q


@dataclass(frozen=True)
class Visibility:
    """Who sees the rows of an owned model besides their owner and staff; every model managed by
    ``OwnedQuerySet`` declares one as ``visibility`` (a missing one is an AttributeError, not a guess).

    ``public_field``: a boolean that shows a row to everybody (images, algorithms). ``only_when``: a
    boolean a row must have to be seen by anybody at all (a dataset a task is still writing).
    """

    public_field: str | None = None
    only_when: str | None = None


def visible_q(user, *, public_field: str | None = None) -> Q:
    """Rows ``user`` may see; ``public_field`` names a boolean that shows a row to everybody.

    An anonymous user sees nothing.
    """
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_staff:
        return Q()
    q = Q(owner=user)
    if public_field:
        q |= Q(**{public_field: True})
    return q


def can_change(user, obj: models.Model) -> bool:
    return bool(user is not None and user.is_authenticated and (user.is_staff or obj.owner_id == user.pk))


def restrict_to_visible(queryset: models.QuerySet, user) -> models.QuerySet:
    """Works on any queryset of an owned model (the optimizer hands resolvers plain QuerySets)."""
    rule: Visibility = queryset.model.visibility
    queryset = queryset.filter(visible_q(user, public_field=rule.public_field))
    if rule.only_when:
        queryset = queryset.filter(**{rule.only_when: True})
    return queryset


class OwnedQuerySet(models.QuerySet):
    def visible_to(self, user):
        return restrict_to_visible(self, user)

    def changeable_by(self, user):
        return self.filter(visible_q(user))


def get_changeable(queryset: models.QuerySet, *, user, pk, what: str):
    """The object ``pk`` of ``queryset`` that ``user`` may change.

    ``NotFound`` when they may not see it (we never tell whether it exists); ``PermissionDenied``
    when they see it (a public image or algorithm: its existence is no secret) but are not its owner.
    """
    from oasis.errors import NotFound, PermissionDenied

    obj = restrict_to_visible(queryset, user).filter(pk=pk).first()
    if obj is None:
        raise NotFound(f"{what.capitalize()} not found.")
    if not can_change(user, obj):
        raise PermissionDenied(f"Only the owner may change this {what}.")
    return obj
