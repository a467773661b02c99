"""Celery tasks of datasets: the worker's half of a resumable upload into S3."""

from __future__ import annotations

from celery import shared_task


@shared_task(
    name="oasis.datasets.tasks.finish_upload", acks_late=True, reject_on_worker_lost=True, ignore_result=True
)
def finish_upload(session_id: str) -> None:
    """Hash a completed S3 upload, make it a blob and place it (``resumable.finish_upload``)."""
    from . import resumable

    resumable.finish_upload(session_id)
