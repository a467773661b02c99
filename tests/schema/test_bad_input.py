"""Text the database cannot store (NUL) is a field message on every mutation, never a 500."""

import pytest

from oasis.accounts.models import ApiToken
from oasis.algorithms.models import Algorithm
from oasis.datasets.models import Dataset
from oasis.images.models import DockerImage
from tests.oasis.factories import gid, make_dataset, make_image

NUL = "bad\x00text"
INFO = "__typename ... on OperationInfo { messages { field message } }"
CASES = {
    "createDataset.name": (
        "mutation($v: String!) { createDataset(input: {name: $v, files: []}) { %s } }",
        "name",
    ),
    "registerImage.name": (
        'mutation($v: String!) { registerImage(input: {name: $v, imageRef: "alpine"}) { %s } }',
        "name",
    ),
    "registerImage.imageRef": (
        'mutation($v: String!) { registerImage(input: {name: "a", imageRef: $v}) { %s } }',
        "imageRef",
    ),
    "createAlgorithm.name": (
        "mutation($v: String!, $i: ID!) { createAlgorithm(input: {name: $v, imageId: $i}) { %s } }",
        "name",
    ),
    "createAlgorithm.description": (
        'mutation($v: String!, $i: ID!) { createAlgorithm(input: {name: "a", description: $v, imageId: $i}) { %s } }',
        "description",
    ),
    "createAlgorithm.command": (
        'mutation($v: String!, $i: ID!) { createAlgorithm(input: {name: "a", command: $v, imageId: $i}) { %s } }',
        "command",
    ),
    "createAlgorithm.entrypoint": (
        'mutation($v: String!, $i: ID!) { createAlgorithm(input: {name: "a", entrypoint: $v, imageId: $i}) { %s } }',
        "entrypoint",
    ),
    "removeDatasetFiles.paths": (
        "mutation($v: String!, $d: ID!) { removeDatasetFiles(input: {id: $d, paths: [$v]}) { %s } }",
        "paths",
    ),
    "createApiToken.name": ("mutation($v: String!) { createApiToken(name: $v) { %s } }", "name"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_nul_character_is_a_message_on_its_field(gql_as, alice, case):
    template, field = CASES[case]
    variables = {"v": NUL, "i": gid(make_image(alice)), "d": gid(make_dataset(alice, {"a": b"1"}))}
    body = gql_as(alice).execute(template.replace("%s", INFO), variables)
    name = case.split(".")[0]
    result = body["data"][name]
    assert result["__typename"] == "OperationInfo", body
    assert [m["field"] for m in result["messages"]] == [field]
    assert Dataset.objects.count() == 1
    assert DockerImage.objects.count() == 1
    assert not Algorithm.objects.exists()
    assert not ApiToken.objects.exists()


def test_an_environment_name_with_a_nul_is_a_message(gql_as, alice):
    query = 'mutation($e: JSON!, $i: ID!) { createAlgorithm(input: {name: "a", environment: $e, imageId: $i}) { %s } }'
    body = gql_as(alice).execute(
        query.replace("%s", INFO), {"e": {NUL: "v", "OK": NUL}, "i": gid(make_image(alice))}
    )
    messages = body["data"]["createAlgorithm"]["messages"]
    assert [m["field"] for m in messages] == ["environment", "environment"]


def test_a_login_with_a_nul_is_just_a_wrong_login(gql, alice):
    query = 'mutation($u: String!) { login(username: $u, password: "x") { %s } }'.replace("%s", INFO)
    body = gql.execute(query, {"u": NUL})
    assert body["data"]["login"]["messages"] == [{"field": None, "message": "Wrong username or password."}]


def test_a_nul_in_a_filter_is_a_clear_error(gql_as, alice):
    body = gql_as(alice).execute(
        "query($v: String!) { datasets(filters: {name: {contains: $v}}) { totalCount } }", {"v": NUL}
    )
    assert body["errors"][0]["message"] != "Unexpected error."
