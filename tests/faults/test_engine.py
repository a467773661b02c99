"""D8: a graceful stop of the container engine mid-task is not blamed on the algorithm ("exited with
code 143"), and the task's container is removed as soon as the engine is back - on the distributed
stack whose worker drives a private Docker engine that the test stops and starts."""

from __future__ import annotations

import docker
import pytest

from oasis_testing.stack import wait_for
from runners.base import LABEL_TASK
from tests.faults.test_services import _image_ready, _pk
from tests.fixtures.stack import start_stack

pytestmark = pytest.mark.faults


@pytest.fixture(scope="module")
def engine_stack(private_engine, private_redis):
    # The sweep is far off: what removes the container is the removal scheduled when the task failed.
    stack = start_stack(
        "distributed",
        redis_url=private_redis.url,
        extra_env={"DOCKER_HOST": private_engine.socket, "OASIS_CONTAINER_SWEEP_S": "600"},
    )
    yield stack
    stack.stop()


def test_d8_an_engine_stop_is_not_the_algorithms_exit_and_its_container_goes_when_it_is_back(
    engine_stack, private_engine, people, busybox_tarball, tmp_path
):
    alice, _ = people(engine_stack)
    image = alice.register_image_file("busybox", busybox_tarball)
    wait_for(lambda: _image_ready(alice, image["id"]), timeout=120, what="the image to be loaded")
    path = tmp_path / "data.txt"
    path.write_text("x\n")
    dataset = alice.create_dataset("input", {"data.txt": path})
    algorithm = alice.create_algorithm(
        image["id"], name="loop", command="/bin/sh -c 'while true; do echo tick; sleep 0.2; done'"
    )
    task = alice.run(algorithm["id"], dataset["id"])
    wait_for(lambda: alice.task(task["id"])["logLineCount"] >= 5, timeout=60, what="some log lines")

    private_engine.stop()  # SIGTERM to dockerd: it stops every container (SIGTERM, exit 143), then exits
    done = alice.wait(task["id"], timeout=60)
    assert done["status"] == "FAILED"
    assert "143" not in done["failureReason"] or "engine" in done["failureReason"], done["failureReason"]
    assert not done["failureReason"].startswith("exited with code"), done["failureReason"]

    private_engine.start()
    engine = docker.DockerClient(base_url=private_engine.socket, timeout=30)
    label = f"{LABEL_TASK}={_pk(task['id'])}"
    wait_for(
        lambda: not engine.api.containers(all=True, filters={"label": label}),
        timeout=60,
        what="the dead task's container to be removed",
    )
