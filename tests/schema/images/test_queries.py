"""images and image(id): filters, ordering, one image (who sees which: test_permissions.py)."""

from tests.oasis.factories import gid, make_image

LIST = """query($filters: ImageFilter, $ordering: [ImageOrder!]! = []) {
  images(filters: $filters, ordering: $ordering) { totalCount edges { node { name isPublic source owner { username } } } } }"""
ONE = "query($id: ID!) { image(id: $id) { id name imageRef source } }"


def names(data):
    return [edge["node"]["name"] for edge in data["images"]["edges"]]


def test_filters(gql_as, alice, bob):
    make_image(alice, name="Alpine base")
    make_image(alice, name="python", public=True)
    make_image(bob, name="bob alpine", public=True)
    client = gql_as(alice)
    assert names(client.data(LIST, {"filters": {"name": {"iContains": "alpine"}}})) == [
        "bob alpine",
        "Alpine base",
    ]
    assert names(client.data(LIST, {"filters": {"isPublic": {"exact": False}}})) == ["Alpine base"]
    assert names(client.data(LIST, {"filters": {"owner": {"pk": gid(bob)}}})) == ["bob alpine"]


def test_ordering_by_name(gql_as, alice):
    for name in ("b", "c", "a"):
        make_image(alice, name=name)
    assert names(gql_as(alice).data(LIST, {"ordering": [{"name": "ASC"}]})) == ["a", "b", "c"]


def test_one_image(gql_as, alice, bob):
    image = make_image(alice, ref="alpine:3.20")
    client = gql_as(alice)
    assert client.data(ONE, {"id": gid(image)})["image"] == {
        "id": gid(image),
        "name": "img",
        "imageRef": "alpine:3.20",
        "source": "REFERENCE",
    }
    assert client.data(ONE, {"id": gid(make_image(bob, public=True))})["image"] is not None
    assert client.data(ONE, {"id": gid(make_image(bob))})["image"] is None
