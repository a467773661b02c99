"""Datasets: creating, adding and removing files, deleting; ``size`` and ``file_count`` stay exact."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import BinaryIO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q

from oasis import ownership
from oasis.errors import ValidationError, clean_name, field_error, no_nul
from runners.exceptions import OutputLimitExceeded, OutputRefused

from . import blobs
from .models import Blob, Dataset, DatasetFile
from .paths import InvalidPath, clean_path, folders_of
from .uploads import upload_size_error


@dataclass(frozen=True)
class IncomingFile:
    """A file to place in a dataset: an upload already on local disk with its hash known."""

    path: str
    local_path: str
    sha256: str
    size: int
    crc32: int | None = None


def incoming_from_uploads(files: Sequence, paths: Sequence[str] | None) -> list[IncomingFile]:
    """Pair uploaded files with their relative paths (default: the uploaded file's name).

    Anything that is not a file the upload handler stored (a string sent where an ``Upload`` belongs,
    a file over the size limit) is an error on ``files``, and nothing is stored.
    """
    if paths is not None and len(paths) != len(files):
        raise field_error("paths", f"Give one path per file: {len(files)} files but {len(paths)} paths.")
    incoming, errors = [], []
    for index, upload in enumerate(files):
        if not isinstance(upload, UploadedFile):
            errors.append(f"File {index + 1} is not an upload; send it as a multipart file.")
            continue
        too_large = upload_size_error(upload, limit=settings.OASIS_MAX_UPLOAD_BYTES)
        if too_large:
            errors.append(too_large)
            continue
        sha256 = getattr(upload, "sha256", "")
        if not sha256 or not hasattr(upload, "temporary_file_path"):
            raise field_error("files", "Uploads must go through the streaming upload handler.")
        raw = paths[index] if paths is not None else (upload.name or "")
        incoming.append(
            IncomingFile(
                path=raw,
                local_path=upload.temporary_file_path(),
                sha256=sha256,
                size=upload.size,
                crc32=getattr(upload, "crc32", None),
            )
        )
    if errors:
        raise ValidationError({"files": [ValidationError(e, code="invalid_upload") for e in errors[:20]]})
    return incoming


def _validated_paths(files: Sequence[IncomingFile], *, field: str) -> list[str]:
    cleaned, errors, seen = [], [], set()
    for item in files:
        try:
            path = clean_path(item.path)
        except InvalidPath as exc:
            errors.append(str(exc))
            continue
        if path in seen:
            errors.append(f"File path {path!r} is given twice.")
        seen.add(path)
        cleaned.append(path)
    if not errors:
        # A dataset is unpacked as a folder tree, so "a" cannot be a file and a folder at once.
        folders = {folder for path in cleaned for folder in folders_of(path)}
        errors += [
            f"File path {path!r} is also the folder of another file." for path in cleaned if path in folders
        ]
    if errors:
        raise ValidationError({field: [ValidationError(e, code="invalid_path") for e in errors[:20]]})
    return cleaned


def _check_free(dataset: Dataset, paths: list[str]) -> None:
    """Refuse paths taken in ``dataset``, as files or as folders of its files."""
    if not dataset.file_count:
        return
    placed = DatasetFile.objects.filter(dataset=dataset)
    taken = set(placed.filter(path__in=paths).values_list("path", flat=True))
    if taken:
        shown = ", ".join(sorted(taken)[:5])
        raise field_error("paths", f"The dataset already has files at: {shown}.", code="duplicate_path")
    folders = {folder for path in paths for folder in folders_of(path)}
    clashes = set(placed.filter(path__in=folders).values_list("path", flat=True)[:5])
    for start in range(0, len(paths), 200):
        if clashes:
            break
        under_new = Q()
        for path in paths[start : start + 200]:
            under_new |= Q(path__startswith=path + "/")
        clashes |= set(placed.filter(under_new).values_list("path", flat=True)[:5])
    if clashes:
        shown = ", ".join(sorted(clashes)[:5])
        raise field_error(
            "paths",
            f"A file and a folder would share a path; the dataset already has: {shown}.",
            code="path_conflict",
        )


def check_paths_free(dataset: Dataset, paths: list[str]) -> None:
    """Refuse paths (already cleaned) that ``dataset`` has as files or as folders of its files."""
    _check_free(dataset, paths)


def _place_files(dataset: Dataset, files: Sequence[IncomingFile], paths: list[str]) -> None:
    """Store blobs and place them; the caller holds the dataset row lock inside a transaction.

    Everything that can be refused is checked before the first blob is stored.
    """
    if dataset.file_count + len(files) > settings.OASIS_MAX_FILES_PER_DATASET:
        raise field_error("files", f"A dataset holds at most {settings.OASIS_MAX_FILES_PER_DATASET} files.")
    _check_free(dataset, paths)
    placements = []
    added = 0
    for item, path in zip(files, paths, strict=True):
        if item.local_path:
            blob = blobs.store_file(
                path=item.local_path, sha256=item.sha256, size=item.size, crc32=item.crc32
            )
        else:  # already stored (a resumable upload into S3, adopted by its worker)
            blob = Blob.objects.get(sha256=item.sha256)
        placements.append(DatasetFile(dataset=dataset, path=path, blob=blob))
        added += blob.size
    try:
        with transaction.atomic():
            DatasetFile.objects.bulk_create(placements)
    except IntegrityError as exc:
        raise field_error(
            "paths", "A file path is already taken in this dataset.", code="duplicate_path"
        ) from exc
    Dataset.objects.filter(pk=dataset.pk).update(
        size=F("size") + added, file_count=F("file_count") + len(placements)
    )


def create_dataset(*, owner, name: str, files: Sequence[IncomingFile]) -> Dataset:
    """Create a dataset holding ``files`` (validated paths, content-addressed blobs)."""
    name = clean_name(name, what="dataset")
    paths = _validated_paths(files, field="paths")
    with transaction.atomic():
        dataset = Dataset.objects.create(name=name, owner=owner)
        _place_files(dataset, files, paths)
    dataset.refresh_from_db()
    return dataset


def get_changeable(*, user, dataset_id) -> Dataset:
    return ownership.get_changeable(Dataset.objects.all(), user=user, pk=dataset_id, what="dataset")


def add_files(*, user, dataset_id, files: Sequence[IncomingFile]) -> Dataset:
    paths = _validated_paths(files, field="paths")
    with transaction.atomic():
        dataset = get_changeable(user=user, dataset_id=dataset_id)
        dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
        _place_files(dataset, files, paths)
    dataset.refresh_from_db()
    return dataset


def remove_files(*, user, dataset_id, paths: Sequence[str]) -> Dataset:
    """Remove files by path; unknown paths are an error and nothing is removed."""
    paths = [no_nul("paths", path) for path in paths]
    with transaction.atomic():
        dataset = get_changeable(user=user, dataset_id=dataset_id)
        dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
        placements = list(DatasetFile.objects.filter(dataset=dataset, path__in=paths).select_related("blob"))
        missing = set(paths) - {p.path for p in placements}
        if missing:
            shown = ", ".join(sorted(missing)[:5])
            raise field_error("paths", f"No such files in the dataset: {shown}.", code="not_found")
        removed = sum(p.blob.size for p in placements)
        DatasetFile.objects.filter(pk__in=[p.pk for p in placements]).delete()
        Dataset.objects.filter(pk=dataset.pk).update(
            size=F("size") - removed, file_count=F("file_count") - len(placements)
        )
    dataset.refresh_from_db()
    return dataset


#: The rules other apps have about deleting a dataset. The apps above datasets add them
#: (``refuse_deletion_when`` in their ``AppConfig.ready``), so datasets imports none of them and every
#: caller of ``delete_dataset`` gets every rule: the tasks app refuses while a task that has not
#: finished reads the dataset (``tasks.services.refuse_deleting_an_input``).
_deletion_rules: list[Callable[[Dataset], None]] = []


def refuse_deletion_when(rule: Callable[[Dataset], None]) -> None:
    """Add a rule run by ``delete_dataset`` with the dataset's row locked; it raises ``ValidationError`` to refuse."""
    if rule not in _deletion_rules:
        _deletion_rules.append(rule)


def delete_dataset(*, user, dataset_id) -> None:
    """Delete a dataset; refused when a rule of another app says so (``refuse_deletion_when``)."""
    with transaction.atomic():
        dataset = get_changeable(user=user, dataset_id=dataset_id)
        Dataset.objects.select_for_update().get(pk=dataset.pk)
        for rule in _deletion_rules:
            rule(dataset)
        sha256s = list(DatasetFile.objects.filter(dataset=dataset).values_list("blob_id", flat=True))
        dataset.delete()
        # Deleted data is gone, not just hidden: blobs no other dataset refers to are removed now.
        transaction.on_commit(lambda: blobs.collect_unreferenced(sha256s=sha256s))


def create_output_dataset(*, owner, name: str) -> Dataset:
    """A task's output dataset, hidden until ``complete_output_dataset`` (the task succeeded)."""
    return Dataset.objects.create(owner=owner, name=name[:200], is_complete=False)


def complete_output_dataset(dataset: Dataset) -> None:
    Dataset.objects.filter(pk=dataset.pk).update(is_complete=True)


def add_output_file(*, dataset: Dataset, path: str, stream: BinaryIO, size: int | None = None) -> DatasetFile:
    """Store one output file of a task (hashing while it streams) and place it.

    A name that is not a valid path, or that clashes with an output already placed (the same after
    Unicode normalisation, or a file where another output needs a folder), raises ``OutputRefused``:
    the runner skips that file with a log note. Past ``OASIS_MAX_FILES_PER_DATASET`` files or
    ``OASIS_MAX_OUTPUT_BYTES`` bytes (counted as read, so a sparse file counts in full; a declared
    ``size`` over the cap is refused before reading) it raises ``OutputLimitExceeded``: the task fails.
    """
    try:
        path = clean_path(path)
    except InvalidPath as exc:
        raise OutputRefused(str(exc)) from exc
    file_count, stored = Dataset.objects.filter(pk=dataset.pk).values_list("file_count", "size").get()
    max_files, max_bytes = settings.OASIS_MAX_FILES_PER_DATASET, settings.OASIS_MAX_OUTPUT_BYTES
    if file_count >= max_files:
        raise OutputLimitExceeded(
            f"the task wrote more than {max_files:,} output files (OASIS_MAX_FILES_PER_DATASET); none were kept"
        )
    if size is not None and stored + size > max_bytes:
        raise _bytes_exceeded(max_bytes)
    _check_output_path_free(dataset, path)
    blob = blobs.store_stream(_Bounded(stream, max_bytes - stored))
    with transaction.atomic():
        placement = DatasetFile.objects.create(dataset=dataset, path=path, blob=blob)
        Dataset.objects.filter(pk=dataset.pk).update(
            size=F("size") + blob.size, file_count=F("file_count") + 1
        )
    return placement


def sweep_abandoned_outputs(*, in_use: Q, older_than_s: float | None = None) -> int:
    """Delete hidden output datasets a dead worker left (it was killed while collecting outputs):
    incomplete, with no file added for the grace period, and not ``in_use`` (the tasks app says which
    datasets a task still holds: this app does not know tasks). Their blobs go with the next blob
    sweep. Returns how many."""
    from django.utils import timezone

    grace = settings.OASIS_STORAGE_GRACE_S if older_than_s is None else older_than_s
    cutoff = timezone.now() - timedelta(seconds=grace)
    abandoned = (
        Dataset.objects.filter(is_complete=False, created_at__lt=cutoff)
        .exclude(in_use)
        .exclude(files__created_at__gte=cutoff)
        .values_list("pk", flat=True)
    )
    removed = 0
    for pk in list(abandoned[:1000]):
        sha256s = list(DatasetFile.objects.filter(dataset_id=pk).values_list("blob_id", flat=True))
        with transaction.atomic():
            deleted, _ = Dataset.objects.filter(pk=pk, is_complete=False).delete()
        if deleted:
            removed += 1
            blobs.collect_unreferenced(sha256s=sha256s)
    return removed


def _bytes_exceeded(max_bytes: int) -> OutputLimitExceeded:
    return OutputLimitExceeded(
        f"the task's outputs are larger than {max_bytes:,} bytes (OASIS_MAX_OUTPUT_BYTES); none were kept"
    )


def _check_output_path_free(dataset: Dataset, path: str) -> None:
    """Refuse an output path taken as a file, under a file, or as a folder of earlier outputs."""
    placed = DatasetFile.objects.filter(dataset=dataset)
    if placed.filter(path=path).exists():
        raise OutputRefused("another output has the same name (after Unicode normalisation, NFC)")
    folders = folders_of(path)
    if folders and placed.filter(path__in=folders).exists():
        raise OutputRefused("a folder on its path is also an output file")
    if placed.filter(path__startswith=path + "/").exists():
        raise OutputRefused("another output uses this name as a folder")


class _Bounded:
    """Reads a stream through, raising ``OutputLimitExceeded`` once more than ``allowed`` bytes came."""

    def __init__(self, stream: BinaryIO, allowed: int) -> None:
        self._stream = stream
        self._allowed = allowed
        self._max = settings.OASIS_MAX_OUTPUT_BYTES

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._allowed -= len(data)
        if self._allowed < 0:
            raise _bytes_exceeded(self._max)
        return data


def unreferenced_blobs():
    return Blob.objects.filter(placements__isnull=True)


def content_digest(dataset_id: int) -> str:
    """The dataset's content address: sha256 over its (path, file sha256) pairs in path order.

    Two datasets with the same digest hold the same files at the same paths, whoever uploaded them.
    """
    digest = hashlib.sha256()
    pairs = DatasetFile.objects.filter(dataset_id=dataset_id).order_by("path").values_list("path", "blob_id")
    for path, sha256 in pairs.iterator(chunk_size=5000):
        digest.update(f"{path}\0{sha256}\n".encode())
    return "sha256:" + digest.hexdigest()


def share_output(*, source: Dataset, owner, name: str) -> Dataset:
    """A new, complete dataset holding the same files as ``source``: placements only, no bytes copied."""
    dataset = Dataset.objects.create(
        owner=owner, name=name[:200], size=source.size, file_count=source.file_count, is_complete=True
    )
    placements = DatasetFile.objects.filter(dataset=source).values_list("path", "blob_id")
    DatasetFile.objects.bulk_create(
        [DatasetFile(dataset=dataset, path=path, blob_id=blob_id) for path, blob_id in placements.iterator()],
        batch_size=2000,
    )
    return dataset
