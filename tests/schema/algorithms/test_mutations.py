"""createAlgorithm, updateAlgorithm, deleteAlgorithm: the algorithm or field-level messages."""

import pytest

from oasis.algorithms.models import Algorithm
from tests.oasis.factories import gid, make_algorithm, make_image, make_task

ALGORITHM = """__typename ... on Algorithm { id name description command entrypoint environment gpu memoryMb cpus
  timeoutS network isPublic image { name } owner { username } }"""
INFO = "... on OperationInfo { messages { field message kind code } }"
CREATE = f"mutation($input: AlgorithmInput!) {{ createAlgorithm(input: $input) {{ {ALGORITHM} {INFO} }} }}"
UPDATE = f"mutation($id: ID!, $input: AlgorithmInput!) {{ updateAlgorithm(id: $id, input: $input) {{ {ALGORITHM} {INFO} }} }}"
DELETE = f"mutation($id: ID!) {{ deleteAlgorithm(id: $id) {{ __typename ... on Deleted {{ id }} {INFO} }} }}"


def messages(result):
    assert result["__typename"] == "OperationInfo", result
    return [(m["field"], m["message"]) for m in result["messages"]]


def create(client, **fields):
    return client.execute(CREATE, {"input": fields})["data"]["createAlgorithm"]


def test_create_with_defaults(gql_as, alice, settings):
    image = make_image(alice, name="alpine")
    result = create(gql_as(alice), name="count", imageId=gid(image))
    assert result == {
        "__typename": "Algorithm",
        "id": gid(Algorithm.objects.get()),
        "name": "count",
        "description": "",
        "command": "",
        "entrypoint": "",
        "environment": {},
        "gpu": False,
        "memoryMb": settings.OASIS_DEFAULT_MEMORY_MB,
        "cpus": settings.OASIS_DEFAULT_CPUS,
        "timeoutS": settings.OASIS_DEFAULT_TIMEOUT_S,
        "network": False,
        "isPublic": False,
        "image": {"name": "alpine"},
        "owner": {"username": "alice"},
    }


def test_create_with_everything(gql_as, alice):
    image = make_image(alice)
    result = create(
        gql_as(alice),
        name="count",
        description="Counts",
        imageId=gid(image),
        command='python -c "print(1)"',
        entrypoint="/usr/bin/env",
        environment={"THREADS": "4", "MODE": "fast"},
        gpu=True,
        memoryMb=512,
        cpus=0.5,
        timeoutS=30,
        network=True,
        isPublic=True,
    )
    assert result["environment"] == {"THREADS": "4", "MODE": "fast"}
    assert (result["memoryMb"], result["cpus"], result["timeoutS"]) == (512, 0.5, 30)
    assert result["gpu"] and result["network"] and result["isPublic"]
    assert Algorithm.objects.get().command_argv == ["python", "-c", "print(1)"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"environment": {"1BAD": "x"}}, ("environment", "is not a valid variable name")),
        ({"environment": {"N": 4}}, ("environment", "The value of N must be a string.")),
        ({"environment": ["A=1"]}, ("environment", "object of names to string values")),
        ({"environment": "A=1"}, ("environment", "object of names to string values")),
        ({"command": "echo 'open"}, ("command", "Cannot split it like a shell would")),
        ({"entrypoint": 'sh -c "x'}, ("entrypoint", "Cannot split it like a shell would")),
        ({"memoryMb": 10**6}, ("memoryMb", "Memory is between 6 and")),
        ({"cpus": 1000.0}, ("cpus", "CPUs are between 0.01 and")),
        ({"timeoutS": 0}, ("timeoutS", "The timeout is between 1 and")),
        ({"name": ""}, ("name", "Give the algorithm a name")),
        ({"imageId": "bad id"}, ("imageId", "'bad id' is not a valid id.")),
        ({"imageId": "RGF0YXNldDox"}, ("imageId", "Expected the id of a DockerImage.")),  # Dataset:1
    ],
)
def test_bad_input_is_a_message_on_its_field(gql_as, alice, fields, expected):
    image = make_image(alice)
    result = create(gql_as(alice), **({"name": "x", "imageId": gid(image)} | fields))
    [(field, message)] = messages(result)
    assert field == expected[0]
    assert expected[1] in message
    assert not Algorithm.objects.exists()


def test_missing_name_and_image(gql_as, alice):
    assert messages(create(gql_as(alice))) == [("name", "Give the algorithm a name.")]
    assert messages(create(gql_as(alice), name="x")) == [("imageId", "Choose an image.")]


def test_an_image_you_may_not_see_is_not_found(gql_as, alice, bob):
    result = create(gql_as(alice), name="x", imageId=gid(make_image(bob)))
    assert messages(result) == [("imageId", "Image not found.")]


def test_a_wrongly_typed_limit_is_a_graphql_error_not_a_500(gql_as, alice):
    body = gql_as(alice).execute(CREATE, {"input": {"name": "x", "memoryMb": "lots"}})
    assert body["data"] is None
    assert "Int cannot represent non-integer value" in body["errors"][0]["message"]


def test_update_changes_only_the_given_fields(gql_as, alice):
    algorithm = make_algorithm(alice, command="a", environment={"K": "v"})
    result = gql_as(alice).execute(
        UPDATE, {"id": gid(algorithm), "input": {"command": "b c", "isPublic": True}}
    )
    result = result["data"]["updateAlgorithm"]
    assert (result["command"], result["environment"], result["isPublic"]) == ("b c", {"K": "v"}, True)


def test_update_validates(gql_as, alice):
    algorithm = make_algorithm(alice)
    result = gql_as(alice).execute(UPDATE, {"id": gid(algorithm), "input": {"timeoutS": -1}})
    assert messages(result["data"]["updateAlgorithm"])[0][0] == "timeoutS"


def test_delete(gql_as, alice):
    algorithm = make_algorithm(alice)
    result = gql_as(alice).execute(DELETE, {"id": gid(algorithm)})["data"]["deleteAlgorithm"]
    assert result == {"__typename": "Deleted", "id": gid(algorithm)}
    assert not Algorithm.objects.exists()


def test_deleting_an_algorithm_keeps_its_tasks_and_their_spec(gql_as, alice):
    task = make_task(alice)
    spec = task.spec
    result = gql_as(alice).execute(DELETE, {"id": gid(task.algorithm)})["data"]["deleteAlgorithm"]
    assert result["__typename"] == "Deleted"
    task.refresh_from_db()
    assert task.algorithm_id is None
    assert task.spec == spec and spec["algorithm_name"] == "algo"
