"""datasets and dataset(id): relay connections with totalCount, filters, ordering and the files connection."""

from datetime import timedelta

import pytest
from django.utils import timezone

from oasis.datasets.models import Dataset
from tests.oasis.factories import gid, make_dataset

LIST = """query($filters: DatasetFilter, $ordering: [DatasetOrder!]! = [], $first: Int, $after: String) {
  datasets(filters: $filters, ordering: $ordering, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { name size fileCount owner { username } } } } }"""
ONE = """query($id: ID!, $first: Int, $after: String, $files: DatasetFileFilter) { dataset(id: $id) {
  id name size fileCount downloadUrl createdAt updatedAt
  files(first: $first, after: $after, filters: $files) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id path size sha256 downloadUrl } } } } }"""


def names(data) -> list[str]:
    return [edge["node"]["name"] for edge in data["datasets"]["edges"]]


def test_datasets_lists_your_own_newest_first_with_a_total(gql_as, alice, bob):
    make_dataset(alice, {"a": b"1"}, name="first")
    make_dataset(alice, {"a": b"12", "b": b"3"}, name="second")
    make_dataset(bob, {"a": b"1"}, name="bobs")
    data = gql_as(alice).data(LIST)
    assert data["datasets"]["totalCount"] == 2
    assert names(data) == ["second", "first"]
    assert data["datasets"]["edges"][0]["node"] == {
        "name": "second",
        "size": 3,
        "fileCount": 2,
        "owner": {"username": "alice"},
    }


def test_filter_by_name_contains(gql_as, alice):
    for name in ("MRI scans", "ct scans", "labels"):
        make_dataset(alice, name=name)
    client = gql_as(alice)
    assert sorted(names(client.data(LIST, {"filters": {"name": {"iContains": "SCAN"}}}))) == [
        "MRI scans",
        "ct scans",
    ]
    assert names(client.data(LIST, {"filters": {"name": {"contains": "scan"}}})) == ["ct scans", "MRI scans"]
    assert names(client.data(LIST, {"filters": {"name": {"exact": "labels"}}})) == ["labels"]


def test_filter_by_created_range(gql_as, alice):
    now = timezone.now()
    for days, name in ((10, "old"), (5, "middle"), (0, "new")):
        dataset = make_dataset(alice, name=name)
        Dataset.objects.filter(pk=dataset.pk).update(created_at=now - timedelta(days=days))
    client = gql_as(alice)
    window = {
        "createdAt": {
            "range": {
                "start": (now - timedelta(days=6)).isoformat(),
                "end": (now - timedelta(days=1)).isoformat(),
            }
        }
    }
    assert names(client.data(LIST, {"filters": window})) == ["middle"]
    since = {"createdAt": {"gte": (now - timedelta(days=6)).isoformat()}}
    assert names(client.data(LIST, {"filters": since})) == ["new", "middle"]
    before = {"createdAt": {"lt": (now - timedelta(days=6)).isoformat()}}
    assert names(client.data(LIST, {"filters": before})) == ["old"]


def test_filter_by_owner_takes_the_users_relay_id_or_pk(gql_as, alice, bob, make_user):
    staff = make_user("staff", is_staff=True)
    make_dataset(alice, name="a")
    make_dataset(bob, name="b")
    client = gql_as(staff)
    assert names(client.data(LIST)) == ["b", "a"]
    assert names(client.data(LIST, {"filters": {"owner": {"pk": gid(alice)}}})) == ["a"]
    assert names(client.data(LIST, {"filters": {"owner": {"pk": str(bob.pk)}}})) == ["b"]
    body = client.execute(LIST, {"filters": {"owner": {"pk": gid(make_dataset(alice))}}})
    assert body["errors"][0]["message"] == "Filter owner: Expected the id of a User."


def test_filters_combine_with_or_and_not(gql_as, alice):
    for name in ("a1", "a2", "b1"):
        make_dataset(alice, name=name)
    client = gql_as(alice)
    either = {"name": {"exact": "a1"}, "OR": {"name": {"exact": "b1"}}}
    assert sorted(names(client.data(LIST, {"filters": either}))) == ["a1", "b1"]
    assert names(client.data(LIST, {"filters": {"NOT": {"name": {"startsWith": "a"}}}})) == ["b1"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ([{"name": "ASC"}], ["alpha", "beta", "gamma"]),
        ([{"name": "DESC"}], ["gamma", "beta", "alpha"]),
        ([{"size": "DESC"}], ["beta", "gamma", "alpha"]),
        ([{"size": "ASC"}, {"name": "DESC"}], ["alpha", "gamma", "beta"]),
        ([{"createdAt": "ASC"}], ["gamma", "alpha", "beta"]),
    ],
)
def test_ordering(gql_as, alice, ordering, expected):
    make_dataset(alice, {"f": b"1"}, name="gamma")
    make_dataset(alice, {}, name="alpha")
    make_dataset(alice, {"f": b"123"}, name="beta")
    Dataset.objects.filter(name="gamma").update(size=1)
    assert names(gql_as(alice).data(LIST, {"ordering": ordering})) == expected


def test_pagination_with_cursors(gql_as, alice):
    for i in range(5):
        make_dataset(alice, name=f"d{i}")
    client = gql_as(alice)
    page = client.data(LIST, {"first": 2, "ordering": [{"name": "ASC"}]})
    assert names(page) == ["d0", "d1"]
    assert page["datasets"]["totalCount"] == 5
    assert page["datasets"]["pageInfo"]["hasNextPage"] is True
    seen = names(page)
    while page["datasets"]["pageInfo"]["hasNextPage"]:
        page = client.data(
            LIST,
            {"first": 2, "after": page["datasets"]["pageInfo"]["endCursor"], "ordering": [{"name": "ASC"}]},
        )
        seen += names(page)
    assert seen == ["d0", "d1", "d2", "d3", "d4"]


def test_one_dataset_with_its_files(gql_as, alice):
    dataset = make_dataset(alice, {"b/two.txt": b"22", "a/one.txt": b"1", "c.txt": b"333"})
    data = gql_as(alice).data(ONE, {"id": gid(dataset)})["dataset"]
    assert data["id"] == gid(dataset)
    assert (data["name"], data["size"], data["fileCount"]) == ("data", 6, 3)
    assert data["downloadUrl"] == f"/api/datasets/{dataset.pk}/download.zip"
    files = data["files"]
    assert files["totalCount"] == 3
    assert [e["node"]["path"] for e in files["edges"]] == ["a/one.txt", "b/two.txt", "c.txt"]
    assert [e["node"]["size"] for e in files["edges"]] == [1, 2, 3]


def test_the_files_connection_pages_and_filters(gql_as, alice):
    dataset = make_dataset(alice, {f"dir{i % 2}/f{i:02}.txt": b"x" for i in range(12)})
    client = gql_as(alice)
    page = client.data(ONE, {"id": gid(dataset), "first": 5})["dataset"]["files"]
    assert page["totalCount"] == 12
    assert len(page["edges"]) == 5
    rest = client.data(ONE, {"id": gid(dataset), "first": 100, "after": page["pageInfo"]["endCursor"]})
    assert len(rest["dataset"]["files"]["edges"]) == 7
    only = client.data(ONE, {"id": gid(dataset), "files": {"path": {"startsWith": "dir1/"}}})["dataset"][
        "files"
    ]
    assert only["totalCount"] == 6
    assert all(e["node"]["path"].startswith("dir1/") for e in only["edges"])


def test_sizes_beyond_32_bits_are_exact(gql_as, alice):
    dataset = make_dataset(alice, {"a": b"1"})
    Dataset.objects.filter(pk=dataset.pk).update(size=5 * 2**40 + 7)
    assert gql_as(alice).data(ONE, {"id": gid(dataset)})["dataset"]["size"] == 5 * 2**40 + 7


def test_an_unknown_or_foreign_id_is_null(gql_as, alice, bob):
    client = gql_as(alice)
    assert client.data(ONE, {"id": gid(Dataset(pk=99999))}) == {"dataset": None}
    assert client.data(ONE, {"id": gid(make_dataset(bob))}) == {"dataset": None}


def test_a_malformed_id_is_an_error_not_a_500(gql_as, alice):
    body = gql_as(alice).execute(ONE, {"id": "not-an-id"})
    assert body["data"] == {"dataset": None}
    assert "cannot represent a GlobalID" in body["errors"][0]["message"]
