"""User B against user A's objects, staff, and anonymous requests: through every query and mutation.

A user sees and changes their own objects plus *sees and runs* public images and algorithms; staff see
and change everything; anonymous requests see nothing and every mutation asks them to sign in.
"""

from dataclasses import dataclass

import pytest

from oasis.algorithms.models import Algorithm
from oasis.datasets.models import Dataset, DatasetFile
from oasis.images.models import DockerImage
from oasis.tasks.models import AlgorithmTask, TaskStatus
from tests.oasis.factories import gid, make_algorithm, make_dataset, make_image, make_task, upload

INFO = "... on OperationInfo { messages { field message kind } }"


@dataclass
class World:
    private_image: DockerImage
    public_image: DockerImage
    private_algorithm: Algorithm
    public_algorithm: Algorithm
    dataset: Dataset
    task: AlgorithmTask


@pytest.fixture
def world(alice) -> World:
    private_image = make_image(alice, name="a-private-image")
    public_image = make_image(alice, name="a-public-image", public=True)
    private_algorithm = make_algorithm(alice, name="a-private-algo", image=private_image)
    # A public algorithm on a *private* image: others may run it, so they see the image through it.
    public_algorithm = make_algorithm(alice, name="a-public-algo", image=private_image, public=True)
    dataset = make_dataset(alice, {"secret/a.txt": b"alice's data"}, name="a-dataset")
    task = make_task(alice, algorithm=private_algorithm, dataset=dataset, status=TaskStatus.RUNNING)
    return World(private_image, public_image, private_algorithm, public_algorithm, dataset, task)


LISTS = """{ images { totalCount edges { node { name } } } algorithms { totalCount edges { node { name image { name } } } }
  datasets { totalCount edges { node { name } } } tasks { totalCount edges { node { id } } } }"""


def listed(data) -> dict[str, list[str]]:
    return {
        key: [edge["node"].get("name") or edge["node"].get("id") for edge in data[key]["edges"]]
        for key in ("images", "algorithms", "datasets", "tasks")
    }


def test_others_list_only_public_images_and_algorithms(gql_as, bob, world):
    data = gql_as(bob).data(LISTS)
    assert listed(data) == {
        "images": ["a-public-image"],
        "algorithms": ["a-public-algo"],
        "datasets": [],
        "tasks": [],
    }
    assert data["algorithms"]["edges"][0]["node"]["image"] == {"name": "a-private-image"}
    assert [data[key]["totalCount"] for key in ("images", "algorithms", "datasets", "tasks")] == [1, 1, 0, 0]


def test_the_owner_lists_everything_of_theirs(gql_as, alice, world):
    data = listed(gql_as(alice).data(LISTS))
    assert data["images"] == ["a-public-image", "a-private-image"]
    assert data["algorithms"] == ["a-public-algo", "a-private-algo"]
    assert data["datasets"] == ["a-dataset"]
    assert data["tasks"] == [gid(world.task)]


SHARED = {"images": make_image, "algorithms": make_algorithm}


@pytest.mark.parametrize("field", SHARED)
def test_a_user_lists_their_own_and_others_public_ones(gql_as, alice, bob, field):
    make = SHARED[field]
    make(alice, name="mine")
    make(bob, name="bobs-public", public=True)
    make(bob, name="bobs-private")
    data = gql_as(alice).data(f"{{ {field} {{ totalCount edges {{ node {{ name }} }} }} }}")[field]
    assert data["totalCount"] == 2
    assert [edge["node"]["name"] for edge in data["edges"]] == ["bobs-public", "mine"]


def test_staff_list_everything(gql_as, bob, world, make_user):
    make_dataset(bob, name="b-dataset")
    data = listed(gql_as(make_user("root", is_staff=True)).data(LISTS))
    assert len(data["images"]) == 2
    assert len(data["algorithms"]) == 2
    assert sorted(data["datasets"]) == ["a-dataset", "b-dataset"]
    assert data["tasks"] == [gid(world.task)]


def test_anonymous_requests_see_nothing_not_even_public_objects(gql, world):
    data = gql.data(LISTS)
    assert listed(data) == {"images": [], "algorithms": [], "datasets": [], "tasks": []}
    assert gql.data("{ me { id } }") == {"me": None}


LOOKUPS = {
    "image": ("private_image", "query($id: ID!) { image(id: $id) { name } }"),
    "algorithm": ("private_algorithm", "query($id: ID!) { algorithm(id: $id) { name } }"),
    "dataset": ("dataset", "query($id: ID!) { dataset(id: $id) { name files { edges { node { path } } } } }"),
    "task": ("task", "query($id: ID!) { task(id: $id) { status outputLog logLines { text } } }"),
}


@pytest.mark.parametrize("field", LOOKUPS)
def test_others_and_anonymous_get_null_for_private_objects(gql_as, gql, bob, alice, world, field):
    attribute, query = LOOKUPS[field]
    variables = {"id": gid(getattr(world, attribute))}
    assert gql_as(bob).data(query, variables) == {field: None}
    assert gql.data(query, variables) == {field: None}
    assert gql_as(alice).data(query, variables)[field] is not None


def test_others_may_look_up_public_objects(gql_as, bob, world):
    client = gql_as(bob)
    assert client.data(LOOKUPS["image"][1], {"id": gid(world.public_image)}) == {
        "image": {"name": "a-public-image"}
    }
    found = client.data(LOOKUPS["algorithm"][1], {"id": gid(world.public_algorithm)})
    assert found == {"algorithm": {"name": "a-public-algo"}}


def test_filtering_by_someone_elses_objects_reveals_nothing(gql_as, bob, alice, world):
    query = """query($owner: ID!, $algorithm: ID!) {
      datasets(filters: {owner: {pk: $owner}}) { totalCount }
      tasks(filters: {algorithm: {pk: $algorithm}}) { totalCount } }"""
    data = gql_as(bob).data(query, {"owner": gid(alice), "algorithm": str(world.private_algorithm.pk)})
    assert data == {"datasets": {"totalCount": 0}, "tasks": {"totalCount": 0}}


# --- mutations -----------------------------------------------------------------------------------
def _mutation(name: str, signature: str, arguments: str, selection: str = "__typename") -> str:
    return f"mutation({signature}) {{ {name}({arguments}) {{ __typename {selection} {INFO} }} }}"


ID_MUTATIONS = {
    "updateAlgorithm": (
        "private_algorithm",
        _mutation("updateAlgorithm", "$id: ID!", 'id: $id, input: {name: "pwned"}'),
    ),
    "deleteAlgorithm": ("private_algorithm", _mutation("deleteAlgorithm", "$id: ID!", "id: $id")),
    "deleteImage": ("private_image", _mutation("deleteImage", "$id: ID!", "id: $id")),
    "deleteDataset": ("dataset", _mutation("deleteDataset", "$id: ID!", "id: $id")),
    "removeDatasetFiles": (
        "dataset",
        _mutation("removeDatasetFiles", "$id: ID!", 'input: {id: $id, paths: ["secret/a.txt"]}'),
    ),
    "cancelTask": ("task", _mutation("cancelTask", "$id: ID!", "id: $id")),
}
NOT_FOUND = {
    "updateAlgorithm": "Algorithm not found.",
    "deleteAlgorithm": "Algorithm not found.",
    "deleteImage": "Image not found.",
    "deleteDataset": "Dataset not found.",
    "removeDatasetFiles": "Dataset not found.",
    "cancelTask": "Task not found.",
}


def _snapshot(world: World):
    world.dataset.refresh_from_db()
    return (
        list(DockerImage.objects.order_by("pk").values_list("pk", "name", "is_public")),
        list(Algorithm.objects.order_by("pk").values_list("pk", "name", "is_public", "image_id")),
        (
            world.dataset.size,
            world.dataset.file_count,
            list(DatasetFile.objects.values_list("path", flat=True)),
        ),
        list(AlgorithmTask.objects.values_list("pk", "status")),
    )


@pytest.mark.parametrize("name", ID_MUTATIONS)
def test_others_cannot_change_private_objects_and_are_told_they_do_not_exist(gql_as, bob, world, name):
    attribute, mutation = ID_MUTATIONS[name]
    before = _snapshot(world)
    result = gql_as(bob).execute(mutation, {"id": gid(getattr(world, attribute))})["data"][name]
    assert result["__typename"] == "OperationInfo"
    assert [m["message"] for m in result["messages"]] == [NOT_FOUND[name]]
    assert _snapshot(world) == before


def test_others_cannot_add_files_to_a_dataset(gql_as, bob, world):
    before = _snapshot(world)
    mutation = _mutation("addDatasetFiles", "$input: AddDatasetFilesInput!", "input: $input")
    result = gql_as(bob).execute(
        mutation,
        {"input": {"id": gid(world.dataset), "files": [None]}},
        files={"input.files.0": upload("x", b"x")},
    )["data"]["addDatasetFiles"]
    assert [m["message"] for m in result["messages"]] == ["Dataset not found."]
    assert _snapshot(world) == before


@pytest.mark.parametrize(
    ("name", "mutation"),
    [
        (
            "updateAlgorithm",
            _mutation("updateAlgorithm", "$id: ID!", 'id: $id, input: {command: "rm -rf /"}'),
        ),
        ("deleteAlgorithm", _mutation("deleteAlgorithm", "$id: ID!", "id: $id")),
    ],
)
def test_others_may_not_change_a_public_algorithm(gql_as, bob, world, name, mutation):
    before = _snapshot(world)
    result = gql_as(bob).execute(mutation, {"id": gid(world.public_algorithm)})["data"][name]
    assert result["messages"] == [
        {"field": None, "message": "Only the owner may change this algorithm.", "kind": "PERMISSION"}
    ]
    assert _snapshot(world) == before


def test_others_may_not_delete_a_public_image(gql_as, bob, world):
    mutation = _mutation("deleteImage", "$id: ID!", "id: $id")
    result = gql_as(bob).execute(mutation, {"id": gid(world.public_image)})["data"]["deleteImage"]
    assert [m["message"] for m in result["messages"]] == ["Only the owner may change this image."]
    assert DockerImage.objects.filter(pk=world.public_image.pk).exists()


RUN = _mutation(
    "runAlgorithm",
    "$a: ID!, $d: ID!",
    "input: {algorithmId: $a, inputDatasetId: $d}",
    "... on AlgorithmTask { status }",
)


def test_others_cannot_run_a_private_algorithm_or_use_a_dataset_not_theirs(gql_as, bob, world):
    client = gql_as(bob)
    own = make_dataset(bob)
    result = client.execute(RUN, {"a": gid(world.private_algorithm), "d": gid(own)})["data"]["runAlgorithm"]
    assert result["messages"] == [
        {"field": "algorithmId", "message": "Algorithm not found.", "kind": "VALIDATION"}
    ]
    result = client.execute(RUN, {"a": gid(world.public_algorithm), "d": gid(world.dataset)})["data"][
        "runAlgorithm"
    ]
    assert result["messages"] == [
        {"field": "inputDatasetId", "message": "Dataset not found.", "kind": "VALIDATION"}
    ]
    assert client.execute(RUN, {"a": gid(world.public_algorithm), "d": gid(own)})["data"]["runAlgorithm"] == {
        "__typename": "AlgorithmTask",
        "status": "QUEUED",
    }
    assert AlgorithmTask.objects.filter(owner=bob).count() == 1


def test_others_may_build_on_a_public_image_but_not_a_private_one(gql_as, bob, world):
    mutation = _mutation(
        "createAlgorithm", "$image: ID!", 'input: {name: "b", imageId: $image}', "... on Algorithm { name }"
    )
    client = gql_as(bob)
    result = client.execute(mutation, {"image": gid(world.private_image)})["data"]["createAlgorithm"]
    assert result["messages"] == [{"field": "imageId", "message": "Image not found.", "kind": "VALIDATION"}]
    result = client.execute(mutation, {"image": gid(world.public_image)})["data"]["createAlgorithm"]
    assert result == {"__typename": "Algorithm", "name": "b"}


def test_staff_may_change_anyones_objects(gql_as, world, make_user):
    client = gql_as(make_user("root", is_staff=True))
    result = client.execute(ID_MUTATIONS["updateAlgorithm"][1], {"id": gid(world.private_algorithm)})
    assert result["data"]["updateAlgorithm"]["__typename"] == "Algorithm"
    result = client.execute(ID_MUTATIONS["cancelTask"][1], {"id": gid(world.task)})
    assert result["data"]["cancelTask"]["__typename"] == "AlgorithmTask"
    result = client.execute(ID_MUTATIONS["deleteDataset"][1], {"id": gid(world.dataset)})
    assert result["data"]["deleteDataset"]["__typename"] == "Deleted"


ANONYMOUS = {
    "registerImage": (
        'mutation { registerImage(input: {name: "x", imageRef: "alpine"}) { __typename %s } }',
        {},
    ),
    "deleteImage": ("mutation($id: ID!) { deleteImage(id: $id) { __typename %s } }", "public_image"),
    "createAlgorithm": (
        'mutation { createAlgorithm(input: {name: "x", imageId: "1"}) { __typename %s } }',
        {},
    ),
    "updateAlgorithm": (
        'mutation($id: ID!) { updateAlgorithm(id: $id, input: {name: "x"}) { __typename %s } }',
        "public_algorithm",
    ),
    "deleteAlgorithm": (
        "mutation($id: ID!) { deleteAlgorithm(id: $id) { __typename %s } }",
        "public_algorithm",
    ),
    "createDataset": ('mutation { createDataset(input: {name: "x", files: []}) { __typename %s } }', {}),
    "removeDatasetFiles": (
        'mutation($id: ID!) { removeDatasetFiles(input: {id: $id, paths: ["a"]}) { __typename %s } }',
        "dataset",
    ),
    "deleteDataset": ("mutation($id: ID!) { deleteDataset(id: $id) { __typename %s } }", "dataset"),
    "runAlgorithm": (
        'mutation($id: ID!) { runAlgorithm(input: {algorithmId: $id, inputDatasetId: "1"}) { __typename %s } }',
        "public_algorithm",
    ),
    "cancelTask": ("mutation($id: ID!) { cancelTask(id: $id) { __typename %s } }", "task"),
    "createApiToken": ("mutation { createApiToken { __typename %s } }", {}),
}


@pytest.mark.parametrize("name", ANONYMOUS)
def test_anonymous_mutations_say_sign_in_first(gql, world, name):
    template, target = ANONYMOUS[name]
    variables = {"id": gid(getattr(world, target))} if isinstance(target, str) else {}
    before = _snapshot(world)
    result = gql.execute(template % INFO, variables)["data"][name]
    assert result == {
        "__typename": "OperationInfo",
        "messages": [{"field": None, "message": "Sign in first.", "kind": "PERMISSION"}],
    }
    assert _snapshot(world) == before


def test_anonymous_add_files_says_sign_in_first(gql, world):
    mutation = _mutation("addDatasetFiles", "$input: AddDatasetFilesInput!", "input: $input")
    result = gql.execute(
        mutation,
        {"input": {"id": gid(world.dataset), "files": [None]}},
        files={"input.files.0": upload("x", b"x")},
    )["data"]["addDatasetFiles"]
    assert [m["message"] for m in result["messages"]] == ["Sign in first."]
    assert world.dataset.files.count() == 1


def test_anonymous_logout_is_harmless(gql):
    assert gql.data("mutation { logout }") == {"logout": False}


def test_a_task_still_shows_the_algorithm_it_ran_after_the_owner_made_it_private(gql_as, alice, bob, world):
    """Relations of what you may see are visible through it; only the root lists are filtered."""
    task = make_task(bob, algorithm=world.public_algorithm, dataset=make_dataset(bob, name="b-data"))
    world.public_algorithm.is_public = False
    world.public_algorithm.save()
    client = gql_as(bob)
    data = client.data(
        "{ tasks { edges { node { id algorithm { name image { name } } inputDataset { name } } } } }"
    )
    assert data["tasks"]["edges"] == [
        {
            "node": {
                "id": gid(task),
                "algorithm": {"name": "a-public-algo", "image": {"name": "a-private-image"}},
                "inputDataset": {"name": "b-data"},
            }
        }
    ]
    assert client.data(LOOKUPS["algorithm"][1], {"id": gid(world.public_algorithm)}) == {"algorithm": None}
    assert client.data("{ algorithms { totalCount } }") == {"algorithms": {"totalCount": 0}}


def test_a_lookup_with_the_id_of_another_type_is_null(gql_as, alice, world):
    client = gql_as(alice)
    assert client.data(LOOKUPS["algorithm"][1], {"id": gid(world.dataset)}) == {"algorithm": None}
    assert client.data(LOOKUPS["dataset"][1], {"id": gid(world.private_algorithm)}) == {"dataset": None}
