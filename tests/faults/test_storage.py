"""D7: storage is reclaimed - upload spools, blobs of deleted datasets, blobs a crash left, abandoned
outputs - against the real PostgreSQL and the real blob store on disk."""

from __future__ import annotations

import hashlib
import io
import os
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from oasis.datasets import blobs
from oasis.datasets import services as dataset_services
from oasis.datasets.blobs import blob_storage, sweep_blobs
from oasis.datasets.models import Blob, Dataset, DatasetFile
from oasis.datasets.uploads import sweep_temp_files
from oasis.tasks.tasks import sweep_storage
from tests.oasis.factories import make_dataset

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

HOUR = 3600


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stored(*contents: bytes) -> int:
    """How many of these contents have a file in the blob store."""
    return sum(os.path.exists(blob_storage().path(Blob(sha256=sha(c)).storage_name)) for c in contents)


def age(path: str, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_deleting_datasets_frees_their_blobs_once_no_dataset_refers_to_them(alice):
    shared, only_a1, only_a2, only_b = b"shared", b"only in a 1", b"only in a 2", b"only in b"
    a = make_dataset(alice, {"x": shared, "y": only_a1, "z": only_a2}, name="a")
    b = make_dataset(alice, {"x": shared, "w": only_b}, name="b")
    everything = (shared, only_a1, only_a2, only_b)
    assert stored(*everything) == 4
    assert Blob.objects.filter(sha256__in=[sha(c) for c in everything]).count() == 4

    dataset_services.delete_dataset(user=alice, dataset_id=a.pk)
    assert stored(*everything) == 2  # a's own two are gone at once, the shared one stays for b
    assert stored(shared, only_b) == 2
    assert Blob.objects.filter(sha256__in=[sha(c) for c in everything]).count() == 2

    dataset_services.delete_dataset(user=alice, dataset_id=b.pk)
    assert stored(*everything) == 0
    assert not Blob.objects.filter(sha256__in=[sha(c) for c in everything]).exists()


def test_a_crash_before_the_commit_leaves_a_blob_file_the_sweep_removes_after_the_grace(alice):
    data = b"placed, then the web server died before the dataset committed"
    with pytest.raises(RuntimeError), transaction.atomic():
        make_dataset(alice, {"o.txt": data}, name="never")
        raise RuntimeError("the process dies here: PostgreSQL rolls the transaction back")
    path = blob_storage().path(Blob(sha256=sha(data)).storage_name)
    assert os.path.exists(path) and not Blob.objects.filter(sha256=sha(data)).exists()
    partial = f"{path}.123.456.partial"  # a copy a crash cut short
    with open(partial, "wb") as fh:
        fh.write(b"half")

    assert sweep_blobs()["orphan_blob_files"] == 0  # young: it may be an upload about to commit
    assert os.path.exists(path) and os.path.exists(partial)

    age(path, 2 * HOUR)
    age(partial, 2 * HOUR)
    assert sweep_blobs()["orphan_blob_files"] == 2
    assert not os.path.exists(path) and not os.path.exists(partial)


def test_unreferenced_blobs_and_abandoned_outputs_go_after_the_grace(alice):
    kept = make_dataset(alice, {"k": b"kept"}, name="kept")
    # A worker killed while collecting outputs: a hidden output dataset with one file.
    output = dataset_services.create_output_dataset(owner=alice, name="task 1 output")
    dataset_services.add_output_file(dataset=output, path="part.bin", stream=io.BytesIO(b"partial output"))
    assert stored(b"partial output") == 1

    assert sweep_storage.run()["abandoned_outputs"] == 0  # young: its task may still be collecting
    assert Dataset.objects.filter(pk=output.pk).exists()

    past = timezone.now() - timedelta(seconds=2 * HOUR)
    Dataset.objects.filter(pk=output.pk).update(created_at=past)
    DatasetFile.objects.filter(dataset=output).update(created_at=past)
    result = sweep_storage.run()
    assert result["abandoned_outputs"] == 1
    assert not Dataset.objects.filter(pk=output.pk).exists()
    assert stored(b"partial output") == 0
    assert Dataset.objects.filter(pk=kept.pk).exists() and stored(b"kept") == 1

    # A blob row nobody refers to (e.g. its dataset was deleted by an older version) goes too.
    orphan = b"unreferenced row"
    lonely = blobs.store_stream(io.BytesIO(orphan))
    assert sweep_blobs()["unreferenced_blobs"] == 0
    Blob.objects.filter(pk=lonely.pk).update(created_at=past)
    assert sweep_blobs()["unreferenced_blobs"] == 1
    assert stored(orphan) == 0 and stored(b"kept") == 1


def test_upload_temp_files_left_by_a_crash_are_swept():
    temp = settings.FILE_UPLOAD_TEMP_DIR
    old, fresh = os.path.join(temp, "tmpcrashed.upload"), os.path.join(temp, "tmpinflight.upload")
    for path in (old, fresh):
        with open(path, "wb") as fh:
            fh.write(b"x" * 1000)
    age(old, 2 * HOUR)
    assert sweep_temp_files() >= 1
    assert not os.path.exists(old)
    assert os.path.exists(fresh)  # an upload still arriving is left alone
    os.unlink(fresh)
