"""AlgorithmTask.logSearch: the whole stored log searched on the server, counted, one page at a time."""

import time

import pytest

from oasis.tasks.models import LogStream, TaskStatus
from tests.oasis.factories import gid, make_task, store_log

SEARCH = """query($id: ID!, $q: String!, $regex: Boolean = false, $cs: Boolean = false, $stream: LogStream,
  $first: Int = 100, $after: Int, $before: Int) { task(id: $id) {
  logSearch(query: $q, regex: $regex, caseSensitive: $cs, stream: $stream, first: $first, after: $after,
    before: $before) { totalCount matchesBefore nextAfter nextBefore matches { index stream text } } } }"""


@pytest.fixture
def task(alice):
    task = make_task(alice, status=TaskStatus.SUCCEEDED)
    store_log(
        task,
        [
            (LogStream.SYSTEM, ["Pulling busybox"]),  # 0
            (LogStream.STDOUT, ["epoch 1 loss 0.9", "epoch 2 loss 0.5", "Epoch 3 LOSS 0.2"]),  # 1-3
            (LogStream.STDERR, ["warning: loss is nan", "Traceback (most recent call last):"]),  # 4-5
            (LogStream.STDOUT, ["epoch 4 loss 0.1", "", "done"]),  # 6-8
        ],
    )
    return task


def search(client, task, q, **variables):
    body = client.execute(SEARCH, {"id": gid(task), "q": q, **variables})
    return body["errors"][0]["message"] if body.get("errors") else body["data"]["task"]["logSearch"]


def indexes(result) -> list[int]:
    return [m["index"] for m in result["matches"]]


def test_plain_text_is_case_insensitive_by_default_and_counts_lines(gql_as, alice, task):
    result = search(gql_as(alice), task, "loss")
    assert result["totalCount"] == 5
    assert indexes(result) == [1, 2, 3, 4, 6]
    assert result["matches"][3] == {"index": 4, "stream": "STDERR", "text": "warning: loss is nan"}
    assert (result["matchesBefore"], result["nextAfter"], result["nextBefore"]) == (0, None, None)
    assert indexes(search(gql_as(alice), task, "LOSS", cs=True)) == [3]


def test_stream_filter(gql_as, alice, task):
    assert indexes(search(gql_as(alice), task, "loss", stream="STDERR")) == [4]
    assert indexes(search(gql_as(alice), task, "e", stream="SYSTEM")) == []
    assert search(gql_as(alice), task, "o", stream="STDOUT")["totalCount"] == 5  # not the empty line


def test_pages_forward_and_back(gql_as, alice, task):
    client = gql_as(alice)
    page = search(client, task, "loss", first=2)
    assert (indexes(page), page["matchesBefore"], page["nextAfter"], page["nextBefore"]) == (
        [1, 2],
        0,
        2,
        None,
    )
    page = search(client, task, "loss", first=2, after=page["nextAfter"])
    assert (indexes(page), page["matchesBefore"], page["nextAfter"], page["nextBefore"]) == ([3, 4], 2, 4, 3)
    page = search(client, task, "loss", first=2, after=page["nextAfter"])
    assert (indexes(page), page["matchesBefore"], page["nextAfter"], page["totalCount"]) == ([6], 4, None, 5)
    # Back from a line (a "previous match" from where the viewer is): the last matches before it.
    page = search(client, task, "loss", first=2, before=6)
    assert (indexes(page), page["matchesBefore"], page["nextBefore"], page["nextAfter"]) == ([3, 4], 2, 3, 4)
    page = search(client, task, "loss", first=2, before=page["nextBefore"])
    assert (indexes(page), page["matchesBefore"], page["nextBefore"]) == ([1, 2], 0, None)
    # Next match from a line with none (go-to-line, then "next"): k of n still known.
    page = search(client, task, "loss", first=1, after=5)
    assert (indexes(page), page["matchesBefore"], page["totalCount"]) == ([6], 4, 5)
    assert "not both" in search(client, task, "loss", after=1, before=4)


def test_regular_expressions_match_within_one_line(gql_as, alice, task):
    client = gql_as(alice)
    assert indexes(search(client, task, r"^epoch \d loss 0\.[0-5]$", regex=True)) == [2, 3, 6]
    assert indexes(search(client, task, r"^epoch \d loss 0\.[0-5]$", regex=True, cs=True)) == [2, 6]
    assert indexes(search(client, task, r"^$", regex=True)) == [7]
    # \s matches a newline, but a match never joins two lines: line 2 ends in "0.5", line 3 is "Epoch".
    assert indexes(search(client, task, r"0\.5\s+Epoch", regex=True)) == []
    # A match that runs across a line end hides no match within the next line.
    assert indexes(search(client, task, r"loss[^z]*0\.2", regex=True)) == [3]
    assert indexes(search(client, task, "(nan|call)", regex=True)) == [4, 5]
    # Plain text is not a pattern.
    assert indexes(search(client, task, "(most", regex=False)) == [5]


@pytest.mark.parametrize(
    ("query", "regex", "message"),
    [
        ("", False, "at least one character"),
        ("x" * 201, False, "at most 200 characters"),
        ("a\nb", False, "one line"),
        ("(unclosed", True, "Not a valid regular expression"),
        ("a)|(b", True, "Not a valid regular expression"),
    ],
)
def test_bad_queries_are_refused_with_a_reason(gql_as, alice, task, query, regex, message):
    assert message in search(gql_as(alice), task, query, regex=regex)


def test_a_catastrophic_pattern_is_stopped_within_the_budget(gql_as, alice, settings):
    settings.OASIS_LOG_SEARCH_BUDGET_S = 0.5
    task = make_task(alice, status=TaskStatus.SUCCEEDED)
    store_log(task, [(LogStream.STDOUT, ["a" * 5000 + "!"] * 3)])
    started = time.monotonic()
    message = search(gql_as(alice), task, "^(a|aa)+$", regex=True)
    assert time.monotonic() - started < 2.5
    assert "took longer than 0.5 s" in message


def test_only_your_own_tasks(gql_as, alice, bob, task):
    body = gql_as(bob).execute(SEARCH, {"id": gid(task), "q": "loss"})
    assert body["data"]["task"] is None


def test_matched_text_draws_on_the_request_log_budget(gql_as, alice, settings):
    settings.OASIS_REQUEST_LOG_MAX_BYTES = 1000
    task = make_task(alice, status=TaskStatus.SUCCEEDED)
    store_log(task, [(LogStream.STDOUT, [f"{i:04d} ".ljust(100, "x") for i in range(50)])])
    page = search(gql_as(alice), task, "xx", first=50)
    assert (len(page["matches"]), page["totalCount"], page["nextAfter"]) == (9, 50, 8)
    page = search(gql_as(alice), task, "xx", first=50, after=8)
    assert (indexes(page)[0], page["matchesBefore"]) == (9, 9)


def test_large_log_pages_and_counts_across_chunks(gql_as, alice):
    task = make_task(alice, status=TaskStatus.SUCCEEDED)
    runs = [
        (LogStream.STDOUT if c % 3 else LogStream.STDERR, [f"line {c * 500 + i:06d}" for i in range(500)])
        for c in range(40)
    ]
    store_log(task, runs)
    client = gql_as(alice)
    page = search(client, task, "7", first=1000)  # every line with a 7 in it
    expected = [i for i in range(20_000) if "7" in f"{i:06d}"]
    assert page["totalCount"] == len(expected)
    assert indexes(page) == expected[:1000]
    page = search(client, task, "7", first=10, before=15_000)
    assert indexes(page) == [i for i in expected if i < 15_000][-10:]
    assert page["matchesBefore"] == len([i for i in expected if i < 15_000]) - 10
    page = search(client, task, r"line 01(2|3)\d\d7", regex=True, first=3, after=12_500, stream="STDERR")
    stderr = {i for c in range(40) if c % 3 == 0 for i in range(c * 500, c * 500 + 500)}
    matching = [i for i in expected if 12_000 <= i < 14_000 and i % 10 == 7 and i in stderr]
    assert page["totalCount"] == len(matching)
    assert indexes(page) == [i for i in matching if i > 12_500][:3]
    # Matches of the whole chunk text across a line end are not matches of a line.
    assert search(client, task, r"7\s*line 0", regex=True)["totalCount"] == 0
    # Dense matches (after the first chunk the engine scans line by line), each running into the next line.
    page = search(client, task, r"^line 0\d+\s*", regex=True, first=5, after=9_998)
    assert (page["totalCount"], indexes(page), page["matchesBefore"]) == (
        20_000,
        list(range(9_999, 10_004)),
        9_999,
    )
