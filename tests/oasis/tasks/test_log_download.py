"""GET /api/tasks/<id>/log: the whole stored log as text, streamed from its chunks, behind ownership."""

import json

import pytest
from asgiref.sync import async_to_sync
from django.test import Client

from oasis.accounts.services import create_token
from oasis.tasks.models import LogStream, TaskStatus
from oasis.tasks.views import _BATCH
from tests.oasis.factories import gid, make_task, store_log

RED = "\x1b[31m"
RESET = "\x1b[0m"


def content(response) -> str:
    """The body of a streaming response whose iterator is asynchronous (as under ASGI)."""
    assert response.streaming

    async def collect():
        return [chunk async for chunk in response.streaming_content]

    return b"".join(async_to_sync(collect)()).decode()


@pytest.fixture
def task(alice):
    task = make_task(alice, status=TaskStatus.SUCCEEDED)
    store_log(
        task,
        [
            (LogStream.SYSTEM, ["Pulling busybox"]),
            (LogStream.STDOUT, [f"{RED}epoch 1{RESET}", "epoch 2"]),
            (LogStream.STDERR, ["\x1b]0;title\x07warning \x1b[1;33mnan\x1b[0m", ""]),
            (LogStream.STDOUT, ["done ✓"]),
        ],
    )
    return task


def get(user, task, query: str = ""):
    client = Client()
    client.force_login(user)
    return client.get(f"/api/tasks/{task.pk}/log{query}")


def test_the_whole_log_as_printed(alice, task):
    response = get(alice, task)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="task-{task.pk}.log"'
    assert content(response) == (
        f"Pulling busybox\n{RED}epoch 1{RESET}\nepoch 2\n\x1b]0;title\x07warning \x1b[1;33mnan\x1b[0m\n\ndone ✓\n"
    )


def test_stderr_only_with_labels_and_ansi_stripped(alice, task):
    response = get(alice, task, "?streams=stderr&labels=1&ansi=strip")
    assert content(response) == "[stderr] warning nan\n[stderr] \n"
    response = get(alice, task, "?streams=stdout,stderr&labels=1&ansi=strip")
    assert content(response) == (
        "[stdout] epoch 1\n[stdout] epoch 2\n[stderr] warning nan\n[stderr] \n[stdout] done ✓\n"
    )


@pytest.mark.parametrize("query", ["?streams=stdin", "?streams=", "?labels=yes", "?ansi=remove"])
def test_bad_options_are_json_400(alice, task, query):
    response = get(alice, task, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["errors"][0]["message"]


def test_someone_elses_task_or_nobody_is_404(alice, bob, task):
    for response in (get(bob, task), Client().get(f"/api/tasks/{task.pk}/log"), get(alice, task, "x")):
        assert response.status_code == 404
        assert json.loads(response.content) == {"errors": [{"message": "Not found."}]}


def test_an_api_token_downloads(alice, task):
    token = create_token(user=alice, name="cli")[1]
    response = Client().get(
        f"/api/tasks/{task.pk}/log?streams=system", headers={"Authorization": f"Bearer {token}"}
    )
    assert content(response) == "Pulling busybox\n"


def test_a_running_task_gives_what_is_stored_now_and_ends(alice):
    task = make_task(alice, status=TaskStatus.RUNNING)
    runs = [(LogStream.STDOUT, [f"line {i}"]) for i in range(_BATCH * 2 + 5)]
    # The last chunk is being stored (not yet counted on the task): the download stops before it.
    store_log(task, runs, counted=len(runs) - 1)
    lines = content(get(alice, task)).splitlines()
    assert lines == [f"line {i}" for i in range(len(runs) - 1)]


def test_the_task_gives_its_download_url(gql_as, alice, task):
    data = gql_as(alice).data("query($id: ID!) { task(id: $id) { logDownloadUrl } }", {"id": gid(task)})
    assert data["task"]["logDownloadUrl"] == f"/api/tasks/{task.pk}/log"
