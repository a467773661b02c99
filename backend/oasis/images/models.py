"""Container images: a registry reference or an uploaded ``docker save`` tarball."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from oasis.ownership import OwnedQuerySet


class DockerImage(models.Model):
    """An algorithm's container image. Exactly one of ``image_ref`` and ``image_file`` is set."""

    name = models.CharField(max_length=200)
    image_ref = models.CharField(max_length=512, blank=True, default="")
    image_file = models.FileField(upload_to="images/%Y/%m/", max_length=512, blank=True, default="")
    #: The image id (``sha256:`` of its config), known at registration for tarballs.
    digest = models.CharField(max_length=80, blank=True, default="")
    #: Size in bytes of the uploaded tarball.
    size = models.BigIntegerField(null=True, blank=True)
    architecture = models.CharField(max_length=32, blank=True, default="")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="images")
    is_public = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    #: Public rows are visible to everybody (see oasis.ownership).
    PUBLIC_FIELD = "is_public"

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="image_ref_xor_file",
                condition=(Q(image_ref="") & ~Q(image_file="")) | (~Q(image_ref="") & Q(image_file="")),
                violation_error_message="Give either an image reference or an image file, not both.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def source(self) -> str:
        return "reference" if self.image_ref else "file"
