"""Datasets: exact size and file count, content-addressed blobs, validated paths, guarded deletion."""

import hashlib
import io
import os
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from oasis.datasets import blobs
from oasis.datasets import services as ds
from oasis.datasets.models import Blob, Dataset, DatasetFile
from oasis.errors import NotFound
from oasis.tasks.models import TaskStatus
from runners.exceptions import OutputRefused
from tests.oasis.factories import incoming, make_dataset, make_task


def _unique(n: int = 64) -> bytes:
    """Content no other test stored (the blob storage outlives each test's transaction)."""
    return os.urandom(n)


def _stored(sha256: str) -> bool:
    return os.path.exists(blobs.local_path(Blob(sha256=sha256, size=0)))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _counts():
    return Dataset.objects.count(), DatasetFile.objects.count(), Blob.objects.count()


def _paths(dataset) -> list[str]:
    return list(dataset.files.order_by("path").values_list("path", flat=True))


def _consistent(dataset) -> None:
    """``size`` and ``file_count`` equal what the placements add up to."""
    dataset.refresh_from_db()
    placements = list(dataset.files.select_related("blob"))
    assert dataset.file_count == len(placements)
    assert dataset.size == sum(p.blob.size for p in placements)


def test_create_places_files_at_their_paths_with_exact_size_and_count(alice):
    files = {"a.txt": b"hello", "sub/dir/b.bin": b"\x00" * 1000, "sub/c.txt": b""}
    dataset = make_dataset(alice, files, name="  scans  ")
    assert dataset.name == "scans"
    assert dataset.size == 1005
    assert dataset.file_count == 3
    assert _paths(dataset) == ["a.txt", "sub/c.txt", "sub/dir/b.bin"]
    for placement in dataset.files.select_related("blob"):
        data = files[placement.path]
        assert placement.sha256 == _sha(data)
        assert placement.size == len(data)
        with blobs.open_blob(placement.blob) as fh:
            assert fh.read() == data
    _consistent(dataset)


def test_an_empty_dataset(alice):
    dataset = make_dataset(alice, {})
    assert (dataset.size, dataset.file_count) == (0, 0)


def test_the_same_content_twice_in_one_dataset_is_one_blob_and_two_placements(alice):
    data = _unique()
    dataset = make_dataset(alice, {"a.bin": data, "copy/a.bin": data})
    assert Blob.objects.filter(sha256=_sha(data)).count() == 1
    assert DatasetFile.objects.filter(blob_id=_sha(data)).count() == 2
    assert dataset.size == 2 * len(data)
    assert dataset.file_count == 2


def test_the_same_bytes_in_two_datasets_are_one_blob_and_one_stored_file(alice, bob):
    data = _unique(5000)
    first = make_dataset(alice, {"x.bin": data})
    second = make_dataset(bob, {"elsewhere/y.bin": data})
    sha = _sha(data)
    assert Blob.objects.filter(sha256=sha).count() == 1
    a, b = first.files.get(), second.files.get()
    assert a.blob_id == b.blob_id == sha
    folder = os.path.dirname(blobs.local_path(a.blob))
    assert sorted(os.listdir(folder)) == [sha], "one stored file, no partial leftovers"
    assert first.size == second.size == 5000


def test_add_files_keeps_size_and_count_exact(alice):
    dataset = make_dataset(alice, {"a.txt": b"12345"})
    dataset = ds.add_files(user=alice, dataset_id=dataset.pk, files=incoming({"b/c.txt": b"123", "d": b"1"}))
    assert (dataset.size, dataset.file_count) == (9, 3)
    dataset = ds.add_files(user=alice, dataset_id=dataset.pk, files=incoming({"e": b"12345"}))
    assert (dataset.size, dataset.file_count) == (14, 4)
    assert Blob.objects.filter(sha256=_sha(b"12345")).count() == 1
    _consistent(dataset)


def test_remove_files_keeps_size_and_count_exact(alice):
    data = _unique(10)
    dataset = make_dataset(alice, {"a": data, "b": data, "c/d": b"xyz"})
    dataset = ds.remove_files(user=alice, dataset_id=dataset.pk, paths=["a"])
    assert (dataset.size, dataset.file_count) == (13, 2)
    assert _paths(dataset) == ["b", "c/d"]
    assert Blob.objects.filter(sha256=_sha(data)).exists(), "still placed at b"
    dataset = ds.remove_files(user=alice, dataset_id=dataset.pk, paths=["b", "c/d"])
    assert (dataset.size, dataset.file_count) == (0, 0)
    assert ds.unreferenced_blobs().filter(sha256=_sha(data)).exists()
    _consistent(dataset)


def test_removing_an_unknown_path_removes_nothing(alice):
    dataset = make_dataset(alice, {"a": b"1", "b": b"22"})
    with pytest.raises(ValidationError) as excinfo:
        ds.remove_files(user=alice, dataset_id=dataset.pk, paths=["a", "nope", "b/../a"])
    [message] = excinfo.value.message_dict["paths"]
    assert message == "No such files in the dataset: b/../a, nope."
    dataset.refresh_from_db()
    assert (dataset.size, dataset.file_count) == (3, 2)
    assert _paths(dataset) == ["a", "b"]


def test_a_path_already_in_the_dataset_is_refused_and_nothing_is_stored(alice):
    dataset = make_dataset(alice, {"a.txt": b"1"})
    data = _unique()
    before = _counts()
    with pytest.raises(ValidationError) as excinfo:
        ds.add_files(user=alice, dataset_id=dataset.pk, files=incoming({"new.txt": data, "a.txt": b"2"}))
    assert excinfo.value.message_dict["paths"] == ["The dataset already has files at: a.txt."]
    assert _counts() == before
    assert not _stored(_sha(data))
    _consistent(dataset)


@pytest.mark.parametrize(
    ("existing", "new"),
    [({"a": b"1"}, {"a/b.txt": b"2"}), ({"a/b/c.txt": b"1"}, {"a/b": b"2"}), ({"x/y": b"1"}, {"x": b"2"})],
)
def test_a_path_cannot_be_a_file_and_a_folder(alice, existing, new):
    dataset = make_dataset(alice, existing)
    with pytest.raises(ValidationError) as excinfo:
        ds.add_files(user=alice, dataset_id=dataset.pk, files=incoming(new))
    assert "A file and a folder would share a path" in excinfo.value.message_dict["paths"][0]
    _consistent(dataset)
    assert dataset.file_count == 1


def test_a_file_and_a_folder_in_one_upload_are_refused(alice):
    with pytest.raises(ValidationError) as excinfo:
        make_dataset(alice, {"a": b"1", "a/b": b"2"})
    assert excinfo.value.message_dict["paths"] == ["File path 'a' is also the folder of another file."]


def test_like_wildcards_in_paths_are_taken_literally(alice):
    # Unescaped, "a_/%" would match "ab/x" and "a%/%" would match "a%b/y": false conflicts.
    dataset = make_dataset(alice, {"ab/x": b"1", "a%b/y": b"1"})
    dataset = ds.add_files(user=alice, dataset_id=dataset.pk, files=incoming({"a_": b"2", "a%": b"3"}))
    assert dataset.file_count == 4


def test_invalid_paths_are_all_reported_on_the_paths_field_and_nothing_is_stored(alice):
    data = _unique()
    before = _counts()
    with pytest.raises(ValidationError) as excinfo:
        make_dataset(
            alice,
            {"ok.txt": data, "/abs": b"1", "../up": b"2", "a\x00b": b"3", "x" * 1025: b"4", "dir/": b"5"},
        )
    messages = excinfo.value.message_dict
    assert set(messages) == {"paths"}
    assert len(messages["paths"]) == 5
    assert any("must be relative" in m for m in messages["paths"])
    assert any("'..' segment" in m for m in messages["paths"])
    assert any("control character" in m for m in messages["paths"])
    assert any("longer than 1024" in m for m in messages["paths"])
    assert any("names a folder" in m for m in messages["paths"])
    assert _counts() == before
    assert not _stored(_sha(data))


def test_a_path_given_twice_is_refused(alice):
    files = incoming({"a": b"1"}) + incoming({"a": b"2"})
    with pytest.raises(ValidationError) as excinfo:
        ds.create_dataset(owner=alice, name="d", files=files)
    assert excinfo.value.message_dict["paths"] == ["File path 'a' is given twice."]
    assert not Dataset.objects.exists()


def test_paths_differing_only_in_unicode_normalisation_are_the_same_path(alice):
    files = incoming({"caf\u00e9": b"1"}) + incoming({"cafe\u0301": b"2"})
    with pytest.raises(ValidationError, match="given twice"):
        ds.create_dataset(owner=alice, name="d", files=files)


@pytest.mark.parametrize(
    ("name", "text"), [("", "Give the dataset a name."), ("  ", "Give"), ("n" * 201, "200")]
)
def test_a_dataset_needs_a_short_name(alice, name, text):
    with pytest.raises(ValidationError) as excinfo:
        ds.create_dataset(owner=alice, name=name, files=[])
    assert text in excinfo.value.message_dict["name"][0]


def test_the_number_of_files_per_dataset_is_capped(alice, settings):
    settings.OASIS_MAX_FILES_PER_DATASET = 3
    dataset = make_dataset(alice, {"a": b"1", "b": b"2"})
    with pytest.raises(ValidationError) as excinfo:
        ds.add_files(user=alice, dataset_id=dataset.pk, files=incoming({"c": b"3", "d": b"4"}))
    assert excinfo.value.message_dict["files"] == ["A dataset holds at most 3 files."]
    dataset = ds.add_files(user=alice, dataset_id=dataset.pk, files=incoming({"c": b"3"}))
    assert dataset.file_count == 3


def test_others_cannot_change_or_delete_a_dataset(alice, bob):
    dataset = make_dataset(alice, {"a": b"1"})
    with pytest.raises(NotFound):
        ds.add_files(user=bob, dataset_id=dataset.pk, files=incoming({"b": b"2"}))
    with pytest.raises(NotFound):
        ds.remove_files(user=bob, dataset_id=dataset.pk, paths=["a"])
    with pytest.raises(NotFound):
        ds.delete_dataset(user=bob, dataset_id=dataset.pk)
    _consistent(dataset)
    assert dataset.file_count == 1


def test_staff_may_change_any_dataset(alice, make_user):
    staff = make_user("staff", is_staff=True)
    dataset = make_dataset(alice, {"a": b"1"})
    assert ds.add_files(user=staff, dataset_id=dataset.pk, files=incoming({"b": b"2"})).file_count == 2
    ds.delete_dataset(user=staff, dataset_id=dataset.pk)
    assert not Dataset.objects.filter(pk=dataset.pk).exists()


@pytest.mark.parametrize("status", [TaskStatus.CREATED, TaskStatus.QUEUED, TaskStatus.RUNNING])
def test_deleting_a_dataset_an_unfinished_task_reads_is_refused(alice, status):
    dataset = make_dataset(alice, {"a": b"1"})
    make_task(alice, dataset=dataset, status=status)
    with pytest.raises(ValidationError, match="input of a task that has not finished"):
        ds.delete_dataset(user=alice, dataset_id=dataset.pk)
    assert Dataset.objects.filter(pk=dataset.pk).exists()


@pytest.mark.parametrize("status", [TaskStatus.SUCCEEDED, TaskStatus.FAILED, TaskStatus.CANCELLED])
def test_a_dataset_finished_tasks_read_can_be_deleted_and_their_history_stays(alice, status):
    dataset = make_dataset(alice, {"a": b"1"})
    task = make_task(alice, dataset=dataset, status=status)
    ds.delete_dataset(user=alice, dataset_id=dataset.pk)
    assert not Dataset.objects.filter(pk=dataset.pk).exists()
    assert not DatasetFile.objects.filter(dataset_id=dataset.pk).exists()
    task.refresh_from_db()
    assert task.input_dataset is None


def test_output_files_are_content_addressed_too(alice):
    data = _unique(300)
    source = make_dataset(alice, {"in.bin": data})
    output = ds.create_output_dataset(owner=alice, name="out")
    placement = ds.add_output_file(dataset=output, path="results/in.bin", stream=io.BytesIO(data))
    output.refresh_from_db()
    assert placement.blob_id == source.files.get().blob_id
    assert (output.size, output.file_count) == (300, 1)
    # A bad name is refused for the runner to skip with a log note; it does not fail the task.
    with pytest.raises(OutputRefused, match=r"'\.\.' segment"):
        ds.add_output_file(dataset=output, path="../escape", stream=io.BytesIO(b"x"))


@pytest.mark.django_db(transaction=True)
def test_concurrent_adds_and_removes_keep_the_totals_exact(make_user):
    owner = make_user("carol")
    dataset = make_dataset(owner, {f"seed/{i}": b"s" * i for i in range(10)})
    errors = []

    def add(worker: int) -> None:
        try:
            for round_ in range(5):
                files = incoming({f"w{worker}/r{round_}/{i}": b"x" * (worker + i) for i in range(3)})
                ds.add_files(user=owner, dataset_id=dataset.pk, files=files)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    def remove() -> None:
        try:
            for i in range(10):
                ds.remove_files(user=owner, dataset_id=dataset.pk, paths=[f"seed/{i}"])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(w,)) for w in range(3)] + [threading.Thread(target=remove)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    _consistent(dataset)
    assert dataset.file_count == 3 * 5 * 3
