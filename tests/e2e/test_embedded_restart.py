"""The embedded mode loses no submitted task when its one process dies: queued tasks are enqueued
again at start-up and a running one is reattached to its container."""

from __future__ import annotations

from oasis_testing.stack import wait_for
from tests.fixtures.stack import start_stack


def test_restart_keeps_queued_and_running_tasks(docker_client, workspace):
    stack = start_stack("embedded", extra_env={"OASIS_WORKER_CONCURRENCY": "1"})
    try:
        alice, _, image, dataset = workspace(stack)
        slow = alice.create_algorithm(
            image["id"],
            name="slow",
            command="/bin/sh -c 'for i in $(seq 1 40); do echo tick $i; sleep 0.1; done'",
        )
        quick = alice.create_algorithm(image["id"], name="quick", command="echo queued-and-kept")
        running = alice.run(slow["id"], dataset["id"])
        wait_for(
            lambda: alice.task(running["id"])["logLineCount"] >= 3, timeout=60, what="the slow task to run"
        )
        waiting = alice.run(quick["id"], dataset["id"])
        assert alice.task(waiting["id"])["status"] == "QUEUED"

        stack.processes["web"].kill()  # the whole embedded OASIS, worker included, dies at once
        stack.start_web()

        first = alice.wait(running["id"], timeout=120)
        second = alice.wait(waiting["id"], timeout=120)
        assert second["status"] == "SUCCEEDED" and second["outputLog"] == "queued-and-kept\n"
        assert first["status"] == "SUCCEEDED", (first, stack.logs()[-4000:])
        ticks = [line["text"] for line in alice.log_lines(first["id"]) if line["stream"] == "STDOUT"]
        assert ticks == [f"tick {i}" for i in range(1, 41)]
    finally:
        stack.stop()
