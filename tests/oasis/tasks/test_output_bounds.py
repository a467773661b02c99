"""A task's outputs against the real engine (issue 12): odd names are skipped with a log line, never
fail the task; past a byte or file cap the task fails naming the cap and keeps nothing."""

from __future__ import annotations

import shlex
import time
from unittest import mock

import pytest

from oasis.datasets.models import Dataset
from oasis.tasks import pipeline
from oasis.tasks.logs import read_lines
from oasis.tasks.models import AlgorithmTask, TaskStatus
from tests.oasis.factories import make_algorithm, make_dataset, make_image, make_task
from tests.runners.fakes import pinned

pytestmark = [pytest.mark.docker, pytest.mark.django_db(transaction=True)]


def run_task(owner, runner, image: str, script: str) -> AlgorithmTask:
    algorithm = make_algorithm(
        owner,
        image=make_image(owner, ref=image, image_id=pinned(image).image_id),
        command=shlex.join(["/bin/sh", "-c", script]),
        timeout_s=60,
    )
    task = make_task(owner, algorithm=algorithm, dataset=make_dataset(owner, {"in.txt": b"x"}))
    with mock.patch.object(pipeline, "get_runner", return_value=runner):
        pipeline.execute(task.pk)
    task.refresh_from_db()
    return task


def notes(task) -> list[str]:
    return [line.text for line in read_lines(task.pk, limit=1000) if line.stream == "system"]


ODD_NAMES = r"""
cd output
printf ok > ok.txt
printf x > "$(printf 'new\nline')"
printf x > "$(printf 'tab\there')"
printf x > 'back\slash'
printf x > "$(printf 'evil\342\200\256txt.exe')"
mkdir c && printf 1 > "$(printf 'c/cafe\314\201')" && printf 2 > "$(printf 'c/caf\303\251')"
mkdir "$(printf 'e\314\201')" && printf 3 > "$(printf 'e\314\201/inner')" && printf 4 > "$(printf '\303\251')"
long=$(printf 'L%.0s' $(seq 200)) && mkdir -p "$long/$long/$long/$long/$long/$long" && printf 5 > "$long/$long/$long/$long/$long/$long/f"
"""


def test_odd_output_names_are_skipped_with_a_log_line_and_the_rest_is_kept(alice, runner, busybox_image):
    task = run_task(alice, runner, busybox_image, ODD_NAMES)

    assert task.status == TaskStatus.SUCCEEDED, task.failure_reason
    paths = sorted(task.output_dataset.files.values_list("path", flat=True))
    assert paths == ["c/caf\u00e9", "ok.txt", "\u00e9/inner"]  # NFC; the later of each clash skipped
    skipped = "\n".join(note for note in notes(task) if note.startswith("Skipped output"))
    assert "Skipped output new\\nline: File path" in skipped and "control character" in skipped
    assert "Skipped output tab\\there:" in skipped
    assert "Skipped output back\\slash: File path" in skipped and "backslash" in skipped
    assert "Skipped output evil\\u202etxt.exe:" in skipped
    assert (
        "Skipped output c/caf\u00e9: another output has the same name (after Unicode normalisation" in skipped
    )
    assert "Skipped output \u00e9: another output uses this name as a folder" in skipped
    assert "longer than 1024 characters" in skipped
    assert "\u202e" not in skipped and "new\nline" not in skipped  # every note stays one plain line


def test_a_sparse_file_counts_in_full_and_fails_the_task_naming_the_cap(
    alice, runner, busybox_image, settings
):
    settings.OASIS_MAX_OUTPUT_BYTES = 1024 * 1024
    script = "printf ok > output/a.txt && dd if=/dev/zero of=output/big bs=1 count=0 seek=4294967296"
    started = time.monotonic()

    task = run_task(alice, runner, busybox_image, script)

    assert task.status == TaskStatus.FAILED
    assert task.failure_reason == (
        "the task's outputs are larger than 1,048,576 bytes (OASIS_MAX_OUTPUT_BYTES); none were kept"
    )
    assert task.output_dataset is None
    assert not Dataset.objects.filter(is_complete=False).exists()  # nothing partial is kept
    assert time.monotonic() - started < 30


def test_more_output_files_than_a_dataset_holds_fail_the_task(alice, runner, busybox_image, settings):
    settings.OASIS_MAX_FILES_PER_DATASET = 5
    task = run_task(alice, runner, busybox_image, "for i in 1 2 3 4 5 6 7 8; do echo $i > output/f$i; done")

    assert task.status == TaskStatus.FAILED
    assert task.failure_reason == (
        "the task wrote more than 5 output files (OASIS_MAX_FILES_PER_DATASET); none were kept"
    )
    assert not Dataset.objects.filter(is_complete=False).exists()
