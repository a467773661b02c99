"""createDataset, addDatasetFiles, removeDatasetFiles, deleteDataset: objects or field-level messages."""

import hashlib
import json

import pytest

from oasis.datasets.models import Dataset, DatasetFile
from oasis.tasks.models import TaskStatus
from tests.oasis.factories import gid, make_dataset, make_task, upload

DATASET = "__typename ... on Dataset { id name size fileCount downloadUrl files { totalCount edges { node { path size sha256 downloadUrl } } } }"
INFO = "... on OperationInfo { messages { field message kind code } }"
CREATE = f"mutation($input: CreateDatasetInput!) {{ createDataset(input: $input) {{ {DATASET} {INFO} }} }}"
ADD = f"mutation($input: AddDatasetFilesInput!) {{ addDatasetFiles(input: $input) {{ {DATASET} {INFO} }} }}"
REMOVE = f"mutation($input: RemoveDatasetFilesInput!) {{ removeDatasetFiles(input: $input) {{ {DATASET} {INFO} }} }}"
DELETE = f"mutation($id: ID!) {{ deleteDataset(id: $id) {{ __typename ... on Deleted {{ id }} {INFO} }} }}"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def create(client, files: dict[str, bytes], *, name="scans", paths: list[str] | None = None):
    variables = {"input": {"name": name, "files": [None] * len(files)}}
    if paths is not None:
        variables["input"]["paths"] = paths
    uploads = {f"input.files.{i}": upload(fname, data) for i, (fname, data) in enumerate(files.items())}
    return client.execute(CREATE, variables, files=uploads)["data"]["createDataset"]


def add(client, dataset, files: dict[str, bytes], paths=None):
    variables = {"input": {"id": gid(dataset), "files": [None] * len(files), "paths": paths}}
    uploads = {f"input.files.{i}": upload(fname, data) for i, (fname, data) in enumerate(files.items())}
    return client.execute(ADD, variables, files=uploads)["data"]["addDatasetFiles"]


def messages(result) -> list[tuple[str | None, str]]:
    assert result["__typename"] == "OperationInfo", result
    return [(m["field"], m["message"]) for m in result["messages"]]


def test_create_a_dataset_with_nested_paths(gql_as, alice):
    files = {"one.txt": b"first", "two.txt": b"second file", "three.bin": b"\x00\x01\x02"}
    result = create(gql_as(alice), files, paths=["images/2024/a.txt", "images/b.txt", "raw/deep/er/c.bin"])
    assert result["__typename"] == "Dataset"
    assert result["name"] == "scans"
    assert (result["size"], result["fileCount"]) == (19, 3)
    assert result["files"]["totalCount"] == 3
    nodes = [edge["node"] for edge in result["files"]["edges"]]
    assert [(n["path"], n["size"], n["sha256"]) for n in nodes] == [
        ("images/2024/a.txt", 5, _sha(b"first")),
        ("images/b.txt", 11, _sha(b"second file")),
        ("raw/deep/er/c.bin", 3, _sha(b"\x00\x01\x02")),
    ]
    dataset = Dataset.objects.get()
    assert result["id"] == gid(dataset)
    assert result["downloadUrl"] == f"/api/datasets/{dataset.pk}/download.zip"
    file_ids = dict(DatasetFile.objects.values_list("path", "pk"))
    assert (
        nodes[0]["downloadUrl"]
        == f"/api/datasets/{dataset.pk}/files/{file_ids['images/2024/a.txt']}/download"
    )


def test_without_paths_each_file_is_placed_under_its_upload_name(gql_as, alice):
    result = create(gql_as(alice), {"a.txt": b"1", "b.txt": b"22"})
    assert [e["node"]["path"] for e in result["files"]["edges"]] == ["a.txt", "b.txt"]


def test_the_same_content_uploaded_twice_is_two_files_of_one_blob(gql_as, alice):
    result = create(gql_as(alice), {"a": b"same", "b": b"same"}, paths=["x/a", "y/a"])
    assert (result["size"], result["fileCount"]) == (8, 2)
    assert {e["node"]["sha256"] for e in result["files"]["edges"]} == {_sha(b"same")}


def test_create_an_empty_dataset(gql_as, alice):
    result = create(gql_as(alice), {}, name="empty")
    assert (result["size"], result["fileCount"], result["files"]["totalCount"]) == (0, 0, 0)


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        (["../escape", "ok"], [("paths", "File path '../escape' has an empty, '.' or '..' segment.")]),
        (["/abs", "ok"], [("paths", "File path '/abs' must be relative.")]),
        (["a\u0000b", "ok"], [("paths", "File path 'a\\x00b' contains a control character.")]),
        (["same", "same"], [("paths", "File path 'same' is given twice.")]),
        (["x" * 1025, "ok"], [("paths", "A file path is longer than 1024 characters.")]),
        (["", "ok"], [("paths", "A file path is empty.")]),
        (["a", "a/b"], [("paths", "File path 'a' is also the folder of another file.")]),
        (["only one"], [("paths", "Give one path per file: 2 files but 1 paths.")]),
    ],
)
def test_bad_paths_are_messages_on_the_paths_field_and_nothing_is_stored(gql_as, alice, paths, expected):
    result = create(gql_as(alice), {"f1": b"1", "f2": b"2"}, paths=paths)
    assert messages(result) == expected
    assert result["messages"][0]["kind"] == "VALIDATION"
    assert not Dataset.objects.exists()
    assert not DatasetFile.objects.exists()


def test_several_bad_paths_give_one_message_each(gql_as, alice):
    result = create(gql_as(alice), {"a": b"1", "b": b"2", "c": b"3"}, paths=["/a", "../b", "ok/c"])
    assert [field for field, _ in messages(result)] == ["paths", "paths"]


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "Give the dataset a name."), ("n" * 201, "A dataset name has at most 200 characters.")],
)
def test_a_bad_name_is_a_message_on_name(gql_as, alice, name, message):
    assert messages(create(gql_as(alice), {"a": b"1"}, name=name)) == [("name", message)]


def test_a_string_where_an_upload_belongs_is_a_message_not_a_500(gql_as, alice):
    body = gql_as(alice).execute(CREATE, {"input": {"name": "d", "files": ["not a file", "x"]}})
    assert messages(body["data"]["createDataset"]) == [
        ("files", "File 1 is not an upload; send it as a multipart file."),
        ("files", "File 2 is not an upload; send it as a multipart file."),
    ]


def test_a_missing_upload_is_a_400_not_a_500(gql_as, alice):
    client = gql_as(alice)
    operations = {"query": CREATE, "variables": {"input": {"name": "d", "files": [None]}}}
    response = client.http.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.input.files.0"]})},
    )
    assert response.status_code == 400
    assert b"File(s) missing" in response.content
    assert not Dataset.objects.exists()


def test_null_where_an_upload_belongs_is_a_graphql_error(gql_as, alice):
    body = gql_as(alice).execute(CREATE, {"input": {"name": "d", "files": [None]}})
    assert body["data"] is None
    assert "Expected value of non-null type 'Upload!'" in body["errors"][0]["message"]


def test_a_wrong_type_is_a_graphql_error(gql_as, alice):
    body = gql_as(alice).execute(CREATE, {"input": {"name": 5, "files": []}})
    assert "String cannot represent a non string value" in body["errors"][0]["message"]


def test_add_files(gql_as, alice):
    dataset = make_dataset(alice, {"a.txt": b"12345"})
    result = add(gql_as(alice), dataset, {"x": b"123", "y": b"1"}, paths=["sub/b.txt", "sub/deeper/c.txt"])
    assert (result["size"], result["fileCount"]) == (9, 3)
    assert [e["node"]["path"] for e in result["files"]["edges"]] == ["a.txt", "sub/b.txt", "sub/deeper/c.txt"]


def test_adding_a_taken_path_is_a_message_and_changes_nothing(gql_as, alice):
    dataset = make_dataset(alice, {"a.txt": b"1"})
    result = add(gql_as(alice), dataset, {"a.txt": b"2", "b.txt": b"3"})
    assert messages(result) == [("paths", "The dataset already has files at: a.txt.")]
    dataset.refresh_from_db()
    assert (dataset.size, dataset.file_count) == (1, 1)


def test_remove_files(gql_as, alice):
    dataset = make_dataset(alice, {"a": b"1", "b/c": b"22", "b/d": b"333"})
    result = gql_as(alice).execute(REMOVE, {"input": {"id": gid(dataset), "paths": ["b/c", "a"]}})
    result = result["data"]["removeDatasetFiles"]
    assert (result["size"], result["fileCount"]) == (3, 1)
    assert [e["node"]["path"] for e in result["files"]["edges"]] == ["b/d"]


def test_removing_unknown_paths_is_a_message_and_removes_nothing(gql_as, alice):
    dataset = make_dataset(alice, {"a": b"1"})
    result = gql_as(alice).execute(REMOVE, {"input": {"id": gid(dataset), "paths": ["a", "ghost"]}})
    assert messages(result["data"]["removeDatasetFiles"]) == [
        ("paths", "No such files in the dataset: ghost.")
    ]
    assert dataset.files.count() == 1


def test_delete_a_dataset(gql_as, alice):
    dataset = make_dataset(alice, {"a": b"1"})
    result = gql_as(alice).execute(DELETE, {"id": gid(dataset)})["data"]["deleteDataset"]
    assert result == {"__typename": "Deleted", "id": gid(dataset)}
    assert not Dataset.objects.exists()


@pytest.mark.parametrize("status", [TaskStatus.QUEUED, TaskStatus.RUNNING])
def test_delete_is_refused_while_a_task_uses_the_dataset(gql_as, alice, status):
    dataset = make_dataset(alice, {"a": b"1"})
    make_task(alice, dataset=dataset, status=status)
    result = gql_as(alice).execute(DELETE, {"id": gid(dataset)})["data"]["deleteDataset"]
    assert messages(result) == [(None, "The dataset is the input of a task that has not finished.")]
    assert result["messages"][0]["code"] == "in_use"
    assert Dataset.objects.filter(pk=dataset.pk).exists()


def test_delete_is_allowed_once_the_task_finished(gql_as, alice):
    dataset = make_dataset(alice, {"a": b"1"})
    make_task(alice, dataset=dataset, status=TaskStatus.SUCCEEDED)
    assert (
        gql_as(alice).execute(DELETE, {"id": gid(dataset)})["data"]["deleteDataset"]["__typename"]
        == "Deleted"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("garbage!", "'garbage!' is not a valid id."),
        ("QWxnb3JpdGhtOjE=", "Expected the id of a Dataset."),  # Algorithm:1
        ("", "'' is not a valid id."),
    ],
)
def test_malformed_ids_are_messages_on_the_id_field(gql_as, alice, value, message):
    client = gql_as(alice)
    result = client.execute(DELETE, {"id": value})["data"]["deleteDataset"]
    assert messages(result) == [("id", message)]
    result = client.execute(REMOVE, {"input": {"id": value, "paths": ["a"]}})["data"]["removeDatasetFiles"]
    assert messages(result) == [("id", message)]


def test_a_plain_primary_key_is_accepted_as_an_id(gql_as, alice):
    dataset = make_dataset(alice, {"a": b"1"})
    result = gql_as(alice).execute(DELETE, {"id": str(dataset.pk)})["data"]["deleteDataset"]
    assert result["__typename"] == "Deleted"


def test_an_unknown_dataset_is_not_found(gql_as, alice):
    result = gql_as(alice).execute(DELETE, {"id": gid(Dataset(pk=987654))})["data"]["deleteDataset"]
    assert messages(result) == [(None, "Dataset not found.")]
