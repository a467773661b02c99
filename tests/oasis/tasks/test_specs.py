"""Run specs recorded at creation, re-runs, result reuse and provenance (services, real database)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from oasis.algorithms.services import AlgorithmFields, update_algorithm
from oasis.datasets.models import Dataset, DatasetFile
from oasis.images.models import DockerImage, ImageStatus
from oasis.tasks import provenance
from oasis.tasks.models import AlgorithmTask, TaskLogChunk, TaskStatus
from oasis.tasks.services import rerun_task, run_algorithm
from oasis.tasks.spec import RunSpec, snapshot
from tests.oasis.factories import make_algorithm, make_dataset, make_image


def _succeed(task: AlgorithmTask, outputs: dict[str, bytes]) -> AlgorithmTask:
    """Finish a task as a worker would, with an output dataset holding ``outputs``."""
    output = make_dataset(task.owner, outputs, name=f"out {task.pk}")
    task = AlgorithmTask.objects.get(pk=task.pk)
    task.update_status(TaskStatus.RUNNING)
    task.update_status(TaskStatus.SUCCEEDED, exit_code=0, output_dataset_id=output.pk)
    return task


def test_a_task_records_what_it_runs_and_keeps_it(alice):
    algorithm = make_algorithm(alice, command="/bin/sh -c 'echo a'", environment={"A": "1"}, gpu=False)
    task = run_algorithm(user=alice, algorithm_id=algorithm.pk, input_dataset_id=make_dataset(alice).pk)
    spec = RunSpec.from_json(task.spec)
    assert spec.image_id == algorithm.image.image_id
    assert spec.command == ["/bin/sh", "-c", "echo a"] and spec.environment == {"A": "1"}
    assert task.spec_digest == spec.digest and task.input_digest.startswith("sha256:")

    update_algorithm(user=alice, algorithm_id=algorithm.pk, fields=AlgorithmFields(command="echo b"))
    DockerImage.objects.filter(pk=algorithm.image_id).update(image_id="sha256:" + "9" * 64)  # a re-pull
    task.refresh_from_db()
    assert RunSpec.from_json(task.spec) == spec


def test_the_spec_digest_covers_what_runs_not_names():
    spec = RunSpec(
        image_id="sha256:" + "1" * 64,
        repo_digest="",
        image_pk=1,
        image_name="a",
        image_source="file",
        image_ref="",
        algorithm_pk=1,
        algorithm_name="a",
        command=["x"],
        entrypoint=None,
    )
    renamed = RunSpec.from_json(
        spec.to_json() | {"algorithm_name": "b", "image_name": "c", "algorithm_pk": 9}
    )
    assert renamed.digest == spec.digest
    assert RunSpec.from_json(spec.to_json() | {"command": ["y"]}).digest != spec.digest
    assert RunSpec.from_json(spec.to_json() | {"memory_mb": 2048}).digest != spec.digest


@pytest.mark.parametrize(
    ("status", "resolved", "text"),
    [
        (ImageStatus.PENDING, False, "The image img is still being prepared; try again when it is ready."),
        (ImageStatus.FAILED, False, "The image img could not be prepared: nope"),
    ],
)
def test_an_image_not_pinned_yet_cannot_run(alice, status, resolved, text):
    image = make_image(alice, status=status, resolved_at=None, failure_reason="nope")
    algorithm = make_algorithm(alice, image=image)
    with pytest.raises(ValidationError) as excinfo:
        run_algorithm(user=alice, algorithm_id=algorithm.pk, input_dataset_id=make_dataset(alice).pk)
    assert excinfo.value.message_dict == {"algorithmId": [text]}
    assert not AlgorithmTask.objects.exists()


def test_a_failed_re_pull_keeps_the_earlier_pin_runnable(alice):
    image = make_image(alice, status=ImageStatus.FAILED, failure_reason="could not pull: x")
    task = run_algorithm(
        user=alice,
        algorithm_id=make_algorithm(alice, image=image).pk,
        input_dataset_id=make_dataset(alice).pk,
    )
    assert task.status == TaskStatus.QUEUED and task.spec["image_id"] == image.image_id


def test_an_identical_run_reuses_the_result_without_copying(alice, django_capture_on_commit_callbacks):
    algorithm = make_algorithm(alice, cache_results=True)
    first = run_algorithm(
        user=alice, algorithm_id=algorithm.pk, input_dataset_id=make_dataset(alice, {"a": b"1"}).pk
    )
    first = _succeed(first, {"out.txt": b"result"})
    same_content = make_dataset(alice, {"a": b"1"}, name="copy")

    with django_capture_on_commit_callbacks() as callbacks:
        reused = run_algorithm(user=alice, algorithm_id=algorithm.pk, input_dataset_id=same_content.pk)

    assert not [c for c in callbacks if "enqueue" in repr(c)]  # nothing was sent to a worker
    assert (reused.status, reused.exit_code, reused.reused_from_id) == (TaskStatus.SUCCEEDED, 0, first.pk)
    assert reused.output_dataset_id not in (None, first.output_dataset_id)

    def blobs(task):
        return set(
            DatasetFile.objects.filter(dataset_id=task.output_dataset_id).values_list("path", "blob_id")
        )

    assert blobs(reused) == blobs(first)
    [note] = TaskLogChunk.objects.filter(task=reused)
    assert note.text.startswith(f"[oasis] Reused the result of task {first.pk}:")
    assert reused.log_line_count == 1


def test_a_run_without_outputs_is_reused_and_a_deleted_output_is_not(alice):
    algorithm = make_algorithm(alice, cache_results=True)
    first = run_algorithm(
        user=alice, algorithm_id=algorithm.pk, input_dataset_id=make_dataset(alice, {"a": b"1"}).pk
    )
    first = AlgorithmTask.objects.get(pk=first.pk)
    first.update_status(TaskStatus.RUNNING)
    first.outputs_empty = True  # as the pipeline finishes a run that wrote no file
    first.save(update_fields=["outputs_empty"])
    first.update_status(TaskStatus.SUCCEEDED, exit_code=0)
    datasets = Dataset.objects.count()
    reused = run_algorithm(user=alice, algorithm_id=algorithm.pk, input_dataset_id=first.input_dataset_id)
    assert (reused.status, reused.reused_from_id, reused.output_dataset_id) == (
        TaskStatus.SUCCEEDED,
        first.pk,
        None,
    )
    assert reused.outputs_empty and Dataset.objects.count() == datasets
    # A result whose output dataset was deleted since is gone: the next identical run runs.
    other = _succeed(
        run_algorithm(
            user=alice, algorithm_id=algorithm.pk, input_dataset_id=make_dataset(alice, {"b": b"1"}).pk
        ),
        {"o": b"x"},
    )
    other.output_dataset.delete()
    again = run_algorithm(user=alice, algorithm_id=algorithm.pk, input_dataset_id=other.input_dataset_id)
    assert again.status == TaskStatus.QUEUED


def test_reuse_needs_the_same_input_content_and_can_be_refused(alice):
    algorithm = make_algorithm(alice, cache_results=True)
    first = _succeed(
        run_algorithm(
            user=alice, algorithm_id=algorithm.pk, input_dataset_id=make_dataset(alice, {"a": b"1"}).pk
        ),
        {"o": b"x"},
    )
    other = run_algorithm(
        user=alice, algorithm_id=algorithm.pk, input_dataset_id=make_dataset(alice, {"a": b"2"}).pk
    )
    assert other.status == TaskStatus.QUEUED
    same = make_dataset(alice, {"a": b"1"}, name="same")
    refused = run_algorithm(user=alice, algorithm_id=algorithm.pk, input_dataset_id=same.pk, reuse=False)
    assert refused.status == TaskStatus.QUEUED and refused.input_digest == first.input_digest


def test_reuse_never_crosses_to_a_user_who_cannot_see_the_result(alice, bob):
    algorithm = make_algorithm(alice, public=True, cache_results=True)
    _succeed(
        run_algorithm(
            user=alice, algorithm_id=algorithm.pk, input_dataset_id=make_dataset(alice, {"a": b"1"}).pk
        ),
        {"o": b"alice's"},
    )
    bobs = run_algorithm(
        user=bob, algorithm_id=algorithm.pk, input_dataset_id=make_dataset(bob, {"a": b"1"}).pk
    )
    assert bobs.status == TaskStatus.QUEUED and bobs.reused_from_id is None


def test_rerun_runs_the_recorded_spec_or_the_current_definition(alice):
    algorithm = make_algorithm(alice, command="echo old")
    first = run_algorithm(user=alice, algorithm_id=algorithm.pk, input_dataset_id=make_dataset(alice).pk)
    update_algorithm(user=alice, algorithm_id=algorithm.pk, fields=AlgorithmFields(command="echo new"))

    again = rerun_task(user=alice, task_id=first.pk)
    current = rerun_task(user=alice, task_id=first.pk, use_current_algorithm=True)

    assert (again.status, again.rerun_of_id, again.spec_digest) == (
        TaskStatus.QUEUED,
        first.pk,
        first.spec_digest,
    )
    assert again.spec["command"] == ["echo", "old"] and current.spec["command"] == ["echo", "new"]


def test_rerun_after_the_algorithm_is_deleted_and_refusals(alice, bob):
    algorithm = make_algorithm(alice)
    first = run_algorithm(user=alice, algorithm_id=algorithm.pk, input_dataset_id=make_dataset(alice).pk)
    algorithm.delete()
    assert rerun_task(user=alice, task_id=first.pk).spec == AlgorithmTask.objects.get(pk=first.pk).spec
    with pytest.raises(ValidationError, match="algorithm was deleted"):
        rerun_task(user=alice, task_id=first.pk, use_current_algorithm=True)
    with pytest.raises(rerun_task.__globals__["NotFound"]):
        rerun_task(user=bob, task_id=first.pk)
    DockerImage.objects.filter(pk=first.spec["image_pk"]).delete()
    with pytest.raises(ValidationError, match="image this task ran was deleted"):
        rerun_task(user=alice, task_id=first.pk)


def test_provenance_walks_back_through_tasks_and_inputs(alice, bob):
    algorithm = make_algorithm(alice)
    upload = make_dataset(alice, {"a": b"1"})
    first = _succeed(
        run_algorithm(user=alice, algorithm_id=algorithm.pk, input_dataset_id=upload.pk), {"b": b"2"}
    )
    second = _succeed(
        run_algorithm(user=alice, algorithm_id=algorithm.pk, input_dataset_id=first.output_dataset_id),
        {"c": b"3"},
    )
    assert provenance.producer(user=alice, dataset_id=second.output_dataset_id) == second
    assert provenance.lineage(user=alice, dataset_id=second.output_dataset_id) == [second, first]
    assert provenance.lineage(user=alice, dataset_id=second.output_dataset_id, max_depth=1) == [second]
    assert provenance.lineage(user=alice, dataset_id=upload.pk) == []
    assert provenance.lineage(user=bob, dataset_id=second.output_dataset_id) == []


def test_snapshot_of_an_algorithm(alice):
    algorithm = make_algorithm(alice, entrypoint="", command="", timeout_s=5)
    spec = snapshot(algorithm)
    assert (spec.command, spec.entrypoint, spec.timeout_s, spec.image_source) == (None, None, 5, "reference")
