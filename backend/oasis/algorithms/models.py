"""Algorithms: an image plus how to run it (argv, environment, GPU, limits)."""

from __future__ import annotations

import shlex

from django.conf import settings
from django.db import models

from oasis.ownership import OwnedQuerySet, Visibility


class Algorithm(models.Model):
    """How to run an image. Others may run a public algorithm but only its owner changes it."""

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    image = models.ForeignKey("images.DockerImage", on_delete=models.PROTECT, related_name="algorithms")
    #: Split POSIX-shell style into argv; empty keeps the image's CMD.
    command = models.TextField(blank=True, default="")
    #: Split POSIX-shell style into argv; empty keeps the image's ENTRYPOINT.
    entrypoint = models.TextField(blank=True, default="")
    environment = models.JSONField(default=dict, blank=True)
    gpu = models.BooleanField(default=False)
    memory_mb = models.PositiveIntegerField()
    cpus = models.FloatField()
    timeout_s = models.PositiveIntegerField()
    network = models.BooleanField(default=False)
    #: Reuse the result of an earlier run with the same spec and the same input content.
    cache_results = models.BooleanField(default=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="algorithms")
    is_public = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    visibility = Visibility(public_field="is_public")

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def command_argv(self) -> list[str] | None:
        return shlex.split(self.command) if self.command.strip() else None

    @property
    def entrypoint_argv(self) -> list[str] | None:
        return shlex.split(self.entrypoint) if self.entrypoint.strip() else None
