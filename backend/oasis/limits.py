"""What this installation allows: the bounds the services enforce, in one place for clients to show.

The services refuse a value outside these bounds (never clamp it); the API publishes them
(``installationLimits``) so a form can show them before anything is sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from oasis.datasets.paths import MAX_PATH_LENGTH
from oasis.errors import MAX_NAME

#: The smallest memory, CPUs and timeout an algorithm may ask for (the engine refuses less than 6 MB).
MIN_MEMORY_MB = 6
MIN_CPUS = 0.01
MIN_TIMEOUT_S = 1


@dataclass
class InstallationLimits:
    """What this installation allows; the API's ``InstallationLimits`` has these fields (not frozen:
    the GraphQL type subclasses it)."""

    max_name_length: int
    min_memory_mb: int
    max_memory_mb: int
    default_memory_mb: int
    min_cpus: float
    max_cpus: float
    default_cpus: float
    min_timeout_s: int
    max_timeout_s: int
    default_timeout_s: int
    allow_network: bool
    max_upload_bytes: int
    max_image_bytes: int
    max_files_per_dataset: int
    max_files_per_request: int
    max_path_length: int
    allowed_registries: tuple[str, ...]


def installation_limits() -> InstallationLimits:
    """The limits as configured (a default above its cap is the cap, as ``create_algorithm`` does)."""
    return InstallationLimits(
        max_name_length=MAX_NAME,
        min_memory_mb=MIN_MEMORY_MB,
        max_memory_mb=settings.OASIS_MAX_MEMORY_MB,
        default_memory_mb=min(settings.OASIS_DEFAULT_MEMORY_MB, settings.OASIS_MAX_MEMORY_MB),
        min_cpus=MIN_CPUS,
        max_cpus=settings.OASIS_MAX_CPUS,
        default_cpus=min(settings.OASIS_DEFAULT_CPUS, settings.OASIS_MAX_CPUS),
        min_timeout_s=MIN_TIMEOUT_S,
        max_timeout_s=settings.OASIS_MAX_TIMEOUT_S,
        default_timeout_s=min(settings.OASIS_DEFAULT_TIMEOUT_S, settings.OASIS_MAX_TIMEOUT_S),
        allow_network=settings.OASIS_ALLOW_NETWORK,
        max_upload_bytes=settings.OASIS_MAX_UPLOAD_BYTES,
        max_image_bytes=min(settings.OASIS_MAX_IMAGE_BYTES, settings.OASIS_MAX_UPLOAD_BYTES),
        max_files_per_dataset=settings.OASIS_MAX_FILES_PER_DATASET,
        max_files_per_request=settings.DATA_UPLOAD_MAX_NUMBER_FILES,
        max_path_length=MAX_PATH_LENGTH,
        allowed_registries=tuple(settings.OASIS_ALLOWED_REGISTRIES),
    )
