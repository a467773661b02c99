"""DockerRunner.run against the real engine, with the busybox test image.

Over 400 lines on purpose: one test per promise of ``runners/docker.py`` (images, inputs, outputs, logs,
limits, hardening, cancel, engine errors), all against the same engine and image fixtures.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import time
import uuid

import docker.errors
import pytest

from oasis_testing.busybox import busybox_rootfs
from runners.base import InputFile, JobImage, PullFailed, Termination
from runners.docker import DockerRunner, container_name
from runners.exceptions import EngineUnavailable, ImageNotFound, InvalidImageTarball, RunnerError, UserError
from tests.fixtures.docker import SESSION_SCOPE
from tests.runners.fakes import Recorder, file_opener, make_job, memory_input, sh

pytestmark = pytest.mark.docker

HELLO = sh("echo DATA > output/hello.txt && echo HI")


def assert_gone(docker_client, task_id: str) -> None:
    with pytest.raises(docker.errors.NotFound):
        docker_client.api.inspect_container(container_name(task_id, SESSION_SCOPE))


def run(runner, job) -> tuple:
    recorder = Recorder()
    outcome = runner.run(job, recorder.callbacks)
    return outcome, recorder


@pytest.fixture
def own_registry_image(docker_client, local_registry) -> str:
    """An image only the registry holds (an id of its own, so removing it touches no other test's)."""
    repository = f"{local_registry}/oasis-test/own-{uuid.uuid4().hex[:8]}"
    docker_client.api.import_image_from_data(
        busybox_rootfs(), repository=repository, tag="1", changes=[f"LABEL unique={uuid.uuid4().hex}"]
    )
    for message in docker_client.api.push(repository, tag="1", stream=True, decode=True):
        assert "error" not in message, message
    docker_client.images.remove(f"{repository}:1", force=True)
    return f"{repository}:1"


def test_a_reference_is_resolved_by_pulling_and_runs_by_its_pinned_digest(
    runner, docker_client, own_registry_image, task_id
):
    registry_image = own_registry_image
    progress: list[str] = []
    resolved = runner.resolve_reference(registry_image, registry_auth=None, on_progress=progress.append)
    repository = registry_image.rsplit(":", 1)[0]
    assert resolved.image_id == docker_client.images.get(registry_image).id
    assert resolved.repo_digest.startswith(repository + "@sha256:")
    # Another engine (here: the same one, emptied) gets the very same bytes by digest, never by tag.
    docker_client.images.remove(resolved.image_id, force=True)
    image = JobImage(image_id=resolved.image_id, pull_ref=resolved.repo_digest, display_name="x")

    outcome, recorder = run(runner, make_job(task_id, image, HELLO))

    assert (outcome.termination, outcome.exit_code) == (Termination.EXITED, 0)
    assert recorder.logs.stdout == b"HI\n"
    assert recorder.outputs.files == {"hello.txt": b"DATA\n"}
    assert f"Pulling {resolved.repo_digest}" in recorder.logs.notes
    assert_gone(docker_client, task_id)


def test_a_private_image_needs_the_credentials_for_its_own_host(
    runner, auth_registry, private_registry_image
):
    with pytest.raises(PullFailed) as refused:
        runner.resolve_reference(private_registry_image, registry_auth=None, on_progress=lambda _: None)
    assert refused.value.reason == "the registry refused access (authentication required or denied)"
    resolved = runner.resolve_reference(
        private_registry_image,
        registry_auth={**auth_registry.auth, "serveraddress": auth_registry.address},
        on_progress=lambda _: None,
    )
    assert resolved.image_id.startswith("sha256:")


def test_an_image_already_present_is_not_pulled(runner, busybox_image, task_id):
    outcome, recorder = run(runner, make_job(task_id, busybox_image, HELLO))

    assert (outcome.termination, outcome.exit_code) == (Termination.EXITED, 0)
    assert recorder.logs.stdout == b"HI\n"
    assert not any(note.startswith("Pulling") for note in recorder.logs.notes)


def test_an_image_id_the_engine_lacks_and_cannot_get_is_a_clear_error(runner, task_id):
    image = JobImage(image_id="sha256:" + "1" * 64, display_name="gone")
    with pytest.raises(ImageNotFound, match="is not on this worker's engine"):
        runner.run(make_job(task_id, image, HELLO), Recorder().callbacks)


@pytest.mark.parametrize("compressed", [False, True], ids=["tar", "tar.gz"])
def test_hello_from_a_tarball_loads_it_once_without_its_tags(
    runner, docker_client, loadable_image, compressed, task_id
):
    path = loadable_image.gz if compressed else loadable_image.tar
    image = JobImage(image_id=loadable_image.digest, open_tarball=file_opener(path), display_name="mine")

    outcome, recorder = run(runner, make_job(task_id, image, HELLO))
    again, second = run(runner, make_job(f"{task_id}-again", image, HELLO))

    assert (outcome.termination, outcome.exit_code) == (Termination.EXITED, 0)
    assert recorder.logs.stdout == b"HI\n"
    assert recorder.outputs.files == {"hello.txt": b"DATA\n"}
    assert "Loading image mine" in recorder.logs.notes
    assert (again.termination, again.exit_code) == (Termination.EXITED, 0)
    assert second.outputs.files == {"hello.txt": b"DATA\n"}
    assert not any(note.startswith("Loading") for note in second.logs.notes)
    # The archive names oasis-test/loadable:latest; loading it applied no tag.
    assert docker_client.images.get(loadable_image.digest).tags == []


def test_a_tarball_the_engine_cannot_load(runner, docker_client, task_id):
    image = JobImage(
        image_id="sha256:" + "0" * 64, open_tarball=lambda: io.BytesIO(b"this is not an image" * 100)
    )

    with pytest.raises(InvalidImageTarball):
        runner.run(make_job(task_id, image, HELLO), Recorder().callbacks)
    assert_gone(docker_client, task_id)


def test_an_image_the_registry_does_not_have(runner, local_registry):
    with pytest.raises(PullFailed) as failed:
        runner.resolve_reference(f"{local_registry}/no/such-image:1", registry_auth=None, on_progress=print)
    assert failed.value.reason == "not found in the registry"


def test_a_registry_that_is_not_there_is_named_by_class_only(runner):
    with pytest.raises(PullFailed) as failed:
        runner.resolve_reference("127.0.0.1:1/x:1", registry_auth=None, on_progress=print)
    assert failed.value.reason == "the registry could not be reached"


@pytest.mark.parametrize(
    ("command", "exit_code"),
    [(["notacommand"], 127), (sh("exit 1"), 1), (sh("exit 3"), 3)],
    ids=["not-a-command", "exit-1", "exit-3"],
)
def test_non_zero_exit_codes(runner, busybox_image, docker_client, task_id, command, exit_code):
    outcome, recorder = run(runner, make_job(task_id, busybox_image, [*command]))

    assert outcome.termination is Termination.EXITED
    assert outcome.exit_code == exit_code
    assert recorder.outputs.files == {}
    assert_gone(docker_client, task_id)


def test_nested_outputs_come_back_with_their_paths_and_no_inputs(runner, busybox_image, task_id):
    script = (
        "echo 1 > output/test.txt && mkdir -p output/foo/bar && echo 2 > output/foo/bar.txt"
        " && echo 3 > output/foo/bar2.txt && echo 4 > output/foo/bar/baz.txt"
    )
    inputs = [memory_input("in.txt", b"input"), memory_input("deep/in2.txt", b"input2")]

    outcome, recorder = run(runner, make_job(task_id, busybox_image, sh(script), inputs=inputs))

    assert (outcome.termination, outcome.exit_code) == (Termination.EXITED, 0)
    assert recorder.outputs.files == {
        "test.txt": b"1\n",
        "foo/bar.txt": b"2\n",
        "foo/bar2.txt": b"3\n",
        "foo/bar/baz.txt": b"4\n",
    }


def test_inputs_are_readable_and_not_writable(runner, busybox_image, task_id):
    script = (
        "cat input/a.txt input/sub/dir/b.txt;"
        " echo x >> input/a.txt || echo CANNOT-APPEND;"
        " touch input/new.txt || echo CANNOT-CREATE;"
        " rm -f input/a.txt || echo CANNOT-DELETE;"
        " mkdir input/d || echo CANNOT-MKDIR;"
        " id -u"
    )
    inputs = [memory_input("a.txt", b"alpha\n"), memory_input("sub/dir/b.txt", b"beta\n")]

    outcome, recorder = run(runner, make_job(task_id, busybox_image, sh(script), inputs=inputs))

    assert outcome.exit_code == 0
    assert recorder.logs.stdout == (
        b"alpha\nbeta\nCANNOT-APPEND\nCANNOT-CREATE\nCANNOT-DELETE\nCANNOT-MKDIR\n1000\n"
    )
    assert recorder.outputs.files == {}


def test_large_inputs_and_outputs_are_streamed_intact(runner, busybox_image, task_id):
    size = 24 * 1024 * 1024 + 7
    content = bytes(range(256)) * (size // 256) + b"tail!!!"
    assert len(content) == size
    script = "sha256sum input/big.bin && dd if=/dev/zero of=output/zeros.bin bs=1048576 count=20 2>/dev/null"

    outcome, recorder = run(
        runner,
        make_job(task_id, busybox_image, sh(script), inputs=[memory_input("big.bin", content)]),
    )

    assert outcome.exit_code == 0
    assert recorder.logs.stdout.split()[0].decode() == hashlib.sha256(content).hexdigest()
    assert recorder.outputs.files.keys() == {"zeros.bin"}
    assert recorder.outputs.files["zeros.bin"] == b"\0" * (20 * 1024 * 1024)


def test_an_input_shorter_than_announced_fails_cleanly(runner, busybox_image, docker_client, task_id):
    short = InputFile(path="a.txt", size=100, open=lambda: io.BytesIO(b"only this"))

    with pytest.raises(RunnerError, match="shorter"):
        runner.run(make_job(task_id, busybox_image, HELLO, inputs=[short]), Recorder().callbacks)
    assert_gone(docker_client, task_id)


def test_entrypoint_override_and_clearing(runner, busybox_image, task_id):
    overridden, first = run(
        runner, make_job(task_id, busybox_image, ["arg"], entrypoint=["/bin/echo", "from-entrypoint"])
    )
    cleared, second = run(runner, make_job(f"{task_id}-2", busybox_image, ["echo", "plain"], entrypoint=[]))
    image_cmd, _ = run(runner, make_job(f"{task_id}-3", busybox_image, None))

    assert overridden.exit_code == 0
    assert first.logs.stdout == b"from-entrypoint arg\n"
    assert cleared.exit_code == 0
    assert second.logs.stdout == b"plain\n"
    # The image's CMD is /bin/sh; with no stdin it exits at once.
    assert (image_cmd.termination, image_cmd.exit_code) == (Termination.EXITED, 0)


def test_environment(runner, busybox_image, task_id):
    job = make_job(
        task_id,
        busybox_image,
        sh('echo "$GREETING|$OASIS_INPUT_DIR|$OASIS_OUTPUT_DIR|$(pwd)"'),
        environment={"GREETING": "hello world", "OASIS_INPUT_DIR": "/elsewhere"},
    )

    outcome, recorder = run(runner, job)

    assert outcome.exit_code == 0
    assert recorder.logs.stdout == b"hello world|/oasis/input|/oasis/output|/oasis\n"


def test_out_of_memory(runner, busybox_image, docker_client, task_id):
    job = make_job(task_id, busybox_image, sh("x=aaaaaaaa; while true; do x=$x$x; done"), memory_mb=16)

    outcome, recorder = run(runner, job)

    assert outcome.termination is Termination.OOM_KILLED
    assert outcome.exit_code == 137
    assert recorder.outputs.files == {}
    assert_gone(docker_client, task_id)


def test_settings_the_engine_refuses_are_a_user_error(runner, busybox_image, docker_client, task_id):
    with pytest.raises(UserError, match=r"could not be created: .*[Mm]emory"):
        runner.run(make_job(task_id, busybox_image, HELLO, memory_mb=2), Recorder().callbacks)
    assert_gone(docker_client, task_id)


def test_timeout_kills_fast(runner, busybox_image, docker_client, task_id):
    began = time.monotonic()
    outcome, recorder = run(
        runner, make_job(task_id, busybox_image, sh("echo before; sleep 60"), timeout_s=2)
    )

    assert outcome.termination is Termination.TIMED_OUT
    assert time.monotonic() - began < 10
    assert recorder.logs.stdout == b"before\n"
    assert any("Time limit of 2 s" in note for note in recorder.logs.notes)
    assert_gone(docker_client, task_id)


def test_background_children_end_with_the_main_process(runner, busybox_image, task_id):
    began = time.monotonic()
    outcome, recorder = run(runner, make_job(task_id, busybox_image, sh("sleep 30 & echo hi")))

    assert (outcome.termination, outcome.exit_code) == (Termination.EXITED, 0)
    assert recorder.logs.stdout == b"hi\n"
    assert time.monotonic() - began < 10


def test_cancel_while_running(runner, busybox_image, docker_client, task_id):
    recorder = Recorder(cancel_after_s=1.0)
    job = make_job(task_id, busybox_image, sh("echo DATA > output/x.txt; echo started; sleep 60"))
    began = time.monotonic()

    outcome = runner.run(job, recorder.callbacks)

    assert outcome.termination is Termination.CANCELLED
    assert time.monotonic() - began < 10
    assert recorder.logs.stdout == b"started\n"
    assert recorder.outputs.files == {}
    assert_gone(docker_client, task_id)


def test_links_in_output_are_skipped(runner, busybox_image, task_id):
    script = (
        "ln -s /etc/passwd output/passwd-link && echo real > output/real.txt"
        " && ln output/real.txt output/hard.txt && ln -s / output/root-link"
    )

    outcome, recorder = run(runner, make_job(task_id, busybox_image, sh(script)))

    assert outcome.exit_code == 0
    files = recorder.outputs.files
    assert len(files) == 1 and set(files.values()) == {b"real\n"}
    assert set(files) <= {"real.txt", "hard.txt"}
    assert "Skipped output passwd-link: symbolic link (to /etc/passwd)" in recorder.logs.notes
    assert "Skipped output root-link: symbolic link (to /)" in recorder.logs.notes
    assert any(note.startswith("Skipped output") and "hard link" in note for note in recorder.logs.notes)


def test_many_lines_arrive_complete_in_order_and_separated(runner, busybox_image, task_id):
    script = "seq 1 200000; seq 1 3000 >&2; echo last"

    outcome, recorder = run(runner, make_job(task_id, busybox_image, sh(script)))

    assert outcome.exit_code == 0
    expected_out = b"".join(b"%d\n" % i for i in range(1, 200001)) + b"last\n"
    assert recorder.logs.stdout == expected_out
    assert recorder.logs.stderr == b"".join(b"%d\n" % i for i in range(1, 3001))


def test_bytes_pass_through_untouched(runner, busybox_image, task_id):
    script = r"printf 'a\000b\377\376c\n'; printf 'no newline at the end'; printf '\351t\351\n' >&2"

    outcome, recorder = run(runner, make_job(task_id, busybox_image, sh(script)))

    assert outcome.exit_code == 0
    assert recorder.logs.stdout == b"a\x00b\xff\xfec\nno newline at the end"
    assert recorder.logs.stderr == b"\xe9t\xe9\n"


def test_a_quiet_container_outlives_the_api_timeout(make_runner, busybox_image, task_id):
    runner = make_runner(api_timeout_s=2)

    outcome, recorder = run(runner, make_job(task_id, busybox_image, sh("sleep 4; echo late")))

    assert outcome.exit_code == 0
    assert recorder.logs.stdout == b"late\n"


def test_network_is_off_unless_allowed(runner, busybox_image, task_id):
    script = "cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d ' ' | sort | tr '\\n' ' '"

    _, isolated = run(runner, make_job(task_id, busybox_image, sh(script)))
    _, networked = run(runner, make_job(f"{task_id}-net", busybox_image, sh(script), network=True))

    assert isolated.logs.stdout == b"lo "
    assert b"eth0" in networked.logs.stdout


def test_hardening_and_limits(runner, busybox_image, task_id):
    script = (
        "grep -E '^(CapEff|CapPrm|NoNewPrivs)' /proc/self/status;"
        " id -u; id -g;"
        " cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max;"
        " cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max"
    )

    outcome, recorder = run(runner, make_job(task_id, busybox_image, sh(script), memory_mb=64, pids=77))

    assert outcome.exit_code == 0
    lines = recorder.logs.stdout.decode().split("\n")
    assert lines[:3] == ["CapPrm:\t0000000000000000", "CapEff:\t0000000000000000", "NoNewPrivs:\t1"]
    assert lines[3:7] == ["1000", "1000", str(64 * 1024 * 1024), "77"]


def test_an_unreachable_engine_is_retryable(busybox_image, task_id, tmp_path):
    runner = DockerRunner(base_url=f"unix://{tmp_path}/no-engine.sock", api_timeout_s=2)

    with pytest.raises(EngineUnavailable):
        runner.run(make_job(task_id, busybox_image, HELLO), Recorder().callbacks)


def _rewritten(path, change) -> bytes:
    """The archive at ``path`` with each regular member's bytes passed through ``change(name, data)``."""
    out = io.BytesIO()
    with tarfile.open(path) as source, tarfile.open(fileobj=out, mode="w") as target:
        for member in source:
            data = source.extractfile(member).read() if member.isreg() else None
            if data is not None:
                data = change(member.name, data)
                member.size = len(data)
            target.addfile(member, io.BytesIO(data) if data is not None else None)
    return out.getvalue()


def test_a_forged_archive_cannot_stand_in_for_an_image_the_engine_holds(
    runner, busybox_tarball, busybox_image_id
):
    def trojan(name: str, data: bytes) -> bytes:
        if not name.endswith("layer.tar"):
            return data
        layer = io.BytesIO()
        with tarfile.open(fileobj=layer, mode="w") as tar:
            info = tarfile.TarInfo("bin/sh")
            payload = b"#!/bin/busybox sh\necho pwned\n"
            info.size, info.mode = len(payload), 0o755
            tar.addfile(info, io.BytesIO(payload))
        return layer.getvalue()

    forged = _rewritten(busybox_tarball, trojan)
    with pytest.raises(InvalidImageTarball, match="does not match the image config"):
        runner.verify_tarball(lambda: io.BytesIO(forged), image_id=busybox_image_id)
    genuine = runner.verify_tarball(file_opener(busybox_tarball), image_id=busybox_image_id)
    assert genuine.image_id == busybox_image_id


def test_an_archive_naming_someone_elses_tag_does_not_move_it(
    runner, docker_client, loadable_image, busybox_image, busybox_image_id
):
    def poison(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest[0]["RepoTags"] = [busybox_image]
        return json.dumps(manifest).encode()

    poisoned = _rewritten(loadable_image.tar, poison)
    resolved = runner.verify_tarball(lambda: io.BytesIO(poisoned), image_id=loadable_image.digest)

    assert resolved.image_id == loadable_image.digest
    assert docker_client.images.get(busybox_image).id == busybox_image_id
    assert docker_client.images.get(loadable_image.digest).tags == []
