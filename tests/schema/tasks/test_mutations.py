"""runAlgorithm and cancelTask. In-process tests run in a transaction, so the enqueue (on commit) does
not happen and a launched task stays QUEUED - exactly what runAlgorithm promises to return."""

import pytest

from oasis.tasks.models import AlgorithmTask, TaskStatus
from tests.oasis.factories import gid, make_algorithm, make_dataset, make_task

TASK = "__typename ... on AlgorithmTask { id status createdAt queuedAt startedAt finishedAt failureReason algorithm { name } inputDataset { name } outputDataset { name } }"
INFO = "... on OperationInfo { messages { field message kind code } }"
RUN = f"mutation($input: RunAlgorithmInput!) {{ runAlgorithm(input: $input) {{ {TASK} {INFO} }} }}"
CANCEL = f"mutation($id: ID!) {{ cancelTask(id: $id) {{ {TASK} {INFO} }} }}"


def messages(result):
    assert result["__typename"] == "OperationInfo", result
    return [(m["field"], m["message"]) for m in result["messages"]]


def run(client, algorithm, dataset):
    ids = {"algorithmId": gid(algorithm), "inputDatasetId": gid(dataset)}
    return client.execute(RUN, {"input": ids})["data"]["runAlgorithm"]


def test_run_returns_the_task_queued(gql_as, alice):
    algorithm = make_algorithm(alice, name="count")
    dataset = make_dataset(alice, {"a": b"1"}, name="words")
    result = run(gql_as(alice), algorithm, dataset)
    task = AlgorithmTask.objects.get()
    assert result["id"] == gid(task)
    assert result["status"] == "QUEUED"
    assert result["createdAt"] and result["queuedAt"]
    assert (result["startedAt"], result["finishedAt"], result["outputDataset"]) == (None, None, None)
    assert result["algorithm"] == {"name": "count"}
    assert result["inputDataset"] == {"name": "words"}
    assert (task.owner, task.status) == (alice, TaskStatus.QUEUED)


def test_anyone_may_run_a_public_algorithm_on_their_own_dataset(gql_as, alice, bob):
    public = make_algorithm(alice, public=True)
    result = run(gql_as(bob), public, make_dataset(bob))
    assert result["status"] == "QUEUED"
    assert AlgorithmTask.objects.get().owner == bob


def test_a_private_algorithm_of_someone_else_is_not_found(gql_as, alice, bob):
    result = run(gql_as(bob), make_algorithm(alice), make_dataset(bob))
    assert messages(result) == [("algorithmId", "Algorithm not found.")]
    assert not AlgorithmTask.objects.exists()


def test_a_dataset_of_someone_else_is_not_found(gql_as, alice, bob):
    result = run(gql_as(bob), make_algorithm(bob), make_dataset(alice))
    assert messages(result) == [("inputDatasetId", "Dataset not found.")]
    result = run(gql_as(bob), make_algorithm(alice, public=True), make_dataset(alice))
    assert messages(result) == [("inputDatasetId", "Dataset not found.")]
    assert not AlgorithmTask.objects.exists()


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        ({"algorithmId": "nope", "inputDatasetId": "1"}, ("algorithmId", "'nope' is not a valid id.")),
        (
            {"algorithmId": "RGF0YXNldDox", "inputDatasetId": "1"},
            ("algorithmId", "Expected the id of an Algorithm."),
        ),
        ({"algorithmId": "1", "inputDatasetId": "!!"}, ("inputDatasetId", "'!!' is not a valid id.")),
    ],
)
def test_malformed_ids_are_field_messages(gql_as, alice, ids, expected):
    result = gql_as(alice).execute(RUN, {"input": ids})["data"]["runAlgorithm"]
    assert messages(result) == [expected]


def test_anonymous_users_are_asked_to_sign_in(gql, alice):
    result = run(gql, make_algorithm(alice, public=True), make_dataset(alice))
    assert result["messages"] == [
        {"field": None, "message": "Sign in first.", "kind": "PERMISSION", "code": None}
    ]


@pytest.mark.parametrize("status", [TaskStatus.CREATED, TaskStatus.QUEUED, TaskStatus.RUNNING])
def test_cancel_an_unfinished_task(gql_as, alice, status):
    task = make_task(alice, status=status)
    result = gql_as(alice).execute(CANCEL, {"id": gid(task)})["data"]["cancelTask"]
    assert result["status"] == "CANCELLED"
    assert result["finishedAt"]
    assert result["failureReason"] == "cancelled by alice"
    task.refresh_from_db()
    assert task.status == TaskStatus.CANCELLED


@pytest.mark.parametrize("status", [TaskStatus.SUCCEEDED, TaskStatus.FAILED, TaskStatus.CANCELLED])
def test_a_finished_task_cannot_be_cancelled(gql_as, alice, status):
    task = make_task(alice, status=status)
    result = gql_as(alice).execute(CANCEL, {"id": gid(task)})["data"]["cancelTask"]
    assert messages(result) == [(None, f"The task has already finished ({status.lower()}).")]
    task.refresh_from_db()
    assert task.status == status


def test_others_cannot_cancel_a_task(gql_as, alice, bob):
    task = make_task(alice, algorithm=make_algorithm(alice, public=True))
    result = gql_as(bob).execute(CANCEL, {"id": gid(task)})["data"]["cancelTask"]
    assert messages(result) == [(None, "Task not found.")]
    task.refresh_from_db()
    assert task.status == TaskStatus.QUEUED


def test_staff_may_cancel_any_task(gql_as, alice, make_user):
    task = make_task(alice)
    result = gql_as(make_user("root", is_staff=True)).execute(CANCEL, {"id": gid(task)})["data"]["cancelTask"]
    assert (result["status"], result["failureReason"]) == ("CANCELLED", "cancelled by root")


def test_cancel_with_a_malformed_id(gql_as, alice):
    result = gql_as(alice).execute(CANCEL, {"id": "QWxnb3JpdGhtOjE="})["data"]["cancelTask"]  # Algorithm:1
    assert messages(result) == [("id", "Expected the id of an AlgorithmTask.")]


CANCEL_MANY = f"""mutation($ids: [ID!]!) {{ cancelTasks(ids: $ids) {{ __typename
  ... on CancelTasksResult {{ cancelledCount results {{ id code message task {{ id status failureReason }} }} }}
  {INFO} }} }}"""


def cancel_many(client, ids):
    return client.execute(CANCEL_MANY, {"ids": ids})["data"]["cancelTasks"]


def test_cancel_tasks_reports_each_task(gql_as, alice, bob):
    queued = make_task(alice, status=TaskStatus.QUEUED)
    running = make_task(alice, status=TaskStatus.RUNNING)
    done = make_task(alice, status=TaskStatus.SUCCEEDED)
    bobs = make_task(bob, algorithm=make_algorithm(alice, public=True))
    # relay ids and plain numbers alike, as everywhere in the API
    given = [gid(queued), str(running.pk), gid(done), gid(bobs), "999999", "QWxnb3JpdGhtOjE="]
    result = cancel_many(gql_as(alice), given)
    assert result["cancelledCount"] == 2
    rows = [(r["id"], r["code"], r["message"]) for r in result["results"]]
    assert rows == [
        (gid(queued), "CANCELLED", "Cancelled."),
        (str(running.pk), "CANCELLED", "Cancelled."),
        (gid(done), "FINISHED", "The task has already finished (succeeded)."),
        (gid(bobs), "NOT_FOUND", "Task not found."),
        ("999999", "NOT_FOUND", "Task not found."),
        ("QWxnb3JpdGhtOjE=", "INVALID_ID", "Not a task id."),
    ]
    tasks = [r["task"] for r in result["results"]]
    assert tasks[0] == {"id": gid(queued), "status": "CANCELLED", "failureReason": "cancelled by alice"}
    assert tasks[2]["status"] == "SUCCEEDED"
    assert tasks[3:] == [None, None, None]
    statuses = {t.pk: t.status for t in AlgorithmTask.objects.all()}
    assert statuses == {
        queued.pk: TaskStatus.CANCELLED,
        running.pk: TaskStatus.CANCELLED,
        done.pk: TaskStatus.SUCCEEDED,
        bobs.pk: TaskStatus.QUEUED,
    }


def test_cancel_tasks_twice_reports_finished(gql_as, alice):
    task = make_task(alice)
    client = gql_as(alice)
    assert cancel_many(client, [gid(task), str(task.pk)])["cancelledCount"] == 1
    again = cancel_many(client, [gid(task)])
    assert again["cancelledCount"] == 0
    assert again["results"][0]["code"] == "FINISHED"


def test_staff_may_cancel_tasks_of_anyone(gql_as, alice, make_user):
    task = make_task(alice)
    result = cancel_many(gql_as(make_user("root", is_staff=True)), [gid(task)])
    assert result["results"][0]["task"]["failureReason"] == "cancelled by root"


def test_cancel_tasks_caps_the_ids_per_call(gql_as, alice):
    from oasis.tasks.services import MAX_CANCEL_TASKS

    tasks = [make_task(alice) for _ in range(2)]
    ids = [str(n) for n in range(1, MAX_CANCEL_TASKS + 2)]
    result = cancel_many(gql_as(alice), ids)
    assert messages(result) == [
        ("ids", f"At most {MAX_CANCEL_TASKS} ids at once; {MAX_CANCEL_TASKS + 1} were given.")
    ]
    assert {t.status for t in AlgorithmTask.objects.filter(pk__in=[t.pk for t in tasks])} == {
        TaskStatus.QUEUED
    }
    # the same id many times is one id
    assert cancel_many(gql_as(alice), [str(tasks[0].pk)] * (MAX_CANCEL_TASKS + 1))["cancelledCount"] == 1


def test_cancel_tasks_needs_ids_and_a_user(gql, gql_as, alice):
    assert messages(cancel_many(gql_as(alice), [])) == [("ids", "Give at least one id.")]
    task = make_task(alice)
    assert cancel_many(gql, [gid(task)])["messages"][0]["message"] == "Sign in first."
