"""Uploads stream to disk while hashing; size and count limits give clear answers, and store nothing."""

import hashlib
import json
import os

from django.conf import settings

from oasis.datasets.models import Blob, Dataset, DatasetFile
from oasis.images.models import DockerImage
from tests.oasis.factories import gid, make_dataset, upload
from tests.oasis.tarballs import image_tarball

CREATE = """mutation($input: CreateDatasetInput!) { createDataset(input: $input) {
  __typename ... on Dataset { name size fileCount files { edges { node { path size sha256 } } } }
  ... on OperationInfo { messages { field message kind code } } } }"""
ADD = """mutation($input: AddDatasetFilesInput!) { addDatasetFiles(input: $input) {
  __typename ... on Dataset { size fileCount }
  ... on OperationInfo { messages { field message } } } }"""
REGISTER = """mutation($input: RegisterImageInput!) { registerImage(input: $input) {
  __typename ... on DockerImage { digest }
  ... on OperationInfo { messages { field message } } } }"""


def _create(client, files: dict[str, bytes], paths=None):
    variables = {"input": {"name": "d", "files": [None] * len(files)}}
    if paths is not None:
        variables["input"]["paths"] = paths
    uploads = {f"input.files.{i}": upload(name, data) for i, (name, data) in enumerate(files.items())}
    return client.execute(CREATE, variables, files=uploads)["data"]["createDataset"]


def _temporary_uploads() -> set[str]:
    return {n for n in os.listdir(settings.FILE_UPLOAD_TEMP_DIR) if ".upload" in n}


def test_an_upload_is_hashed_as_it_arrives_and_its_temporary_file_is_gone_afterwards(gql_as, alice):
    before = _temporary_uploads()
    data = os.urandom(3 * 1024 * 1024 + 5)  # several handler chunks
    result = _create(gql_as(alice), {"big.bin": data})
    [edge] = result["files"]["edges"]
    assert edge["node"] == {"path": "big.bin", "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    assert _temporary_uploads() == before


def test_a_file_over_the_upload_limit_is_a_clear_error_and_nothing_is_stored(gql_as, alice, settings):
    settings.OASIS_MAX_UPLOAD_BYTES = 1000
    small, big = os.urandom(10), os.urandom(1001)
    result = _create(gql_as(alice), {"small.bin": small, "big.bin": big})
    assert result["__typename"] == "OperationInfo"
    assert result["messages"] == [
        {
            "field": "files",
            "message": "big.bin is larger than the upload limit of 1000 bytes.",
            "kind": "VALIDATION",
            "code": "invalid_upload",
        }
    ]
    assert not Dataset.objects.exists()
    assert not Blob.objects.filter(sha256__in=[hashlib.sha256(d).hexdigest() for d in (small, big)]).exists()


def test_a_file_at_the_upload_limit_is_accepted(gql_as, alice, settings):
    settings.OASIS_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
    result = _create(gql_as(alice), {"exact.bin": b"x" * (2 * 1024 * 1024)})
    assert result["size"] == 2 * 1024 * 1024


def test_the_limit_is_in_megabytes_when_it_is_large(gql_as, alice, settings):
    settings.OASIS_MAX_UPLOAD_BYTES = 1024 * 1024
    result = _create(gql_as(alice), {"big.bin": b"x" * (1024 * 1024 + 1)})
    assert result["messages"][0]["message"] == "big.bin is larger than the upload limit of 1 MB."


def test_adding_a_file_over_the_limit_changes_nothing(gql_as, alice, settings):
    dataset = make_dataset(alice, {"a": b"1"})
    settings.OASIS_MAX_UPLOAD_BYTES = 100
    result = gql_as(alice).execute(
        ADD,
        {"input": {"id": gid(dataset), "files": [None]}},
        files={"input.files.0": upload("b", b"x" * 101)},
    )["data"]["addDatasetFiles"]
    assert result == {
        "__typename": "OperationInfo",
        "messages": [{"field": "files", "message": "b is larger than the upload limit of 100 bytes."}],
    }
    dataset.refresh_from_db()
    assert (dataset.size, dataset.file_count) == (1, 1)


def test_an_image_over_the_upload_limit_is_an_error_on_image_file(gql_as, alice, settings):
    data, _ = image_tarball()
    settings.OASIS_MAX_UPLOAD_BYTES = len(data) - 1
    result = gql_as(alice).execute(
        REGISTER,
        {"input": {"name": "x", "imageFile": None}},
        files={"input.imageFile": upload("algo.tar", data)},
    )["data"]["registerImage"]
    assert result["__typename"] == "OperationInfo"
    assert result["messages"][0]["field"] == "imageFile"
    assert "larger than the upload limit" in result["messages"][0]["message"]
    assert not DockerImage.objects.exists()


def _post_files(client, count: int):
    operations = {"query": CREATE, "variables": {"input": {"name": "d", "files": [None] * count}}}
    data = {
        "operations": json.dumps(operations),
        "map": json.dumps({str(i): [f"variables.input.files.{i}"] for i in range(count)}),
    }
    data |= {str(i): upload(f"{i}.txt", b"x") for i in range(count)}
    return client.http.post("/graphql", data=data)


def test_too_many_files_in_one_request_are_refused_and_nothing_is_stored(gql_as, alice, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    assert _post_files(gql_as(alice), 3).json()["data"]["createDataset"]["fileCount"] == 3
    response = _post_files(gql_as(alice), 4)
    assert response.status_code == 400
    assert Dataset.objects.count() == 1
    assert DatasetFile.objects.count() == 3


def test_too_many_files_in_one_request_say_so(gql_as, alice, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    response = _post_files(gql_as(alice), 4)
    assert b"at most 3 files" in response.content.lower()
