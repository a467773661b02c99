"""Images by reference through the API: pulled from a registry, or failing with a reason people understand."""

from __future__ import annotations

import pytest

from oasis_testing.client import ApiError
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


def test_pulled_at_registration_then_run_by_its_pinned_id(stack, people, registry_image, dataset_path):
    alice, _ = people(stack)
    image = alice.register_image_ref("pulled", registry_image)
    assert image["status"] == "READY", image
    assert image["imageId"].startswith("sha256:")
    assert image["repoDigest"].startswith(registry_image.rsplit(":", 1)[0] + "@sha256:")
    algorithm = alice.create_algorithm(
        image["id"], name="hello", command='/bin/sh -c "echo DATA > output/hello.txt && echo HI"'
    )
    dataset = alice.create_dataset("in", {"x.txt": dataset_path})
    done = alice.wait(alice.run(algorithm["id"], dataset["id"])["id"], timeout=180)
    assert done["status"] == "SUCCEEDED", done
    assert done["outputLog"] == "HI\n"
    spec = alice.data(
        "query($id: ID!) { task(id: $id) { spec { imageId repoDigest imageRef } } }", {"id": done["id"]}
    )["task"]["spec"]
    assert spec == {
        "imageId": image["imageId"],
        "repoDigest": image["repoDigest"],
        "imageRef": registry_image,
    }


def test_missing_image_fails_at_registration_with_a_reason(stack, people, local_registry, dataset_path):
    alice, _ = people(stack)
    image = alice.register_image_ref("missing", f"{local_registry}/nobody/nothing:1")
    assert image["status"] == "FAILED"
    assert (
        image["failureReason"]
        == f"could not pull {local_registry}/nobody/nothing:1: not found in the registry"
    )
    algorithm = alice.create_algorithm(image["id"], name="never", command="true")
    dataset = alice.create_dataset("in", {"x.txt": dataset_path})
    with pytest.raises(ApiError) as refused:
        alice.run(algorithm["id"], dataset["id"])
    assert refused.value.args[0] == [
        {
            "field": "algorithmId",
            "message": f"The image missing could not be prepared: {image['failureReason']}",
        }
    ]


def test_engine_unreachable_fails_the_image_cleanly(busybox_ref, dataset_path):
    from oasis_testing.client import OasisClient

    live = start_stack("embedded", extra_env={"DOCKER_HOST": "tcp://127.0.0.1:9"})
    try:
        live.create_user("dora", "dora-password-1")
        dora = OasisClient(live.url, live.token("dora"))
        image = dora.register_image_ref("busybox", busybox_ref)
        assert image["status"] == "FAILED"
        assert image["failureReason"].startswith("container engine unreachable"), image["failureReason"]
    finally:
        live.stop()
