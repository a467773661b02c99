"""Pinned runs, tried as two users on one shared engine through the real API (issue 10).

1. Another user's private image cannot be run by naming it (tag or ``sha256:`` id).
2. An uploaded archive naming someone else's tag does not move it (no tag poisoning).
3. Registry logins go to their own host only; a foreign registry's answer is not echoed.
Then: a task's spec stays as it was, re-runs, result reuse, provenance.
"""

from __future__ import annotations

import http.server
import io
import json
import tarfile
import threading
import time
import uuid

import pytest

from oasis_testing.busybox import busybox_rootfs
from oasis_testing.client import ApiError, OasisClient
from tests.fixtures.stack import start_stack

pytestmark = pytest.mark.docker


class _FakeRegistry(http.server.BaseHTTPRequestHandler):
    """Answers every request 401 asking for basic auth, and records any Authorization header."""

    seen: list[str] = []

    def do_GET(self):
        self.seen.append(self.headers.get("Authorization", ""))
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="private secrets at 10.9.8.7"')
        self.send_header("Content-Type", "application/json")
        body = b'{"errors":[{"code":"UNAUTHORIZED","message":"internal host db-7.corp answered"}]}'
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def fake_registry():
    handler = type("Recorder", (_FakeRegistry,), {"seen": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}", handler.seen
    server.shutdown()


@pytest.fixture(scope="module")
def stack(docker_client, auth_registry, local_registry):
    # The installation's login belongs to auth_registry only.
    logins = {auth_registry.address: {"username": auth_registry.username, "password": auth_registry.password}}
    live = start_stack("embedded", extra_env={"OASIS_REGISTRY_CREDENTIALS": json.dumps(logins)})
    yield live
    live.stop()


@pytest.fixture(scope="module")
def users(stack, people):
    return people(stack)


def _image_archive(
    docker_client, tmp_path, *, tag: str, files: dict[str, tuple[bytes, int]]
) -> tuple[str, str]:
    """A ``docker save`` archive of busybox plus ``files`` ({path: (data, mode)}), tagged ``tag``;
    the image is removed from the engine afterwards. Returns (archive path, image id)."""
    out = io.BytesIO()
    with (
        tarfile.open(fileobj=io.BytesIO(busybox_rootfs())) as base,
        tarfile.open(fileobj=out, mode="w") as rootfs,
    ):
        for member in base:
            if member.name in files:
                continue
            rootfs.addfile(member, base.extractfile(member) if member.isreg() else None)
        for path, (data, mode) in files.items():
            info = tarfile.TarInfo(path)
            info.size, info.mode = len(data), mode
            rootfs.addfile(info, io.BytesIO(data))
    repository, version = tag.rsplit(":", 1)
    docker_client.api.import_image_from_data(
        out.getvalue(),
        repository=repository,
        tag=version,
        changes=['CMD ["/bin/sh"]', f"LABEL test={uuid.uuid4().hex}"],
    )
    image = docker_client.images.get(tag)
    path = tmp_path / f"{uuid.uuid4().hex[:8]}.tar"
    with open(path, "wb") as file:
        for chunk in image.save(named=True):
            file.write(chunk)
    docker_client.images.remove(image.id, force=True)
    return str(path), image.id


def _input(client: OasisClient, tmp_path, name: str, text: str = "input\n") -> dict:
    path = tmp_path / f"{name}.txt"
    path.write_text(text)
    return client.create_dataset(name, {"data.txt": path})


def test_another_users_private_image_cannot_be_run_by_name_or_id(users, docker_client, tmp_path):
    alice, bob = users
    secret_tag = f"acme/secret-model-{uuid.uuid4().hex[:6]}:v1"
    archive, image_id = _image_archive(
        docker_client, tmp_path, tag=secret_tag, files={"model/weights.txt": (b"ALICE-WEIGHTS\n", 0o644)}
    )
    mine = alice.register_image_file("secret", archive)
    assert (mine["status"], mine["imageId"]) == ("READY", image_id)
    algorithm = alice.create_algorithm(mine["id"], name="model", command="cat /model/weights.txt")
    done = alice.wait(alice.run(algorithm["id"], _input(alice, tmp_path, "a")["id"])["id"])
    assert done["status"] == "SUCCEEDED" and done["outputLog"] == "ALICE-WEIGHTS\n"

    # Loading the archive applied no tag: the engine holds the image by id only.
    assert docker_client.images.get(image_id).tags == []
    # Bob names Alice's tag: a reference is pulled from its registry, never taken from the engine.
    by_tag = bob.register_image_ref("stolen", secret_tag)
    assert by_tag["status"] == "FAILED"
    assert by_tag["failureReason"].startswith(f"could not pull {secret_tag}: ")
    # Bob names the image id: refused at once.
    for ref in (image_id, image_id.removeprefix("sha256:"), image_id[7:19]):
        with pytest.raises(ApiError) as refused:
            bob.register_image_ref(f"stolen-{ref[-4:]}", ref)
        assert "Image ids cannot be registered" in refused.value.args[0][0]["message"]
    # Neither image is runnable.
    stolen = bob.create_algorithm(by_tag["id"], name="steal", command="cat /model/weights.txt")
    with pytest.raises(ApiError, match="could not be prepared"):
        bob.run(stolen["id"], _input(bob, tmp_path, "b")["id"])


def test_an_uploaded_archive_cannot_take_over_another_users_tag(
    users, docker_client, local_registry, tmp_path
):
    alice, bob = users
    tool = f"{local_registry}/team/tool-{uuid.uuid4().hex[:6]}:1"
    genuine_path, genuine_id = _image_archive(
        docker_client, tmp_path, tag=tool, files={"tool.txt": (b"GENUINE\n", 0o644)}
    )
    docker_client.api.load_image(open(genuine_path, "rb").read())  # noqa: SIM115
    for message in docker_client.api.push(tool.rsplit(":", 1)[0], tag="1", stream=True, decode=True):
        assert "error" not in message, message
    image = alice.register_image_ref("tool", tool)
    assert (image["status"], image["imageId"]) == ("READY", genuine_id)
    algorithm = alice.create_algorithm(image["id"], name="tool", command="/bin/sh -c 'cat /tool.txt'")

    # Bob's archive says RepoTags [tool] and holds a trojan /bin/sh.
    trojan = b'#!/bin/busybox sh\necho TROJAN RAN\nexec /bin/busybox sh "$@"\n'
    bad_path, bad_id = _image_archive(docker_client, tmp_path, tag=tool, files={"bin/sh": (trojan, 0o755)})
    docker_client.api.load_image(open(genuine_path, "rb").read())  # the engine's tag is Alice's again  # noqa: SIM115
    bad = bob.register_image_file("tool", bad_path)
    assert bad["status"] == "READY"
    bob_algorithm = bob.create_algorithm(bad["id"], name="trojan", command="/bin/sh -c 'echo hi'")
    bob_done = bob.wait(bob.run(bob_algorithm["id"], _input(bob, tmp_path, "b2")["id"])["id"])
    assert "TROJAN RAN" in bob_done["outputLog"]  # his own image runs his own code

    assert docker_client.images.get(tool).id == genuine_id  # the tag did not move
    done = alice.wait(alice.run(algorithm["id"], _input(alice, tmp_path, "a2")["id"])["id"])
    assert done["status"] == "SUCCEEDED"
    assert done["outputLog"] == "GENUINE\n"
    assert bad_id != genuine_id


def test_registry_logins_go_to_their_own_host_only(
    users, fake_registry, auth_registry, private_registry_image
):
    alice, bob = users
    address, seen = fake_registry
    image = bob.register_image_ref("fake", f"{address}/x:1")
    assert image["status"] == "FAILED"
    assert image["failureReason"] == (
        f"could not pull {address}/x:1: the registry refused access (authentication required or denied)"
    )
    assert seen, "the engine never asked the fake registry"
    assert not any(auth_registry.password in header or header.startswith("Basic") for header in seen), seen
    assert "10.9.8.7" not in image["failureReason"] and "db-7" not in image["failureReason"]
    # The installation's login does reach its own host.
    private = alice.register_image_ref("private", private_registry_image)
    assert private["status"] == "READY", private


def test_a_users_own_login_is_used_for_their_images(stack, auth_registry, private_registry_image):
    stack.create_user("erin", "erin-password-1")
    erin = OasisClient(stack.url, stack.token("erin"))
    saved = erin.mutate(
        "setRegistryCredential",
        """mutation($input: RegistryCredentialInput!) { setRegistryCredential(input: $input) {
            __typename ... on RegistryCredential { host username }
            ... on OperationInfo { messages { field message } } } }""",
        {"input": {"host": auth_registry.address, "username": auth_registry.username, "password": "wrong"}},
    )
    assert saved == {"__typename": "RegistryCredential", "host": auth_registry.address, "username": "oasis"}
    # Her own (wrong) login is taken before the installation's: the pull is refused.
    refused = erin.register_image_ref("private", private_registry_image)
    assert refused["failureReason"].endswith(
        "the registry refused access (authentication required or denied)"
    )
    listed = erin.data("{ registryCredentials { host username } }")["registryCredentials"]
    assert listed == [{"host": auth_registry.address, "username": "oasis"}]
    assert "password" not in json.dumps(erin.data("{ registryCredentials { host } }"))


def test_specs_rerun_reuse_and_provenance(users, busybox_ref, tmp_path):
    alice, bob = users
    image = alice.register_image_ref("busybox-pinned", busybox_ref)
    algorithm = alice.create_algorithm(
        image["id"],
        name="count",
        command="/bin/sh -c 'wc -c < input/data.txt > output/count.txt; echo counted'",
        cacheResults=True,
        isPublic=True,
    )
    data = _input(alice, tmp_path, "counted", "12345\n")
    first = alice.wait(alice.run(algorithm["id"], data["id"])["id"])
    assert first["status"] == "SUCCEEDED" and first["reusedFrom"] is None

    # Same spec, same input content (another dataset with the same file): reused at once.
    same = _input(alice, tmp_path, "same-content", "12345\n")
    started = time.monotonic()
    reused = alice.run(algorithm["id"], same["id"])
    assert reused["status"] == "SUCCEEDED"
    assert time.monotonic() - started < 5
    reused = alice.task(reused["id"])
    assert reused["reusedFrom"] == {"id": first["id"]}
    assert reused["specDigest"] == first["specDigest"] and reused["inputDigest"] == first["inputDigest"]
    files = lambda task: {  # noqa: E731
        e["node"]["path"]: e["node"]["sha256"] for e in task["outputDataset"]["files"]["edges"]
    }
    assert files(reused) == files(first)
    [note] = [line["text"] for line in alice.log_lines(reused["id"])]
    assert note.startswith("[oasis] Reused the result of task ") and note.endswith("nothing was run.")
    # Bob may run Alice's public algorithm, but never gets her result.
    bobs = bob.wait(bob.run(algorithm["id"], _input(bob, tmp_path, "bob-same", "12345\n")["id"])["id"])
    assert bobs["status"] == "SUCCEEDED" and bobs["reusedFrom"] is None

    # Editing the algorithm changes no earlier task; a re-run runs the recorded spec.
    alice.mutate(
        "updateAlgorithm",
        """mutation($id: ID!, $input: AlgorithmInput!) { updateAlgorithm(id: $id, input: $input) {
            __typename ... on Algorithm { id } ... on OperationInfo { messages { field message } } } }""",
        {"id": algorithm["id"], "input": {"command": "/bin/sh -c 'echo changed'"}},
    )
    spec_query = "query($id: ID!) { task(id: $id) { spec { command digest } } }"
    assert alice.data(spec_query, {"id": first["id"]})["task"]["spec"] == {
        "command": ["/bin/sh", "-c", "wc -c < input/data.txt > output/count.txt; echo counted"],
        "digest": first["specDigest"],
    }
    again = alice.wait(alice.rerun(first["id"])["id"])
    assert again["status"] == "SUCCEEDED" and again["outputLog"] == "counted\n"
    assert again["rerunOf"] == {"id": first["id"]} and again["specDigest"] == first["specDigest"]
    current = alice.wait(alice.rerun(first["id"], use_current_algorithm=True)["id"])
    assert current["outputLog"] == "changed\n" and current["specDigest"] != first["specDigest"]

    # Provenance: the output knows its task, and the lineage walks back through inputs.
    # (the edited algorithm writes no file now, so no output dataset: chain one that does)
    counter = alice.create_algorithm(
        image["id"], name="count-again", command="/bin/sh -c 'wc -c < input/count.txt > output/count.txt'"
    )
    chained = alice.wait(alice.run(counter["id"], first["outputDataset"]["id"], reuse=False)["id"])
    lineage = alice.data(
        "query($id: ID!) { dataset(id: $id) { producedBy { id } lineage { id inputDataset { id } } } }",
        {"id": chained["outputDataset"]["id"]},
    )["dataset"]
    assert lineage["producedBy"] == {"id": chained["id"]}
    assert [step["id"] for step in lineage["lineage"]] == [chained["id"], first["id"]]
    assert lineage["lineage"][1]["inputDataset"] == {"id": data["id"]}
