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
