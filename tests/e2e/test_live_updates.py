"""Live updates over /graphql websockets, against daphne, Celery, Redis and Docker for real.

Every test follows a task's log with a real ``graphql-transport-ws`` client and checks the product's
promise: every line exactly once, in order, even across disconnects and a Redis restart.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time

import pytest

from oasis_testing.client import TASK_LOGS, TASK_UPDATES, ApiError, Subscriptions
from oasis_testing.stack import free_port, wait_for
from tests.fixtures.services import missing_service
from tests.fixtures.stack import start_stack

# 10,000 lines on stdout and 10,000 on stderr, in 100 bursts with small pauses.
CHATTY = (
    "/bin/sh -c 'for i in $(seq 0 99); do seq $((i*100+1)) $((i*100+100)); "
    "seq $((i*100+1)) $((i*100+100)) >&2; sleep 0.03; done'"
)
EXPECTED = [str(i) for i in range(1, 10001)]


@pytest.fixture(scope="module")
def env(stack_in_each_mode, workspace):
    alice, bob, image, dataset = workspace(stack_in_each_mode)
    return stack_in_each_mode, alice, bob, image, dataset, alice.token, bob.token


def launch(env, command: str = CHATTY) -> dict:
    _, alice, _, image, dataset, _, _ = env
    algorithm = alice.create_algorithm(image["id"], name="chatty", command=command)
    return alice.run(algorithm["id"], dataset["id"])


async def follow(ws_url: str, token: str, task_id: str, *, from_line: int = 0, stop_after: int | None = None):
    """Lines of ``taskLogs`` from ``from_line``; stops early after ``stop_after`` lines (a disconnect)."""
    lines: list[dict] = []
    done = False
    async with Subscriptions(ws_url, token) as ws:
        op = await ws.subscribe(TASK_LOGS, {"id": task_id, "from": from_line})
        async for data in ws.messages(op, timeout=120):
            batch = data["taskLogs"]
            lines += batch["lines"]
            if batch["done"]:
                done = True
                break
            if stop_after is not None and len(lines) >= stop_after:
                break
    return lines, done


def check_complete(lines: list[dict]) -> None:
    assert [line["index"] for line in lines] == list(range(len(lines))), "a gap or a duplicate"
    assert [x["text"] for x in lines if x["stream"] == "STDOUT"] == EXPECTED
    assert [x["text"] for x in lines if x["stream"] == "STDERR"] == EXPECTED


def test_status_and_every_line_once_in_order(env):
    stack, _, _, _, _, token, _ = env

    async def scenario():
        async with Subscriptions(stack.ws_url, token) as ws:
            updates = await ws.subscribe(TASK_UPDATES, {"id": None})
            await asyncio.sleep(0.3)  # the list subscription has joined its group
            task = launch(env)
            statuses = []
            follower = asyncio.create_task(follow(stack.ws_url, token, task["id"]))
            async for data in ws.messages(updates, timeout=120):
                update = data["taskUpdates"]
                if update["id"] == task["id"]:
                    statuses.append(update["status"])
                    if update["status"] in ("SUCCEEDED", "FAILED"):
                        break
            lines, done = await follower
            return statuses, lines, done

    statuses, lines, done = asyncio.run(scenario())
    assert statuses == ["QUEUED", "RUNNING", "SUCCEEDED"]
    assert done
    check_complete(lines)


def test_task_updates_for_one_task_starts_with_current_state(env):
    stack, alice, _, _, _, token, _ = env
    task = alice.wait(launch(env, "echo quick")["id"])

    async def scenario():
        async with Subscriptions(stack.ws_url, token) as ws:
            op = await ws.subscribe(TASK_UPDATES, {"id": task["id"]})
            return [data["taskUpdates"]["status"] async for data in ws.messages(op, timeout=30)]

    assert asyncio.run(scenario()) == ["SUCCEEDED"]


def test_resume_after_disconnect_has_no_gap_and_no_duplicate(env):
    stack, _, _, _, _, token, _ = env
    task = launch(env)

    async def scenario():
        first, done = await follow(stack.ws_url, token, task["id"], stop_after=3000)
        assert not done
        rest, done = await follow(stack.ws_url, token, task["id"], from_line=first[-1]["index"] + 1)
        return first + rest, done

    lines, done = asyncio.run(scenario())
    assert done
    check_complete(lines)


def test_fifty_subscribers_get_the_whole_log_and_another_user_is_refused(env):
    stack, _, _, _, _, token, bob_token = env
    task = launch(env)

    async def scenario():
        results = await asyncio.gather(*(follow(stack.ws_url, token, task["id"]) for _ in range(50)))
        with pytest.raises(ApiError):
            await follow(stack.ws_url, bob_token, task["id"])
        return results

    for lines, done in asyncio.run(scenario()):
        assert done
        check_complete(lines)


def test_two_subscriptions_on_one_socket_one_ended_early(env):
    """strawberry-django issue 942: ending one subscription must not silence the other."""
    stack, _, _, _, _, token, _ = env
    task = launch(env)

    async def scenario():
        async with Subscriptions(stack.ws_url, token) as ws:
            keep = await ws.subscribe(TASK_LOGS, {"id": task["id"], "from": 0})
            early = await ws.subscribe(TASK_LOGS, {"id": task["id"], "from": 0})
            got = 0
            async for data in ws.messages(early, timeout=60):
                got += len(data["taskLogs"]["lines"])
                if got >= 500:
                    break
            await ws.stop(early)
            lines = []
            async for data in ws.messages(keep, timeout=120):
                lines += data["taskLogs"]["lines"]
                if data["taskLogs"]["done"]:
                    return lines
        raise AssertionError("the remaining subscription never finished")

    check_complete(asyncio.run(scenario()))


def test_websocket_needs_a_user(env):
    stack = env[0]

    async def scenario():
        async with Subscriptions(stack.ws_url, "oasis_not-a-real-token"):
            pass

    with pytest.raises(Exception):  # noqa: B017 (closed with 4403 before connection_ack)
        asyncio.run(scenario())


@pytest.fixture
def own_redis(tmp_path):
    binary = shutil.which("redis-server")
    if binary is None:
        missing_service("no redis-server binary to start a private Redis")
    port = free_port()
    argv = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]

    def start():
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, cwd=tmp_path)
        import redis

        wait_for(lambda: _pings(redis, port), timeout=10, what="the private Redis")
        return process

    state = {"process": start()}

    def restart():
        state["process"].kill()
        state["process"].wait()
        time.sleep(1.0)
        state["process"] = start()

    yield port, restart
    state["process"].kill()
    state["process"].wait()


def _pings(redis, port) -> bool:
    try:
        return redis.Redis(port=port).ping()
    except Exception:
        return False


def test_redis_restart_mid_stream_subscriber_recovers(own_redis, docker_client, workspace):
    """Distributed mode only: the embedded mode has no Redis to restart."""
    port, restart = own_redis
    live = start_stack("distributed", redis_url=f"redis://127.0.0.1:{port}/0")
    try:
        alice, _, image, dataset = workspace(live)
        token = alice.token
        slow = (
            "/bin/sh -c 'for i in $(seq 0 99); do seq $((i*100+1)) $((i*100+100)); "
            "seq $((i*100+1)) $((i*100+100)) >&2; sleep 0.08; done'"
        )
        task = alice.run(alice.create_algorithm(image["id"], name="slow", command=slow)["id"], dataset["id"])

        async def scenario():
            lines: list[dict] = []
            restarted = False
            for _attempt in range(20):
                try:
                    async with Subscriptions(live.ws_url, token) as ws:
                        start = lines[-1]["index"] + 1 if lines else 0
                        op = await ws.subscribe(TASK_LOGS, {"id": task["id"], "from": start})
                        async for data in ws.messages(op, timeout=30):
                            lines += data["taskLogs"]["lines"]
                            if data["taskLogs"]["done"]:
                                return lines
                            if not restarted and len(lines) > 2000:
                                restarted = True
                                await asyncio.to_thread(restart)
                except (ApiError, ConnectionError, OSError, TimeoutError):
                    await asyncio.sleep(0.5)  # resubscribe from the last line we have
            raise AssertionError(f"never finished; got {len(lines)} lines")

        lines = asyncio.run(scenario())
        check_complete(lines)
        assert alice.wait(task["id"], timeout=120)["status"] == "SUCCEEDED"
    finally:
        live.stop()
