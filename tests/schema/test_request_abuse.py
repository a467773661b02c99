"""Requests that could hold the server or its memory (issue 12): no regular-expression filters on
user-controlled text, and one log budget per request across outputLog and logLines."""

import json

import pytest

from oasis.tasks.models import AlgorithmTask, TaskLogChunk, TaskStatus
from tests.oasis.factories import gid, make_dataset, make_task


def _post(client, query: str, variables=None):
    body = {"query": query, "variables": variables or {}}
    return client.http.post("/graphql", data=json.dumps(body), content_type="application/json").json()


@pytest.mark.parametrize(
    "query",
    [
        '{ datasets(filters: {name: {regex: "^(a+)+$"}}) { totalCount } }',
        '{ datasets(filters: {name: {iRegex: "^(a+)+$"}}) { totalCount } }',
        '{ images(filters: {name: {regex: "x"}}) { totalCount } }',
        '{ algorithms(filters: {name: {iRegex: "x"}}) { totalCount } }',
        '{ tasks(filters: {status: {regex: "x"}}) { totalCount } }',
        '{ datasets { edges { node { files(filters: {path: {regex: "^(a+)+$"}}) { totalCount } } } } }',
    ],
)
def test_regular_expression_filters_do_not_exist(gql_as, alice, query):
    body = _post(gql_as(alice), query)
    assert body.get("data") is None
    assert "Regex" in body["errors"][0]["message"] or "regex" in body["errors"][0]["message"]


def test_the_text_lookups_that_stay_still_filter(gql_as, alice):
    make_dataset(alice, {"scan/a.txt": b"1", "other/b.txt": b"2"}, name="a" * 27 + "!")
    make_dataset(alice, {"x": b"1"}, name="brain")
    client = gql_as(alice)
    query = """query($f: DatasetFilter, $p: DatasetFileFilter) { datasets(filters: $f) {
      edges { node { name files(filters: $p) { edges { node { path } } } } } } }"""
    data = _post(client, query, {"f": {"name": {"startsWith": "aaa"}}, "p": {"path": {"iContains": "SCAN"}}})
    nodes = [edge["node"] for edge in data["data"]["datasets"]["edges"]]
    assert nodes == [{"name": "a" * 27 + "!", "files": {"edges": [{"node": {"path": "scan/a.txt"}}]}}]
    data = _post(client, query, {"f": {"name": {"iEndsWith": "AIN"}}, "p": None})
    assert [edge["node"]["name"] for edge in data["data"]["datasets"]["edges"]] == ["brain"]


# --- the log budget ------------------------------------------------------------------------------
def _big_log(owner, *, lines: int, width: int) -> AlgorithmTask:
    task = make_task(owner, status=TaskStatus.SUCCEEDED)
    per_chunk = 100
    for seq in range(lines // per_chunk):
        text = "\n".join(f"{seq * per_chunk + i:06d}".ljust(width, "x") for i in range(per_chunk))
        TaskLogChunk.objects.create(
            task=task, seq=seq, stream="stdout", first_line=seq * per_chunk, line_count=per_chunk, text=text
        )
    AlgorithmTask.objects.filter(pk=task.pk).update(log_line_count=lines, log_chunk_count=lines // per_chunk)
    return task


def test_aliases_of_output_log_share_one_budget(gql_as, alice, settings):
    settings.OASIS_REQUEST_LOG_MAX_BYTES = 100_000
    task = _big_log(alice, lines=2000, width=99)  # 200 kB of log
    aliases = " ".join(f'l{i}: task(id: "{gid(task)}") {{ outputLog }}' for i in range(15))
    data = _post(gql_as(alice), "{ " + aliases + " }")["data"]
    sizes = [len(data[f"l{i}"]["outputLog"].encode()) for i in range(15)]
    assert sum(sizes) < 100_000 + 15 * 300  # the budget, plus one closing note per field
    first = data["l0"]["outputLog"]
    assert first.startswith("000000xx")
    assert first.endswith(
        "[oasis] outputLog stops here: one request returns at most 100000 bytes of log "
        "(OASIS_REQUEST_LOG_MAX_BYTES); read on with logLines(fromLine: 1000).\n"
    )
    assert first.count("\n") == 1001  # whole lines only: 1000 of 100 bytes with their newlines, the note
    assert data["l1"]["outputLog"].startswith("[oasis] outputLog stops here")


def test_a_list_of_tasks_with_their_logs_is_bounded(gql_as, alice, settings):
    settings.OASIS_REQUEST_LOG_MAX_BYTES = 50_000
    for _ in range(3):
        _big_log(alice, lines=1000, width=99)
    data = _post(gql_as(alice), "{ tasks { edges { node { outputLog } } } }")["data"]
    assert sum(len(edge["node"]["outputLog"]) for edge in data["tasks"]["edges"]) < 50_000 + 3 * 300


def test_log_lines_page_within_the_budget_and_the_rest_can_be_read(gql_as, alice, settings):
    settings.OASIS_REQUEST_LOG_MAX_BYTES = 10_000
    task = _big_log(alice, lines=300, width=99)
    query = (
        "query($id: ID!, $from: Int!) { task(id: $id) { logLines(fromLine: $from, limit: 5000) { index } } }"
    )
    client = gql_as(alice)
    seen, start = [], 0
    while start < 300:
        page = _post(client, query, {"id": gid(task), "from": start})["data"]["task"]["logLines"]
        assert 0 < len(page) <= 100  # 10 kB of 100-byte lines
        seen += [line["index"] for line in page]
        start = page[-1]["index"] + 1
    assert seen == list(range(300))


def test_a_small_log_is_returned_whole(gql_as, alice):
    task = _big_log(alice, lines=100, width=10)
    log = _post(gql_as(alice), f'{{ task(id: "{gid(task)}") {{ outputLog }} }}')["data"]["task"]["outputLog"]
    assert log.count("\n") == 100
    assert "[oasis]" not in log


def test_aliases_past_the_budget_read_nothing(gql_as, alice, settings, django_assert_max_num_queries):
    settings.OASIS_REQUEST_LOG_MAX_BYTES = 100_000
    task = _big_log(alice, lines=2000, width=99)
    client = gql_as(alice)
    one = _post(client, f'{{ l0: task(id: "{gid(task)}") {{ outputLog }} }}')["data"]
    aliases = " ".join(f'l{i}: task(id: "{gid(task)}") {{ outputLog }}' for i in range(15))
    with django_assert_max_num_queries(40) as counted:
        data = _post(client, "{ " + aliases + " }")["data"]
    # Each alias looks its task up; only the first reads log chunks.
    chunk_reads = [q for q in counted.captured_queries if TaskLogChunk._meta.db_table in q["sql"]]
    assert len(chunk_reads) == 1, counted.captured_queries
    assert data["l0"] == one["l0"]
    assert data["l14"]["outputLog"] == (
        "[oasis] outputLog stops here: one request returns at most 100000 bytes of log "
        "(OASIS_REQUEST_LOG_MAX_BYTES); read on with logLines(fromLine: 0).\n"
    )
