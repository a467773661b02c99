import io


def test_me_and_create_dataset(gql_as, alice):
    client = gql_as(alice)
    assert client.data("{ me { username } }")["me"]["username"] == "alice"
    files = {
        "input.files.0": io.BytesIO(b"hello"),
        "input.files.1": io.BytesIO(b"nested"),
    }
    for name, fh in zip(["a.txt", "b.txt"], files.values(), strict=True):
        fh.name = name
    body = client.execute(
        """mutation($input: CreateDatasetInput!) { createDataset(input: $input) {
            __typename ... on Dataset { id name size fileCount files { totalCount edges { node { path size sha256 downloadUrl } } } }
            ... on OperationInfo { messages { field message } } } }""",
        {"input": {"name": "d1", "files": [None, None], "paths": ["a.txt", "sub/b.txt"]}},
        files=files,
    )
    ds = body["data"]["createDataset"]
    assert ds["size"] == 11
    assert ds["fileCount"] == 2
