"""The runner's behaviour seen through the API on the distributed stack: limits, cancellation, logs,
skipped outputs, and recovery after a worker is killed mid-task."""

from __future__ import annotations

import time

import pytest

from oasis_testing.stack import wait_for
from tests.fixtures.stack import start_stack


@pytest.fixture(scope="module")
def stack(docker_client):
    live = start_stack("distributed")
    yield live
    live.stop()


@pytest.fixture(scope="module")
def env(stack, workspace):
    """Alice's client, an image and a one-file input dataset on the module's stack."""
    return workspace(stack)


def _run(env, command: str, **fields):
    alice, _, image, dataset = env
    algorithm = alice.create_algorithm(image["id"], name="t", command=command, **fields)
    return alice.run(algorithm["id"], dataset["id"])


def test_out_of_memory(env):
    alice = env[0]
    task = _run(env, "/bin/sh -c 'tail /dev/zero'", memoryMb=16)
    done = alice.wait(task["id"], timeout=120)
    assert done["status"] == "FAILED"
    assert done["failureReason"] == "killed: out of memory (limit 16 MB)"


def test_timeout(env):
    alice = env[0]
    started = time.monotonic()
    done = alice.wait(_run(env, "sleep 60", timeoutS=2)["id"], timeout=60)
    assert done["status"] == "FAILED"
    assert done["failureReason"] == "timed out after 2 s"
    assert time.monotonic() - started < 30


def test_symlink_in_output_is_skipped(env):
    alice = env[0]
    done = alice.wait(_run(env, "/bin/sh -c 'ln -s /etc/passwd output/pw && echo ok > output/ok.txt'")["id"])
    assert done["status"] == "SUCCEEDED"
    assert [e["node"]["path"] for e in done["outputDataset"]["files"]["edges"]] == ["ok.txt"]
    system = [line["text"] for line in alice.log_lines(done["id"]) if line["stream"] == "SYSTEM"]
    assert any("pw" in text and "kip" in text for text in system), system


def test_input_is_read_only_and_environment_is_set(env):
    alice = env[0]
    command = (
        "/bin/sh -c 'cat input/data.txt; echo $OASIS_INPUT_DIR $OASIS_OUTPUT_DIR $GREETING; "
        "if echo x > input/data.txt; then echo WRITABLE; else echo READONLY; fi'"
    )
    done = alice.wait(_run(env, command, environment={"GREETING": "hello"})["id"])
    assert done["status"] == "SUCCEEDED", done
    stdout = [line["text"] for line in alice.log_lines(done["id"]) if line["stream"] == "STDOUT"]
    assert stdout[0] == "input data"
    assert stdout[1] == "/oasis/input /oasis/output hello"
    assert stdout[2] == "READONLY"


def test_entrypoint_override(env):
    alice = env[0]
    done = alice.wait(_run(env, "-c 'echo via entrypoint'", entrypoint="/bin/sh")["id"])
    assert done["status"] == "SUCCEEDED"
    assert done["outputLog"] == "via entrypoint\n"


def test_large_log_complete_in_order_with_streams_apart(env):
    alice = env[0]
    done = alice.wait(_run(env, "/bin/sh -c 'seq 1 200000; seq 1 500 >&2'")["id"], timeout=300)
    assert done["status"] == "SUCCEEDED"
    lines = alice.log_lines(done["id"])
    assert [line["index"] for line in lines] == list(range(len(lines)))
    stdout = [line["text"] for line in lines if line["stream"] == "STDOUT"]
    stderr = [line["text"] for line in lines if line["stream"] == "STDERR"]
    assert stdout == [str(i) for i in range(1, 200001)]
    assert stderr == [str(i) for i in range(1, 501)]


def test_nul_and_invalid_utf8_become_replacement_characters(env):
    alice = env[0]
    done = alice.wait(_run(env, r"""/bin/sh -c "printf 'a\000b\n\377\376ok\n'" """)["id"])
    assert done["status"] == "SUCCEEDED"
    stdout = [line["text"] for line in alice.log_lines(done["id"]) if line["stream"] == "STDOUT"]
    assert stdout == ["a\ufffdb", "\ufffd\ufffdok"]


def test_cancel_queued_and_running(env, stack, docker_client):
    alice = env[0]
    # The worker runs two at a time: two sleepers take the slots, the third waits in the queue.
    running = [_run(env, "sleep 120") for _ in range(2)]
    for task in running:
        wait_for(lambda t=task: alice.task(t["id"])["status"] == "RUNNING", timeout=60, what="RUNNING")
    queued = _run(env, "echo never")
    time.sleep(1)
    assert alice.task(queued["id"])["status"] == "QUEUED"
    assert alice.cancel(queued["id"])["status"] == "CANCELLED"

    started = time.monotonic()
    for task in running:
        assert alice.cancel(task["id"])["status"] == "CANCELLED"

    def gone():
        # One listing call: inspecting each container would race with others being removed meanwhile.
        names = {name.lstrip("/") for c in docker_client.api.containers(all=True) for name in c["Names"]}
        scope = stack.env["OASIS_RUNNER_SCOPE"]
        return not any(f"oasis-{scope}-task-{_pk(t['id'])}" in names for t in running)

    wait_for(gone, timeout=10, what="the cancelled containers to be removed")
    assert time.monotonic() - started < 10
    # The queued one never ran, even after the worker got free.
    time.sleep(2)
    never = alice.task(queued["id"])
    assert never["status"] == "CANCELLED" and never["startedAt"] is None and never["logLineCount"] == 0
    for task in running:
        final = alice.task(task["id"])
        assert final["status"] == "CANCELLED" and final["outputDataset"] is None


def test_worker_killed_mid_task_is_recovered(env, stack):
    alice = env[0]
    task = _run(env, "/bin/sh -c 'for i in $(seq 1 60); do echo line $i; echo err $i >&2; sleep 0.1; done'")
    wait_for(lambda: alice.task(task["id"])["logLineCount"] >= 10, timeout=60, what="some log lines")
    stack.processes["worker"].kill()  # SIGKILL to the worker and its pool: no goodbye
    assert alice.task(task["id"])["status"] == "RUNNING"
    stack.start_worker("worker2")
    done = alice.wait(task["id"], timeout=120)
    assert done["status"] == "SUCCEEDED", (done, stack.logs()[-5000:])
    lines = alice.log_lines(done["id"])
    stdout = [line["text"] for line in lines if line["stream"] == "STDOUT"]
    stderr = [line["text"] for line in lines if line["stream"] == "STDERR"]
    assert stdout == [f"line {i}" for i in range(1, 61)]
    assert stderr == [f"err {i}" for i in range(1, 61)]


def test_other_user_cannot_touch_the_task(env):
    alice, bob, _, _ = env
    task = alice.wait(_run(env, "echo mine")["id"])
    assert bob.data("query($id: ID!) { task(id: $id) { id } }", {"id": task["id"]})["task"] is None
    body = bob.data(
        "mutation($id: ID!) { cancelTask(id: $id) { __typename ... on OperationInfo { messages { message } } } }",
        {"id": task["id"]},
    )
    assert body["cancelTask"]["__typename"] == "OperationInfo"


def _pk(global_id: str) -> int:
    import base64

    return int(base64.b64decode(global_id).decode().split(":")[1])
