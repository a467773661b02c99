"""Celery tasks of images: pin a newly registered (or re-pulled) image on a worker."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from runners.exceptions import EngineUnavailable

from . import services

log = logging.getLogger(__name__)

#: A pull or verification not finished after this long is started again by ``recover_images``.
STALE_AFTER_S = 15 * 60


#: Seconds between tries while the engine is unreachable; then the image FAILS with that reason.
ENGINE_RETRY_DELAYS_S = (2, 5, 15)


@shared_task(
    name="oasis.images.tasks.resolve_image",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    max_retries=len(ENGINE_RETRY_DELAYS_S),
)
def resolve_image(self, image_pk: int) -> None:
    try:
        services.resolve(image_pk=image_pk)
    except EngineUnavailable as exc:
        if self.request.retries >= len(ENGINE_RETRY_DELAYS_S):
            services.fail_resolve(image_pk=image_pk, reason=f"container engine unreachable: {exc}")
            return
        raise self.retry(exc=exc, countdown=ENGINE_RETRY_DELAYS_S[self.request.retries]) from exc


def enqueue_resolve(image_pk: int) -> None:
    resolve_image.apply_async(args=[image_pk], queue=settings.CELERY_TASK_DEFAULT_QUEUE)


@shared_task(name="oasis.images.tasks.recover_images", ignore_result=True)
def recover_images() -> list[int]:
    """Start again pulls and verifications whose message or worker was lost (the row says PENDING)."""
    stale = services.stale_pending(older_than_s=STALE_AFTER_S)
    for image_pk in stale:
        log.warning("Resolving image %s again: its earlier attempt did not finish", image_pk)
        services.restart_resolve(image_pk)
        enqueue_resolve(image_pk)
    return stale
