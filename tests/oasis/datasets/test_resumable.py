"""Resumable uploads with local storage: sessions, parts in any order, resume, completion, checks,
limits, the sweep; the GraphQL side and the part endpoint (through Django's test client here; through
the real server in tests/e2e/test_resumable_uploads.py)."""

from __future__ import annotations

import hashlib
import os
import zlib
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from strawberry.relay import to_base64

from oasis.datasets import resumable
from oasis.datasets.models import Blob, UploadSession, UploadStatus
from tests.oasis.factories import make_dataset

MB = 1024 * 1024

START = """mutation($input: StartUploadInput!) { startUpload(input: $input) {
  __typename ... on UploadSession { id size partSize partCount status direct }
  ... on OperationInfo { messages { field message } } } }"""
SESSION = """query($id: ID!) { uploadSession(id: $id) { status error receivedParts { number size }
  dataset { id name files { edges { node { path size sha256 } } } } } }"""
COMPLETE = """mutation($id: ID!) { completeUpload(id: $id) {
  __typename ... on UploadSession { status error dataset { id fileCount size } }
  ... on OperationInfo { messages { message } } } }"""
ABORT = """mutation($id: ID!) { abortUpload(id: $id) { __typename ... on OperationInfo { messages { message } } } }"""


@pytest.fixture
def small_parts(settings):
    settings.OASIS_UPLOAD_PART_MIN_BYTES = 1024
    settings.OASIS_UPLOAD_PART_BYTES = 1024


def _put(client: Client, session_id: str, number: int, data: bytes, **headers):
    return client.put(
        f"/api/uploads/{session_id}/parts/{number}",
        data=data,
        content_type="application/octet-stream",
        **headers,
    )


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_parts_in_any_order_then_complete_into_a_new_dataset(alice, gql_as, small_parts):
    data = os.urandom(2500)  # parts of 1024, 1024, 452
    api = gql_as(alice)
    started = api.data(START, {"input": {"path": "raw/big.bin", "size": len(data), "datasetName": "scans"}})[
        "startUpload"
    ]
    assert (started["partSize"], started["partCount"], started["status"], started["direct"]) == (
        1024,
        3,
        "OPEN",
        False,
    )
    urls = api.data(
        "query($id: ID!) { uploadSession(id: $id) { partUrls(partNumbers: [3, 1]) { number url } } }",
        {"id": started["id"]},
    )["uploadSession"]["partUrls"]
    assert urls == [{"number": n, "url": f"/api/uploads/{started['id']}/parts/{n}"} for n in (3, 1)]
    http = _logged_in(alice)
    for number in (3, 1):
        response = _put(http, started["id"], number, data[(number - 1) * 1024 : number * 1024])
        assert response.status_code == 200, response.content
    state = api.data(SESSION, {"id": started["id"]})["uploadSession"]
    assert state["receivedParts"] == [{"number": 1, "size": 1024}, {"number": 3, "size": 452}]

    # A completion with a part missing names it and leaves the session open: send it, complete again.
    refused = api.data(COMPLETE, {"id": started["id"]})["completeUpload"]
    assert refused["messages"][0]["message"] == "1 part(s) have not arrived: 2."
    assert _put(http, started["id"], 2, data[1024:2048]).status_code == 200
    done = api.data(COMPLETE, {"id": started["id"]})["completeUpload"]
    assert (
        done["status"] == "COMPLETE" and done["dataset"]["fileCount"] == 1 and done["dataset"]["size"] == 2500
    )
    files = api.data(SESSION, {"id": started["id"]})["uploadSession"]["dataset"]["files"]["edges"]
    assert files[0]["node"] == {
        "path": "raw/big.bin",
        "size": 2500,
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    assert Blob.objects.get(sha256=hashlib.sha256(data).hexdigest()).crc32 == zlib.crc32(data)
    assert not resumable.spool_path(started["id"]).exists()
    # Finished: no more parts.
    assert _put(http, started["id"], 1, data[:1024]).status_code == 409


def test_a_part_sent_again_replaces_it_and_a_wrong_sha256_fails_the_upload(alice, small_parts):
    data = os.urandom(1500)
    session = resumable.start_upload(
        user=alice, path="a.bin", size=1500, sha256=hashlib.sha256(data).hexdigest(), dataset_name="d"
    )
    http = _logged_in(alice)
    assert _put(http, session.pk, 1, b"x" * 1024).status_code == 200
    assert _put(http, session.pk, 1, data[:1024]).status_code == 200  # a resend replaces
    assert _put(http, session.pk, 2, data[1024:]).status_code == 200
    assert resumable.complete_upload(user=alice, session_id=session.pk).status == UploadStatus.COMPLETE

    other = resumable.start_upload(user=alice, path="b.bin", size=1500, sha256="0" * 64, dataset_name="e")
    assert _put(http, other.pk, 1, data[:1024]).status_code == 200
    assert _put(http, other.pk, 2, data[1024:]).status_code == 200
    failed = resumable.complete_upload(user=alice, session_id=other.pk)
    assert failed.status == UploadStatus.FAILED and "SHA-256" in failed.error and failed.dataset is None


def test_part_checks(alice, bob, small_parts):
    session = resumable.start_upload(user=alice, path="a.bin", size=1500, dataset_name="d")
    http = _logged_in(alice)
    short = _put(http, session.pk, 1, b"x" * 1000)
    assert short.status_code == 400
    assert short.json() == {
        "errors": [{"message": "Part 1 has 1024 bytes; the request's Content-Length is 1000."}]
    }
    assert _put(http, session.pk, 3, b"x" * 10).status_code == 400  # only 2 parts
    assert _put(http, session.pk, 0, b"x" * 10).status_code == 400
    # Someone else's session, an anonymous client, a made-up id: not found, and nothing written.
    assert _put(_logged_in(bob), session.pk, 1, b"x" * 1024).status_code == 404
    assert _put(Client(), session.pk, 1, b"x" * 1024).status_code == 404
    assert _put(http, "not-a-uuid", 1, b"x" * 1024).status_code == 404
    assert resumable.received_parts(session) == {}
    assert os.path.getsize(resumable.spool_path(session.pk)) == 0
    with pytest.raises(resumable.NotFound):
        resumable.complete_upload(user=bob, session_id=session.pk)
    with pytest.raises(resumable.NotFound):
        resumable.abort_upload(user=bob, session_id=session.pk)
    # Only PUT.
    assert http.post(f"/api/uploads/{session.pk}/parts/1", data=b"x", content_type="x/y").status_code == 405


def test_start_checks_and_limits(alice, bob, gql_as, settings, small_parts):
    api = gql_as(alice)

    def refused(**given):
        answer = api.data(START, {"input": {"path": "a.bin", "size": 10, "datasetName": "d", **given}})
        return answer["startUpload"]["messages"][0]["message"]

    settings.OASIS_MAX_UPLOAD_BYTES = 10 * MB
    assert refused(size=11 * MB) == "The file is larger than the upload limit of 10 MB."
    assert refused(size=0).startswith("An empty file needs no upload session")
    assert refused(path="../a") == "File path '../a' has an empty, '.' or '..' segment."
    assert refused(sha256="abc") == "Give the SHA-256 as 64 hexadecimal digits."
    assert refused(datasetName=" ") == "Give the new dataset a name, or a dataset to add to."
    assert refused(partSize=100).startswith("A part has 1 KB to 1 GB")
    # Someone else's dataset is not found; a path the dataset has is refused up front.
    theirs = make_dataset(bob, {"a.bin": b"x"})
    mine = make_dataset(alice, {"a.bin": b"x"})
    assert refused(datasetId=to_base64("Dataset", theirs.pk)) == "Dataset not found."
    assert refused(datasetId=to_base64("Dataset", mine.pk)) == "The dataset already has files at: a.bin."
    # At most 10,000 parts: the part size grows.
    settings.OASIS_UPLOAD_PART_MAX_BYTES = 10 * MB
    big = resumable.start_upload(user=alice, path="b", size=10 * MB, dataset_name="d")
    assert big.part_count <= resumable.MAX_PARTS and big.part_size >= 1024
    # Sessions per user.
    settings.OASIS_MAX_UPLOAD_SESSIONS = 2
    resumable.start_upload(user=alice, path="c", size=10, dataset_name="d")
    assert refused().startswith("You have 2 unfinished uploads (the limit is 2)")
    resumable.start_upload(user=bob, path="c", size=10, dataset_name="d")  # bob's own count


def test_into_an_existing_dataset_abort_and_listing(alice, bob, gql_as, small_parts):
    dataset = make_dataset(alice, {"old.txt": b"old"})
    api = gql_as(alice)
    started = api.data(
        START, {"input": {"path": "new.bin", "size": 5, "datasetId": to_base64("Dataset", dataset.pk)}}
    )["startUpload"]
    assert _put(_logged_in(alice), started["id"], 1, b"hello").status_code == 200
    listed = api.data("{ uploadSessions { id path receivedParts { number } } }")["uploadSessions"]
    assert listed == [{"id": started["id"], "path": "new.bin", "receivedParts": [{"number": 1}]}]
    assert gql_as(bob).data(SESSION, {"id": started["id"]})["uploadSession"] is None
    assert gql_as(bob).data("{ uploadSessions { id } }")["uploadSessions"] == []
    done = api.data(COMPLETE, {"id": started["id"]})["completeUpload"]
    assert done["status"] == "COMPLETE" and done["dataset"]["fileCount"] == 2

    other = resumable.start_upload(user=alice, path="x.bin", size=5, dataset_name="d")
    assert api.data(ABORT, {"id": str(other.pk)})["abortUpload"]["__typename"] == "Deleted"
    assert not UploadSession.objects.filter(pk=other.pk).exists()
    assert not resumable.spool_path(other.pk).exists()


def test_sweep_drops_abandoned_sessions(alice, small_parts):
    stale = resumable.start_upload(user=alice, path="a", size=5, dataset_name="d")
    fresh = resumable.start_upload(user=alice, path="b", size=5, dataset_name="d")
    UploadSession.objects.filter(pk=stale.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    from oasis.tasks.tasks import sweep_storage

    counts = sweep_storage()
    assert counts["expired_uploads"] == 1
    assert not UploadSession.objects.filter(pk=stale.pk).exists()
    assert not resumable.spool_path(stale.pk).exists()
    assert resumable.spool_path(fresh.pk).exists()
