"""Building the configured runner (``OASIS_RUNNER``, a dotted path) from settings."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string

from runners.base import Runner


@lru_cache(maxsize=1)
def get_runner() -> Runner:
    cls = import_string(settings.OASIS_RUNNER)
    options = dict(settings.OASIS_RUNNER_OPTIONS.get(settings.OASIS_RUNNER, {}))
    return cls(**options)
