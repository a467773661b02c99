"""Datasets: named collections of files, stored content-addressed (one blob per sha256)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from oasis.ownership import OwnedQuerySet, Visibility


class Blob(models.Model):
    """One stored file content, shared by every ``DatasetFile`` with the same sha256."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    size = models.BigIntegerField()
    #: The content's CRC-32 (what a zip entry needs up front); None for blobs stored before it was kept,
    #: filled by the first zip download that reads them (``oasis.datasets.zipstream``).
    crc32 = models.BigIntegerField(null=True, blank=True)
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

    visibility = Visibility(only_when="is_complete")

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


class UploadStatus(models.TextChoices):
    OPEN = "OPEN", "Open: parts may be sent"
    VERIFYING = "VERIFYING", "All parts arrived; a worker is hashing the file"
    COMPLETE = "COMPLETE", "Placed in its dataset"
    FAILED = "FAILED", "Could not be completed"


class UploadSession(models.Model):
    """One file being uploaded in parts (``oasis.datasets.resumable``), resumable until it completes.

    Part ``n`` (1-based) is bytes ``[(n-1) * part_size, min(n * part_size, size))``. With local storage
    the parts are written at their offsets into one spool file; with S3 they go straight to an S3
    multipart upload (``s3_upload_id``) through presigned URLs.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="upload_sessions"
    )
    #: The dataset the file goes into; None: a new dataset named ``dataset_name`` is made on completion.
    dataset = models.ForeignKey(Dataset, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    dataset_name = models.CharField(max_length=200, blank=True)
    path = models.CharField(max_length=1024)
    size = models.BigIntegerField()
    part_size = models.BigIntegerField()
    #: What the client said the file's sha256 is (checked on completion), or empty.
    expected_sha256 = models.CharField(max_length=64, blank=True)
    s3_upload_id = models.CharField(max_length=1024, blank=True)
    status = models.CharField(max_length=16, choices=UploadStatus.choices, default=UploadStatus.OPEN)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    #: Moved forward by every part; an open session past it is swept.
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.path} ({self.status})"

    @property
    def part_count(self) -> int:
        return max(1, -(-self.size // self.part_size))

    def part_span(self, number: int) -> tuple[int, int]:
        """(offset, length) of part ``number``."""
        offset = (number - 1) * self.part_size
        return offset, min(self.part_size, self.size - offset)


class UploadPart(models.Model):
    """A part that arrived whole (local storage; with S3 the object store keeps the list)."""

    session = models.ForeignKey(UploadSession, on_delete=models.CASCADE, related_name="parts")
    number = models.PositiveIntegerField()
    size = models.BigIntegerField()
    received_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["session", "number"], name="upload_part_unique")]

    def __str__(self) -> str:
        return f"part {self.number} of {self.session_id}"
