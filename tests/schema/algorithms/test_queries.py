"""algorithms and algorithm(id): filters, ordering, one algorithm (who sees which: test_permissions.py)."""

import pytest

from tests.oasis.factories import gid, make_algorithm, make_image

LIST = """query($filters: AlgorithmFilter, $ordering: [AlgorithmOrder!]! = []) {
  algorithms(filters: $filters, ordering: $ordering) { totalCount edges { node { name isPublic owner { username } } } } }"""
ONE = "query($id: ID!) { algorithm(id: $id) { id name command environment image { id name } } }"


def names(data):
    return [edge["node"]["name"] for edge in data["algorithms"]["edges"]]


def test_filters(gql_as, alice, bob):
    image = make_image(alice, name="shared")
    make_algorithm(alice, name="Segment lungs", image=image, gpu=True)
    make_algorithm(alice, name="count words", image=image)
    make_algorithm(bob, name="segment bones", public=True)
    client = gql_as(alice)
    assert names(client.data(LIST, {"filters": {"name": {"iContains": "segment"}}})) == [
        "segment bones",
        "Segment lungs",
    ]
    assert names(client.data(LIST, {"filters": {"gpu": {"exact": True}}})) == ["Segment lungs"]
    assert names(client.data(LIST, {"filters": {"image": {"pk": gid(image)}}})) == [
        "count words",
        "Segment lungs",
    ]
    assert names(client.data(LIST, {"filters": {"owner": {"pk": gid(bob)}}})) == ["segment bones"]
    assert names(client.data(LIST, {"filters": {"isPublic": {"exact": True}}})) == ["segment bones"]


@pytest.mark.parametrize("value", ["not base64!", "RGF0YXNldDox"])
def test_a_bad_relation_filter_is_a_clear_error(gql_as, alice, value):
    body = gql_as(alice).execute(LIST, {"filters": {"image": {"pk": value}}})
    assert body["errors"][0]["message"].startswith("Filter image: ")
    assert "Unexpected error" not in body["errors"][0]["message"]


def test_ordering(gql_as, alice):
    for name in ("b", "c", "a"):
        make_algorithm(alice, name=name)
    assert names(gql_as(alice).data(LIST, {"ordering": [{"name": "DESC"}]})) == ["c", "b", "a"]


def test_one_algorithm(gql_as, alice, bob):
    algorithm = make_algorithm(alice, command="run --fast", environment={"A": "1"})
    client = gql_as(alice)
    assert client.data(ONE, {"id": gid(algorithm)})["algorithm"] == {
        "id": gid(algorithm),
        "name": "algo",
        "command": "run --fast",
        "environment": {"A": "1"},
        "image": {"id": gid(algorithm.image), "name": "img"},
    }
    assert client.data(ONE, {"id": gid(make_algorithm(bob))})["algorithm"] is None
