"""The runner's ``Job`` of a task: built from the spec the task recorded, never from the live algorithm."""

from __future__ import annotations

from django.conf import settings

from oasis.datasets.blobs import open_blob
from oasis.datasets.models import DatasetFile
from oasis.images.credentials import auth_for
from oasis.images.models import DockerImage, registry_host
from runners.base import InputFile, Job, JobImage, Limits

from .models import AlgorithmTask
from .spec import RunSpec


def build_job(task: AlgorithmTask) -> Job:
    """The job of the task's recorded spec: the image by its pinned id, never the live algorithm."""
    spec = RunSpec.from_json(task.spec)
    inputs = []
    if task.input_dataset_id:
        for placement in DatasetFile.objects.filter(dataset_id=task.input_dataset_id).select_related("blob"):
            blob = placement.blob
            inputs.append(InputFile(path=placement.path, size=blob.size, open=lambda b=blob: open_blob(b)))
    return Job(
        task_id=str(task.pk),
        image=job_image(spec),
        command=spec.command,
        entrypoint=spec.entrypoint,
        environment=dict(spec.environment),
        limits=Limits(
            memory_mb=spec.memory_mb,
            cpus=spec.cpus,
            timeout_s=spec.timeout_s,
            network=spec.network,
            gpu=spec.gpu,
            pids=settings.OASIS_PIDS_LIMIT,
        ),
        inputs=inputs,
    )


def job_image(spec: RunSpec) -> JobImage:
    """Where a worker whose engine lacks the pinned image gets it: the digest or the stored tarball.

    Registry credentials are the image owner's (or the installation's) for that registry host only.
    """
    image = DockerImage.objects.filter(pk=spec.image_pk).first() if spec.image_pk else None
    display = f"{spec.image_name} ({spec.image_id[:19]})"
    if spec.repo_digest:
        return JobImage(
            image_id=spec.image_id,
            pull_ref=spec.repo_digest,
            registry_auth=auth_for(
                registry_host(spec.repo_digest), owner_id=image.owner_id if image else None
            ),
            display_name=display,
        )
    if image is not None and image.image_file and image.image_id == spec.image_id:
        file_field = image.image_file
        return JobImage(
            image_id=spec.image_id,
            open_tarball=lambda: file_field.storage.open(file_field.name, "rb"),
            display_name=display,
        )
    return JobImage(image_id=spec.image_id, display_name=display)
