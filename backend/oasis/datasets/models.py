"""Datasets: named collections of files, stored content-addressed (one blob per sha256)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from oasis.ownership import OwnedQuerySet


class Blob(models.Model):
    """One stored file content, shared by every ``DatasetFile`` with the same sha256."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    size = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.sha256

    @property
    def storage_name(self) -> str:
        return f"blobs/{self.sha256[:2]}/{self.sha256[2:4]}/{self.sha256}"


class Dataset(models.Model):
    """A named collection of files. ``size`` and ``file_count`` are kept exact by the services."""

    name = models.CharField(max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="datasets")
    size = models.BigIntegerField(default=0)
    file_count = models.PositiveIntegerField(default=0)
    #: False while a task is still writing it as its output: nobody sees or changes it until then.
    is_complete = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    #: Rows hidden from everybody (see oasis.ownership.restrict_to_visible).
    HIDDEN_FIELD_FALSE = "is_complete"

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class DatasetFile(models.Model):
    """A blob placed in a dataset at a relative path."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="files")
    path = models.CharField(max_length=1024)
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="placements")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["dataset", "path"], name="dataset_file_path_unique")]

    def __str__(self) -> str:
        return self.path

    @property
    def size(self) -> int:
        return self.blob.size

    @property
    def sha256(self) -> str:
        return self.blob_id
