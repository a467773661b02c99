"""D1-D3: a PostgreSQL restart and outage mid-task, a Redis restart that loses every queued message,
and a final status published while Redis was away - on the distributed stack (daphne, a Celery worker
with beat, dockerd) over a private PostgreSQL cluster and a private Redis that the tests stop and start.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import re
import signal
import threading
import time
from datetime import datetime

import pytest

from oasis_testing.client import TASK_UPDATES, Subscriptions
from oasis_testing.stack import wait_for

pytestmark = pytest.mark.faults

# 3,000 numbered lines over ~15 s (a pause every 100 lines).
STEADY = (
    "/bin/sh -c 'i=1; while [ $i -le 3000 ]; do echo line $i; "
    "if [ $((i % 100)) -eq 0 ]; then sleep 0.5; fi; i=$((i+1)); done'"
)


@pytest.fixture(scope="module")
def env(fault_stack, people, busybox_tarball, tmp_path_factory):
    """Alice's client, a busybox image (uploaded as a tarball: no registry needed) and a dataset."""
    alice, bob = people(fault_stack)
    image = alice.register_image_file("busybox", busybox_tarball)
    wait_for(lambda: _image_ready(alice, image["id"]), timeout=120, what="the image to be prepared")
    path = tmp_path_factory.mktemp("in") / "data.txt"
    path.write_text("input data\n")
    return alice, bob, image, alice.create_dataset("input", {"data.txt": path})


def _image_ready(alice, image_id: str) -> bool:
    """Images being prepared (pulled or verified) cannot run yet; a schema without statuses is ready."""
    body = alice.execute("query($id: ID!) { image(id: $id) { status } }", {"id": image_id})
    if body.get("errors"):
        return True
    return body["data"]["image"]["status"] != "PENDING"


def _run(env, command: str) -> dict:
    alice, _, image, dataset = env
    algorithm = alice.create_algorithm(image["id"], name="fault", command=command)
    return alice.run(algorithm["id"], dataset["id"])


def _stdout(alice, task_id: str) -> list[str]:
    lines = alice.log_lines(task_id)
    assert [line["index"] for line in lines] == list(range(len(lines))), "a gap or a duplicate"
    return [line["text"] for line in lines if line["stream"] == "STDOUT"]


def test_d1_a_database_restart_and_outage_mid_task_cost_the_task_nothing(env, fault_stack, private_postgres):
    alice = env[0]
    task = _run(env, STEADY)
    wait_for(lambda: alice.task(task["id"])["logLineCount"] >= 300, timeout=90, what="30% of the log")
    private_postgres.restart()  # the `pg_ctl restart -m fast` of the issue: every connection is cut
    time.sleep(2)
    private_postgres.stop()  # and then an outage of 30 s: the container ends meanwhile
    time.sleep(30)
    private_postgres.start()

    done = alice.wait(task["id"], timeout=120)
    assert done["status"] == "SUCCEEDED", (done, fault_stack.logs()[-6000:])
    assert _stdout(alice, task["id"]) == [f"line {i}" for i in range(1, 3001)]


def test_d2_run_algorithm_while_the_broker_is_down_queues_the_task_and_says_so(
    env, fault_stack, private_redis
):
    alice = env[0]
    private_redis.stop()
    try:
        started = time.monotonic()
        task = _run(env, "echo sent while redis was down")  # raises on an error or an OperationInfo
        assert time.monotonic() - started < 15
        assert task["status"] == "QUEUED"
    finally:
        private_redis.start()
    # Nothing was sent: recovery (every 2 s here) finds it QUEUED in the database and sends it.
    done = alice.wait(task["id"], timeout=60)
    assert done["status"] == "SUCCEEDED", (done, fault_stack.logs()[-6000:])
    assert _stdout(alice, task["id"]) == ["sent while redis was down"]


def test_d2_queued_tasks_lost_with_the_brokers_state_run_once(env, fault_stack, private_redis):
    alice = env[0]
    # The worker runs two at a time: two sleepers take the slots, two more wait in Redis.
    tasks = [_run(env, f"/bin/sh -c 'sleep 4; echo task {n}'") for n in range(4)]
    wait_for(
        lambda: sum(alice.task(t["id"])["status"] == "RUNNING" for t in tasks) == 2,
        timeout=60,
        what="two running",
    )
    assert sum(alice.task(t["id"])["status"] == "QUEUED" for t in tasks) == 2
    private_redis.restart(down_s=1)  # no persistence: the two waiting messages are gone

    for n, task in enumerate(tasks):
        done = alice.wait(task["id"], timeout=90)
        assert done["status"] == "SUCCEEDED", (done, fault_stack.logs()[-6000:])
        assert _stdout(alice, task["id"]) == [f"task {n}"]  # ran once, whoever sent it
    worker_log = fault_stack.processes["worker"].log()
    for task in tasks:
        pk = _pk(task["id"])
        # Recovery sends a lost task again once, not at every run (it runs every 2 s here).
        assert len(re.findall(rf"Recovering task {pk}:", worker_log)) <= 1, worker_log[-4000:]


def test_d3_task_updates_shows_a_final_status_published_while_redis_was_away(env, fault_stack, private_redis):
    alice, token = env[0], env[0].token
    task = _run(env, "/bin/sh -c 'sleep 3; echo finished'")
    statuses: list[str] = []
    failure: list[BaseException] = []

    async def watch():
        async with Subscriptions(fault_stack.ws_url, token) as ws:
            op = await ws.subscribe(TASK_UPDATES, {"id": task["id"]})
            async for data in ws.messages(op, timeout=90):
                statuses.append(data["taskUpdates"]["status"])

    def follow():
        try:
            asyncio.run(watch())
        except BaseException as exc:
            failure.append(exc)

    viewer = threading.Thread(target=follow, daemon=True)
    viewer.start()
    wait_for(lambda: alice.task(task["id"])["status"] == "RUNNING", timeout=60, what="RUNNING")
    private_redis.stop()  # the event of the final status cannot be delivered: it is lost for good
    try:
        alice.wait(task["id"], timeout=60)
    finally:
        private_redis.start()
    viewer.join(timeout=60)
    assert not failure, failure
    assert statuses and statuses[-1] == "SUCCEEDED", statuses


def _pk(global_id: str) -> int:
    import base64

    return int(base64.b64decode(global_id).decode().split(":")[1])


def test_d4_a_frozen_workers_task_is_taken_over_ahead_of_a_backlog_and_it_lets_go(env, fault_stack):
    """D4 and lease loss, last in the module (it freezes the stack's worker): a worker frozen past its
    lease (SIGSTOP, as a long GC or a stalled host) while 14 tasks wait; another worker takes the task
    over ahead of the backlog; the frozen one, thawed, finds its lease lost and lets go."""
    alice = env[0]
    task = _run(env, "/bin/sh -c 'i=1; while [ $i -le 100 ]; do echo line $i; i=$((i+1)); sleep 0.1; done'")
    wait_for(lambda: alice.task(task["id"])["logLineCount"] >= 10, timeout=60, what="some log lines")
    backlog = [_run(env, "sleep 2") for _ in range(14)]
    frozen = fault_stack.processes["worker"]
    os.killpg(frozen.popen.pid, signal.SIGSTOP)  # the whole worker (and its beat): no lease renewed
    killed_at = time.monotonic()
    fault_stack.start_worker("worker2")

    def resumed():
        texts = [line["text"] for line in alice.log_lines(task["id"]) if line["stream"] == "SYSTEM"]
        return any("was lost; resuming" in text for text in texts)

    wait_for(resumed, timeout=90, what="the takeover")
    took = time.monotonic() - killed_at
    waiting = sum(alice.task(t["id"])["status"] == "QUEUED" for t in backlog)
    # Lease 6 s + a second look 3 s later + recovery every 2 s + a free slot; not behind ~14 x 2.5 s / 2.
    assert took < 25 and waiting >= 4, (took, waiting)

    os.killpg(frozen.popen.pid, signal.SIGCONT)
    pk = _pk(task["id"])
    wait_for(
        lambda: re.search(
            rf"Task {pk}: lost its lease to \S+; this worker \S+ stops executing it", frozen.log()
        ),
        timeout=15,
        what="the thawed worker to notice it lost the task",
    )

    done = alice.wait(task["id"], timeout=90)
    assert done["status"] == "SUCCEEDED", (done, fault_stack.logs()[-6000:])
    assert _stdout(alice, task["id"]) == [f"line {i}" for i in range(1, 101)]
    for queued in backlog:
        assert alice.wait(queued["id"], timeout=120)["status"] == "SUCCEEDED"
    log = fault_stack.processes["worker2"].log()
    assert len(re.findall(rf"Recovering task {_pk(task['id'])}:", log)) == 1, log[-4000:]

    # Housekeeping kept its pace during the backlog: recovery (every 2 s) never waited long for a slot.
    # Both workers run a beat, so once the frozen one is thawed the ticks are shared between their logs.
    def stamps(process):
        return [
            datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S,%f")
            for stamp in re.findall(
                r"^\[([^\]]+): INFO/ForkPoolWorker-\d+\] Task oasis\.tasks\.tasks\.recover_tasks",
                process.log(),
                re.M,
            )
        ]

    taken_over_from = min(stamps(fault_stack.processes["worker2"]))
    ticks = sorted(
        t for t in stamps(frozen) + stamps(fault_stack.processes["worker2"]) if t >= taken_over_from
    )
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(ticks)]
    assert len(ticks) >= 5 and max(gaps) < 8, gaps
