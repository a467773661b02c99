"""A malformed multipart 'map' is a 400 saying so, never a 500 (issue 12)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

OPERATIONS = json.dumps(
    {
        "query": 'mutation($f: [Upload!]!) { createDataset(input: {name: "x", files: $f}) { __typename } }',
        "variables": {"f": [None]},
    }
)


@pytest.mark.parametrize(
    "files_map",
    [
        {"0": ["variables.f.5"]},  # past the end of the list
        ["variables.f.0"],  # a list instead of an object
        {"0": "variables.f.0"},  # a path instead of a list of paths
        {"0": ["variables.nope.x"]},  # through a missing variable
        {"9": ["variables.f.0"]},  # a file that was not sent
    ],
    ids=["past-the-list", "map-is-a-list", "path-not-a-list", "missing-variable", "missing-file"],
)
def test_a_malformed_map_is_a_400(gql_as, alice, files_map):
    response = gql_as(alice).http.post(
        "/graphql",
        data={"operations": OPERATIONS, "map": json.dumps(files_map), "0": SimpleUploadedFile("a.txt", b"x")},
    )
    assert response.status_code == 400, response.content[:300]
    assert b"<html" not in response.content.lower()
