"""SIGTERM to the embedded server (issue 12): it stops accepting at once, lets a task that ends within
OASIS_SHUTDOWN_GRACE_S finish, hands the longer one back (its container keeps running, its lease
ends now) and exits; the next start resumes that task with its whole log. It used to live on until
its running task ended."""

from __future__ import annotations

import base64
import signal
import time

import httpx

from oasis_testing.stack import wait_for
from tests.fixtures.stack import start_stack

GRACE_S = 4.0
SLOW = "/bin/sh -c 'for i in $(seq 1 24); do echo tick $i; sleep 0.5; done; echo done > output/done.txt'"
QUICK = "/bin/sh -c 'sleep 2; echo quick > output/quick.txt'"


def _pk(global_id: str) -> int:
    return int(base64.b64decode(global_id).decode().rsplit(":", 1)[1])


def test_sigterm_finishes_within_the_grace_hands_the_rest_back_and_exits(docker_client, workspace):
    stack = start_stack(
        "embedded", extra_env={"OASIS_SHUTDOWN_GRACE_S": str(GRACE_S), "OASIS_WORKER_CONCURRENCY": "2"}
    )
    try:
        alice, _, image, dataset = workspace(stack)
        slow = alice.run(alice.create_algorithm(image["id"], name="slow", command=SLOW)["id"], dataset["id"])
        wait_for(lambda: alice.task(slow["id"])["logLineCount"] >= 2, timeout=60, what="the slow task to run")
        quick = alice.run(
            alice.create_algorithm(image["id"], name="quick", command=QUICK)["id"], dataset["id"]
        )
        wait_for(lambda: alice.task(quick["id"])["status"] == "RUNNING", timeout=30, what="the quick task")

        web = stack.processes["web"]
        terminated = time.monotonic()
        web.popen.send_signal(signal.SIGTERM)
        wait_for(lambda: not _accepts(stack), timeout=3, interval=0.05, what="the server to stop accepting")
        web.popen.wait(timeout=GRACE_S + 10)
        took = time.monotonic() - terminated
        assert GRACE_S - 1 <= took < GRACE_S + 6, took  # the slow task held it for the grace only
        assert web.popen.returncode == 0
        assert "Handed back 1 running task(s)" in web.log()

        containers = docker_client.api.containers(
            filters={
                "label": [
                    f"org.oasis.scope={stack.env['OASIS_RUNNER_SCOPE']}",
                    f"org.oasis.task={_pk(slow['id'])}",
                ]
            }
        )
        assert [c["State"] for c in containers] == ["running"], "the handed-back task's container runs on"
        holder = stack.manage(
            "shell",
            "-c",
            "from django.utils import timezone; from oasis.tasks.models import AlgorithmTask as T; "
            f"t = T.objects.get(pk={_pk(slow['id'])}); print(t.status, t.worker.endswith(':handed-back'), "
            "t.lease_expires_at <= timezone.now())",
        )
        assert holder.strip().splitlines()[-1].split() == ["RUNNING", "True", "True"]

        stack.start_web()
        done = alice.wait(slow["id"], timeout=90)
        assert done["status"] == "SUCCEEDED", (done, stack.logs()[-4000:])
        ticks = [line["text"] for line in alice.log_lines(slow["id"]) if line["stream"] == "STDOUT"]
        assert ticks == [f"tick {i}" for i in range(1, 25)]
        finished = alice.task(quick["id"])
        assert finished["status"] == "SUCCEEDED"
        assert [f["node"]["path"] for f in finished["outputDataset"]["files"]["edges"]] == ["quick.txt"]
    finally:
        stack.stop()


def _accepts(stack) -> bool:
    try:
        httpx.get(f"{stack.url}/api/health", timeout=0.5)
        return True
    except httpx.HTTPError:
        return False
