"""The Celery application: `celery -A oasis worker` in the distributed mode, in-process when embedded."""

import os

from celery import Celery
from celery.signals import worker_ready

from .compat import kombu as kombu_compat

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oasis.settings")

kombu_compat.install()  # a Redis restart must not end the worker (see the module)

app = Celery("oasis")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _sweep_storage_at_start(sender=None, **kwargs) -> None:
    """What a crash left (spool files, blobs without a dataset) goes when a worker starts."""
    from django.conf import settings

    if not settings.EMBEDDED:  # the embedded mode sweeps in oasis.embedded.start
        app.send_task("oasis.tasks.tasks.sweep_storage", queue=settings.OASIS_HOUSEKEEPING_QUEUE)
