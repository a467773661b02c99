"""Container images: a registry reference or an uploaded ``docker save`` tarball."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from oasis.ownership import OwnedQuerySet, Visibility


class ImageStatus(models.TextChoices):
    #: Being pulled (a reference) or verified (a tarball) by a worker.
    PENDING = "PENDING", "Pending"
    READY = "READY", "Ready"
    FAILED = "FAILED", "Failed"


class DockerImage(models.Model):
    """An algorithm's container image. Exactly one of ``image_ref`` and ``image_file`` is set.

    What runs is ``image_id``, the content address pinned at registration (by pulling the reference,
    or by verifying the tarball); the reference and the name only help people find it.
    """

    name = models.CharField(max_length=200)
    image_ref = models.CharField(max_length=512, blank=True, default="")
    image_file = models.FileField(upload_to="images/%Y/%m/", max_length=512, blank=True, default="")
    #: An image the engine already held when a staff member registered it (``OASIS_ALLOW_LOCAL_IMAGES``).
    engine_local = models.BooleanField(default=False)
    #: The image id (``sha256:`` of its config): containers are created from it and nothing else.
    image_id = models.CharField(max_length=80, blank=True, default="")
    #: ``repo@sha256:...`` of the manifest pulled, for a reference; how other engines get the same bytes.
    repo_digest = models.CharField(max_length=600, blank=True, default="")
    status = models.CharField(max_length=8, choices=ImageStatus.choices, default=ImageStatus.PENDING)
    failure_reason = models.CharField(max_length=300, blank=True, default="")
    #: While PENDING: how far the pull is ("Downloading 12.0 of 80.5 MB").
    progress = models.CharField(max_length=120, blank=True, default="")
    #: When the last pull or verification started and when one last succeeded.
    resolve_started_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    #: Size in bytes of the uploaded tarball.
    size = models.BigIntegerField(null=True, blank=True)
    architecture = models.CharField(max_length=32, blank=True, default="")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="images")
    is_public = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    visibility = Visibility(public_field="is_public")

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"],
                name="image_name_unique_per_owner",
                violation_error_message="You already have an image with this name.",
            ),
            models.CheckConstraint(
                name="image_ref_xor_file",
                condition=(Q(image_ref="") & ~Q(image_file="")) | (~Q(image_ref="") & Q(image_file="")),
                violation_error_message="Give either an image reference or an image file, not both.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def source(self) -> str:
        if self.engine_local:
            return "local"
        return "reference" if self.image_ref else "file"

    @property
    def registry_host(self) -> str:
        """The registry a reference names (``docker.io`` when it names none)."""
        return registry_host(self.image_ref) if self.image_ref and not self.engine_local else ""


def registry_host(ref: str) -> str:
    """The host part of an image reference, as the engine reads it."""
    first, slash, _ = ref.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        return first.lower()
    return "docker.io"


class RegistryCredential(models.Model):
    """A user's own login for one registry host; sent to that host only. The secret is encrypted."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registry_credentials"
    )
    host = models.CharField(max_length=255)
    username = models.CharField(max_length=255)
    #: Fernet token of the password (see oasis.images.credentials).
    secret = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["host"]
        constraints = [models.UniqueConstraint(fields=["owner", "host"], name="registry_credential_unique")]

    def __str__(self) -> str:
        return f"{self.username}@{self.host}"
