"""Running algorithms end to end through the GraphQL API, on the real stack and a real Docker engine."""

from __future__ import annotations

import io
import zipfile

import pytest

HELLO = '/bin/sh -c "echo DATA > output/hello.txt && echo HI"'


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("inputs")
    (root / "a.txt").write_text("alpha\n")
    (root / "b.txt").write_text("beta\n")
    return {"a.txt": root / "a.txt", "sub/b.txt": root / "b.txt"}


def test_hello_from_tarball(stack_in_each_mode, people, busybox_tarball, inputs):
    alice, _ = people(stack_in_each_mode)
    image = alice.register_image_file("busybox", busybox_tarball)
    assert image["status"] == "READY" and image["imageId"].startswith("sha256:")
    algorithm = alice.create_algorithm(image["id"], name="hello", command=HELLO)
    dataset = alice.create_dataset("in", inputs)
    task = alice.run(algorithm["id"], dataset["id"])
    assert task["status"] == "QUEUED"
    done = alice.wait(task["id"], timeout=120)
    assert done["status"] == "SUCCEEDED", (done, stack_in_each_mode.logs())
    assert done["exitCode"] == 0
    assert done["outputLog"] == "HI\n"
    files = {e["node"]["path"]: e["node"] for e in done["outputDataset"]["files"]["edges"]}
    assert list(files) == ["hello.txt"]
    body = alice.download(files["hello.txt"]["downloadUrl"])
    assert body.status_code == 200 and body.content == b"DATA\n"
    assert done["startedAt"] and done["finishedAt"] and done["queuedAt"]


def test_nested_outputs_and_inputs_not_copied(stack_in_each_mode, people, busybox_ref, inputs):
    alice, _ = people(stack_in_each_mode)
    image = alice.register_image_ref("busybox-ref", busybox_ref)
    command = (
        "/bin/sh -c 'cat input/a.txt input/sub/b.txt > output/test.txt && mkdir -p output/foo/bar && "
        "echo 1 > output/foo/bar.txt && echo 2 > output/foo/bar2.txt && echo 3 > output/foo/bar/baz.txt'"
    )
    algorithm = alice.create_algorithm(image["id"], name="nested", command=command)
    dataset = alice.create_dataset("in2", inputs)
    done = alice.wait(alice.run(algorithm["id"], dataset["id"])["id"])
    assert done["status"] == "SUCCEEDED", (done, stack_in_each_mode.logs())
    files = {e["node"]["path"] for e in done["outputDataset"]["files"]["edges"]}
    assert files == {"test.txt", "foo/bar.txt", "foo/bar2.txt", "foo/bar/baz.txt"}
    zipped = alice.download(f"/api/datasets/{_pk(done['outputDataset']['id'])}/download.zip")
    archive = zipfile.ZipFile(io.BytesIO(zipped.content))
    assert archive.read("test.txt") == b"alpha\nbeta\n"
    assert archive.read("foo/bar/baz.txt") == b"3\n"


@pytest.mark.parametrize(
    ("command", "code"),
    [("notacommand", 127), ("/bin/sh -c 'echo oops >&2; exit 1'", 1), ("/bin/sh -c 'exit 3'", 3)],
)
def test_failures(stack_in_each_mode, people, busybox_ref, inputs, command, code):
    alice, _ = people(stack_in_each_mode)
    image = alice.register_image_ref(f"busybox-fail-{code}", busybox_ref)
    algorithm = alice.create_algorithm(image["id"], name="fails", command=command)
    dataset = alice.create_dataset("in-fail", inputs)
    done = alice.wait(alice.run(algorithm["id"], dataset["id"])["id"])
    assert done["status"] == "FAILED"
    assert done["exitCode"] == code
    assert done["failureReason"]
    assert done["outputDataset"] is None


def _pk(global_id: str) -> int:
    import base64

    return int(base64.b64decode(global_id).decode().split(":")[1])
