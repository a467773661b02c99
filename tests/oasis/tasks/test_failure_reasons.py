"""Failure reasons for people through the whole pipeline (issue 12): a GPU algorithm on a worker whose
engine has no GPU (this one) fails "no GPU on this worker", not "internal error: APIError"."""

from __future__ import annotations

from unittest import mock

import pytest

from oasis.tasks import pipeline
from oasis.tasks.models import TaskStatus
from tests.oasis.factories import make_algorithm, make_dataset, make_image, make_task
from tests.runners.fakes import pinned

pytestmark = [pytest.mark.docker, pytest.mark.django_db(transaction=True)]


def test_a_gpu_algorithm_on_a_worker_without_gpus_fails_saying_so(
    alice, runner, docker_client, busybox_image
):
    if "nvidia" in (docker_client.info().get("Runtimes") or {}):
        pytest.skip("this engine has the NVIDIA runtime: a GPU job may well start")
    image = make_image(alice, ref=busybox_image, image_id=pinned(busybox_image).image_id)
    algorithm = make_algorithm(alice, image=image, command="echo never", gpu=True)
    task = make_task(alice, algorithm=algorithm, dataset=make_dataset(alice, {"in.txt": b"x"}))

    with mock.patch.object(pipeline, "get_runner", return_value=runner):
        pipeline.execute(task.pk)

    task.refresh_from_db()
    assert (task.status, task.failure_reason) == (TaskStatus.FAILED, "no GPU on this worker")
    assert task.started_at is None and task.output_dataset is None
