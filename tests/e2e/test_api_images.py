"""Images by reference through the API: pulled from a registry, or failing with a reason people understand."""

from __future__ import annotations

import pytest

from tests.fixtures.stack import start_stack


@pytest.fixture(scope="module")
def stack(docker_client):
    live = start_stack("embedded")
    yield live
    live.stop()


@pytest.fixture(scope="module")
def dataset_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("in") / "x.txt"
    path.write_text("x\n")
    return path


def test_pulled_from_the_registry_with_a_log_line(stack, people, registry_image, dataset_path):
    alice, _ = people(stack)
    image = alice.register_image_ref("pulled", registry_image)
    algorithm = alice.create_algorithm(
        image["id"], name="hello", command='/bin/sh -c "echo DATA > output/hello.txt && echo HI"'
    )
    dataset = alice.create_dataset("in", {"x.txt": dataset_path})
    done = alice.wait(alice.run(algorithm["id"], dataset["id"])["id"], timeout=180)
    assert done["status"] == "SUCCEEDED", done
    assert done["outputLog"] == "HI\n"
    system = [line["text"] for line in alice.log_lines(done["id"]) if line["stream"] == "SYSTEM"]
    assert f"Pulling {registry_image}" in system


def test_missing_image_fails_with_a_reason(stack, people, local_registry, dataset_path):
    alice, _ = people(stack)
    image = alice.register_image_ref("missing", f"{local_registry}/nobody/nothing:1")
    algorithm = alice.create_algorithm(image["id"], name="never", command="true")
    dataset = alice.create_dataset("in", {"x.txt": dataset_path})
    done = alice.wait(alice.run(algorithm["id"], dataset["id"])["id"], timeout=120)
    assert done["status"] == "FAILED"
    assert done["failureReason"].startswith("image not found or pull failed"), done["failureReason"]
    assert done["startedAt"] is None


def test_engine_unreachable_fails_the_task_cleanly(docker_client, busybox_image, dataset_path):
    from tests.fixtures.client import OasisClient

    live = start_stack("embedded", extra_env={"DOCKER_HOST": "tcp://127.0.0.1:9"})
    try:
        live.create_user("dora", "dora-password-1")
        dora = OasisClient(live.url, live.token("dora"))
        image = dora.register_image_ref("busybox", busybox_image)
        algorithm = dora.create_algorithm(image["id"], name="x", command="true")
        dataset = dora.create_dataset("in", {"x.txt": dataset_path})
        done = dora.wait(dora.run(algorithm["id"], dataset["id"])["id"], timeout=120)
        assert done["status"] == "FAILED"
        assert done["failureReason"].startswith("container engine unreachable"), done["failureReason"]
    finally:
        live.stop()
