"""tasks and task(id): your tasks, filters and ordering, and the log read API (outputLog, logLines)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from oasis.tasks.models import LogStream, TaskStatus
from tests.oasis.factories import gid, make_algorithm, make_dataset, make_task, store_log

LIST = """query($filters: TaskFilter, $ordering: [TaskOrder!]! = [], $first: Int) {
  tasks(filters: $filters, ordering: $ordering, first: $first) {
    totalCount edges { node { id status algorithm { name } owner { username } } } } }"""
ONE = """query($id: ID!) { task(id: $id) { id status exitCode failureReason createdAt queuedAt startedAt finishedAt
  algorithm { id name } inputDataset { id name } outputDataset { id name } logLineCount } }"""
LOG = """query($id: ID!, $from: Int! = 0, $limit: Int! = 1000) { task(id: $id) {
  outputLog logLines(fromLine: $from, limit: $limit) { index stream text } } }"""


def ids(data) -> list[str]:
    return [edge["node"]["id"] for edge in data["tasks"]["edges"]]


def test_tasks_are_your_own_newest_first(gql_as, alice, bob):
    first, second = make_task(alice), make_task(alice)
    make_task(bob)
    data = gql_as(alice).data(LIST)
    assert data["tasks"]["totalCount"] == 2
    assert ids(data) == [gid(second), gid(first)]


def test_staff_see_every_task(gql_as, alice, bob, make_user):
    make_task(alice), make_task(bob)
    assert gql_as(make_user("root", is_staff=True)).data(LIST)["tasks"]["totalCount"] == 2


def test_filter_by_status(gql_as, alice):
    queued = make_task(alice, status=TaskStatus.QUEUED)
    running = make_task(alice, status=TaskStatus.RUNNING)
    make_task(alice, status=TaskStatus.FAILED)
    client = gql_as(alice)
    assert ids(client.data(LIST, {"filters": {"status": {"exact": "QUEUED"}}})) == [gid(queued)]
    both = client.data(LIST, {"filters": {"status": {"inList": ["QUEUED", "RUNNING"]}}})
    assert set(ids(both)) == {gid(queued), gid(running)}


def test_filter_by_algorithm_with_its_primary_key(gql_as, alice):
    algorithm = make_algorithm(alice)
    mine = make_task(alice, algorithm=algorithm)
    make_task(alice)
    data = gql_as(alice).data(LIST, {"filters": {"algorithm": {"pk": str(algorithm.pk)}}})
    assert ids(data) == [gid(mine)]


def test_filter_by_algorithm_with_the_relay_id_the_api_hands_out(gql_as, alice):
    algorithm = make_algorithm(alice)
    mine = make_task(alice, algorithm=algorithm)
    make_task(alice)
    body = gql_as(alice).execute(LIST, {"filters": {"algorithm": {"pk": gid(algorithm)}}})
    assert not body.get("errors"), body["errors"]
    assert ids(body["data"]) == [gid(mine)]


def test_filter_by_owner_and_input_dataset(gql_as, alice, bob, make_user):
    dataset = make_dataset(alice)
    by_dataset = make_task(alice, dataset=dataset)
    make_task(alice)
    bobs = make_task(bob)
    client = gql_as(make_user("root", is_staff=True))
    assert ids(client.data(LIST, {"filters": {"owner": {"pk": str(bob.pk)}}})) == [gid(bobs)]
    assert ids(client.data(LIST, {"filters": {"inputDataset": {"pk": str(dataset.pk)}}})) == [gid(by_dataset)]


def test_filter_by_created_range(gql_as, alice):
    now = timezone.now()
    old = make_task(alice, created_at=now - timedelta(days=3))
    new = make_task(alice, created_at=now)
    client = gql_as(alice)
    since = {"createdAt": {"gt": (now - timedelta(days=1)).isoformat()}}
    assert ids(client.data(LIST, {"filters": since})) == [gid(new)]
    window = {
        "createdAt": {
            "range": {
                "start": (now - timedelta(days=4)).isoformat(),
                "end": (now - timedelta(days=2)).isoformat(),
            }
        }
    }
    assert ids(client.data(LIST, {"filters": window})) == [gid(old)]


def test_search(gql_as, alice, bob):
    count = make_task(alice, algorithm=make_algorithm(alice, name="Word Count"))
    by_dataset = make_task(alice, dataset=make_dataset(alice, name="scans-2024"))
    failed = make_task(alice, status=TaskStatus.FAILED, failure_reason="Out of memory (limit 256 MB)")
    make_task(bob, algorithm=make_algorithm(bob, name="word count too"))
    client = gql_as(alice)

    def found(text):
        return set(ids(client.data(LIST, {"filters": {"search": text}})))

    assert found("word") == {gid(count)}  # case-insensitive; bob's task is not visible
    assert found("SCANS") == {gid(by_dataset)}
    assert found("out of memory") == {gid(failed)}
    assert found(f"#{failed.pk}") == found(str(failed.pk)) == {gid(failed)}
    assert found("   ") == {gid(count), gid(by_dataset), gid(failed)}
    assert found("nothing like it") == set()
    assert found("9" * 40) == set()  # a number past a bigint is no database error


def test_search_finds_the_algorithm_a_task_ran_after_a_rename(gql_as, alice):
    algorithm = make_algorithm(alice, name="old name")
    task = make_task(alice, algorithm=algorithm)
    algorithm.name = "new name"
    algorithm.save()
    assert ids(gql_as(alice).data(LIST, {"filters": {"search": "old"}})) == [gid(task)]


def test_ordering(gql_as, alice):
    now = timezone.now()
    a = make_task(alice, status=TaskStatus.SUCCEEDED, finished_at=now - timedelta(hours=2))
    b = make_task(alice, status=TaskStatus.FAILED, finished_at=now - timedelta(hours=1))
    c = make_task(alice, status=TaskStatus.QUEUED)
    client = gql_as(alice)
    assert ids(client.data(LIST, {"ordering": [{"createdAt": "ASC"}]})) == [gid(a), gid(b), gid(c)]
    assert ids(client.data(LIST, {"ordering": [{"finishedAt": "DESC_NULLS_LAST"}]})) == [
        gid(b),
        gid(a),
        gid(c),
    ]
    assert ids(client.data(LIST, {"ordering": [{"status": "ASC"}]})) == [gid(b), gid(c), gid(a)]


def test_ordering_by_algorithm_and_input_dataset_name(gql_as, alice):
    b = make_task(alice, algorithm=make_algorithm(alice, name="b"), dataset=make_dataset(alice, name="y"))
    a = make_task(alice, algorithm=make_algorithm(alice, name="a"), dataset=make_dataset(alice, name="z"))
    c = make_task(alice, algorithm=make_algorithm(alice, name="c"), dataset=make_dataset(alice, name="x"))
    client = gql_as(alice)
    by_algorithm = client.data(LIST, {"ordering": [{"algorithm": {"name": "ASC"}}]})
    assert ids(by_algorithm) == [gid(a), gid(b), gid(c)]
    by_input = client.data(LIST, {"ordering": [{"inputDataset": {"name": "DESC"}}]})
    assert ids(by_input) == [gid(a), gid(b), gid(c)]


def test_one_task_with_every_field(gql_as, alice):
    dataset = make_dataset(alice, name="in")
    output = make_dataset(alice, name="out")
    now = timezone.now()
    task = make_task(
        alice,
        dataset=dataset,
        status=TaskStatus.FAILED,
        exit_code=3,
        failure_reason="exit code 3",
        queued_at=now,
        started_at=now,
        finished_at=now,
        output_dataset=output,
        log_line_count=7,
    )
    data = gql_as(alice).data(ONE, {"id": gid(task)})["task"]
    assert data["id"] == gid(task)
    assert (data["status"], data["exitCode"], data["failureReason"]) == ("FAILED", 3, "exit code 3")
    assert all(data[key] for key in ("createdAt", "queuedAt", "startedAt", "finishedAt"))
    assert data["algorithm"] == {"id": gid(task.algorithm), "name": "algo"}
    assert data["inputDataset"] == {"id": gid(dataset), "name": "in"}
    assert data["outputDataset"] == {"id": gid(output), "name": "out"}
    assert data["logLineCount"] == 7


def test_a_task_whose_input_was_deleted_still_reads(gql_as, alice):
    task = make_task(alice, status=TaskStatus.SUCCEEDED)
    task.input_dataset.delete()
    data = gql_as(alice).data(ONE, {"id": gid(task)})["task"]
    assert data["inputDataset"] is None


# --- the log -------------------------------------------------------------------------------------
CHUNKS = [
    (LogStream.STDOUT, ["a0", "a1", "a2"]),
    (LogStream.STDERR, ["e3", "e4"]),
    (LogStream.SYSTEM, ["[oasis] note"]),
    (LogStream.STDOUT, ["a6", "", "a8 ünïcode", "a9"]),
]
ALL_LINES = [
    (0, "STDOUT", "a0"),
    (1, "STDOUT", "a1"),
    (2, "STDOUT", "a2"),
    (3, "STDERR", "e3"),
    (4, "STDERR", "e4"),
    (5, "SYSTEM", "[oasis] note"),
    (6, "STDOUT", "a6"),
    (7, "STDOUT", ""),
    (8, "STDOUT", "a8 ünïcode"),
    (9, "STDOUT", "a9"),
]


@pytest.fixture
def logged_task(alice):
    task = make_task(alice, status=TaskStatus.RUNNING)
    store_log(task, CHUNKS)
    return task


def lines(client, task, **variables):
    data = client.data(LOG, {"id": gid(task)} | variables)["task"]["logLines"]
    return [(x["index"], x["stream"], x["text"]) for x in data]


def test_output_log_is_stdout_and_stderr_in_capture_order_without_system_lines(gql_as, alice, logged_task):
    log = gql_as(alice).data(LOG, {"id": gid(logged_task)})["task"]["outputLog"]
    assert log == "a0\na1\na2\ne3\ne4\na6\n\na8 ünïcode\na9\n"


def test_all_log_lines(gql_as, alice, logged_task):
    assert lines(gql_as(alice), logged_task) == ALL_LINES


@pytest.mark.parametrize(
    ("start", "limit", "expected"),
    [
        (1, 1, ALL_LINES[1:2]),  # inside the first chunk
        (1, 2, ALL_LINES[1:3]),  # to the end of a chunk
        (2, 4, ALL_LINES[2:6]),  # across three chunks
        (3, 2, ALL_LINES[3:5]),  # exactly one chunk
        (4, 100, ALL_LINES[4:]),  # from inside a chunk to the end
        (7, 2, ALL_LINES[7:9]),  # inside the last chunk, including an empty line
        (9, 5, ALL_LINES[9:]),
        (10, 5, []),  # past the end
        (1000, 5, []),
        (-5, 2, ALL_LINES[0:2]),  # a negative start reads from the beginning
        (0, 0, []),
        (3, -1, []),
    ],
)
def test_log_lines_from_a_line(gql_as, alice, logged_task, start, limit, expected):
    assert lines(gql_as(alice), logged_task, **{"from": start, "limit": limit}) == expected


def test_log_lines_are_capped_per_request(gql_as, alice):
    task = make_task(alice)
    store_log(task, [(LogStream.STDOUT, [f"line {i}" for i in range(6000)])])
    got = lines(gql_as(alice), task, limit=100_000)
    assert len(got) == 5000
    assert got[-1] == (4999, "STDOUT", "line 4999")
    assert lines(gql_as(alice), task, **{"from": 5990, "limit": 100})[-1] == (5999, "STDOUT", "line 5999")


def test_a_task_without_log(gql_as, alice):
    task = make_task(alice)
    assert gql_as(alice).data(LOG, {"id": gid(task)})["task"] == {"outputLog": "", "logLines": []}


def test_others_cannot_read_a_log(gql_as, bob, logged_task):
    assert gql_as(bob).data(LOG, {"id": gid(logged_task)}) == {"task": None}
