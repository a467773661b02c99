"""Building objects for tests through the real services (blobs land in the real blob storage)."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile

from django.conf import settings
from django.utils import timezone
from strawberry import relay

from oasis.algorithms.models import Algorithm
from oasis.datasets import services as dataset_services
from oasis.datasets.models import Dataset
from oasis.images.models import DockerImage, ImageStatus
from oasis.tasks.models import AlgorithmTask, TaskLogChunk, TaskStatus
from oasis.tasks.spec import snapshot

#: GraphQL type names of the models, for relay ids.
TYPE_NAMES = {
    DockerImage: "DockerImage",
    Algorithm: "Algorithm",
    Dataset: "Dataset",
    AlgorithmTask: "AlgorithmTask",
}


def gid(obj) -> str:
    """The relay global id the API uses for ``obj``."""
    from oasis.datasets.models import DatasetFile

    name = TYPE_NAMES.get(type(obj)) or {DatasetFile: "DatasetFile"}.get(type(obj)) or "User"
    return relay.to_base64(name, obj.pk)


def make_image(
    owner, *, name: str | None = None, ref: str = "alpine:3.20", public: bool = False, **fields
) -> DockerImage:
    """A READY image pinned to a made-up id (names are unique per owner: ``img``, ``img-2``, ...)."""
    if name is None:
        taken = DockerImage.objects.filter(owner=owner, name__startswith="img").count()
        name = "img" if not taken else f"img-{taken + 1}"
    values = {
        "status": ImageStatus.READY,
        "image_id": "sha256:" + hashlib.sha256(f"{owner.pk}/{name}/{ref}".encode()).hexdigest(),
        "resolved_at": timezone.now(),
    } | fields
    return DockerImage.objects.create(name=name, image_ref=ref, owner=owner, is_public=public, **values)


def make_algorithm(owner, *, image: DockerImage | None = None, public: bool = False, **fields) -> Algorithm:
    values = {"name": "algo", "memory_mb": 256, "cpus": 1.0, "timeout_s": 60} | fields
    return Algorithm.objects.create(
        owner=owner, image=image or make_image(owner, public=public), is_public=public, **values
    )


def incoming(files: dict[str, bytes]) -> list[dataset_services.IncomingFile]:
    """Files on local disk with their hashes, as the upload handler leaves them."""
    out = []
    for path, data in files.items():
        fd, local = tempfile.mkstemp(dir=settings.FILE_UPLOAD_TEMP_DIR, prefix="test-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        out.append(
            dataset_services.IncomingFile(
                path=path, local_path=local, sha256=hashlib.sha256(data).hexdigest(), size=len(data)
            )
        )
    return out


def make_dataset(owner, files: dict[str, bytes] | None = None, *, name: str = "data") -> Dataset:
    return dataset_services.create_dataset(owner=owner, name=name, files=incoming(files or {}))


def make_task(owner, *, algorithm=None, dataset=None, status: str = TaskStatus.QUEUED, **fields):
    """A task with the run spec of its algorithm, as ``runAlgorithm`` records it."""
    algorithm = algorithm or make_algorithm(owner)
    spec = snapshot(algorithm)
    return AlgorithmTask.objects.create(
        owner=owner,
        algorithm=algorithm,
        input_dataset=dataset if dataset is not None else make_dataset(owner),
        status=status,
        spec=spec.to_json(),
        spec_digest=spec.digest,
        **fields,
    )


def store_log(task: AlgorithmTask, runs: list[tuple[str, list[str]]], *, counted: int | None = None) -> None:
    """``runs`` stored as the log writer stores them: a chunk per run of consecutive lines of one
    stream, the lines numbered across streams. ``counted``: how many chunks the task counts (default:
    all; fewer, and the rest are still being written)."""
    index = 0
    for seq, (stream, lines) in enumerate(runs):
        TaskLogChunk.objects.create(
            task=task, seq=seq, stream=stream, first_line=index, line_count=len(lines), text="\n".join(lines)
        )
        index += len(lines)
    AlgorithmTask.objects.filter(pk=task.pk).update(
        log_line_count=index, log_chunk_count=len(runs) if counted is None else counted
    )


def upload(name: str, data: bytes) -> io.BytesIO:
    """A file object for a multipart upload."""
    fh = io.BytesIO(data)
    fh.name = name
    return fh
