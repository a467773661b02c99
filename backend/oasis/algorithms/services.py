"""Algorithms: validating and saving how an image is run."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from django.conf import settings

from oasis import ownership
from oasis.errors import NotFound, ValidationError, clean_name, field_error, no_nul
from oasis.images.models import DockerImage
from oasis.limits import MIN_CPUS, MIN_MEMORY_MB, MIN_TIMEOUT_S

from .models import Algorithm

ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
RESERVED_ENV = {"OASIS_INPUT_DIR", "OASIS_OUTPUT_DIR"}
MAX_ENV_ITEMS = 200
MAX_ENV_VALUE = 32 * 1024


@dataclass
class AlgorithmFields:
    """Fields a user sets; ``None`` means "leave as is" on update and "platform default" on create."""

    name: str | None = None
    description: str | None = None
    image_id: int | str | None = None
    command: str | None = None
    entrypoint: str | None = None
    environment: dict[str, str] | None = None
    gpu: bool | None = None
    memory_mb: int | None = None
    cpus: float | None = None
    timeout_s: int | None = None
    network: bool | None = None
    cache_results: bool | None = None
    is_public: bool | None = None


def _check_argv(field: str, value: str) -> str:
    no_nul(field, value)
    if len(value) > 16 * 1024:
        raise field_error(field, "At most 16 KB.")
    try:
        shlex.split(value)
    except ValueError as exc:
        raise field_error(field, f"Cannot split it like a shell would: {exc}.") from exc
    return value


def _check_environment(env) -> dict[str, str]:
    if not isinstance(env, dict):
        raise field_error("environment", "The environment is an object of names to string values.")
    if len(env) > MAX_ENV_ITEMS:
        raise field_error("environment", f"At most {MAX_ENV_ITEMS} variables.")
    errors = []
    for key, value in env.items():
        if not isinstance(key, str) or not ENV_NAME.match(key):
            errors.append(
                f"{key!r} is not a valid variable name (letters, digits, _; not starting with a digit)."
            )
        elif key in RESERVED_ENV:
            errors.append(f"{key} is set by OASIS.")
        elif not isinstance(value, str):
            errors.append(f"The value of {key} must be a string.")
        elif len(value) > MAX_ENV_VALUE or "\x00" in value:
            errors.append(f"The value of {key} is too long or contains a NUL character.")
    if errors:
        raise ValidationError({"environment": [ValidationError(e) for e in errors]})
    return dict(env)


def _apply(algorithm: Algorithm, fields: AlgorithmFields, *, user) -> None:
    if fields.name is not None:
        algorithm.name = clean_name(fields.name, what="algorithm")
    if fields.description is not None:
        algorithm.description = no_nul("description", fields.description)[:10_000]
    if fields.image_id is not None:
        image = DockerImage.objects.visible_to(user).filter(pk=fields.image_id).first()
        if image is None:
            raise field_error("imageId", "Image not found.", code="not_found")
        algorithm.image = image
    if fields.command is not None:
        algorithm.command = _check_argv("command", fields.command)
    if fields.entrypoint is not None:
        algorithm.entrypoint = _check_argv("entrypoint", fields.entrypoint)
    if fields.environment is not None:
        algorithm.environment = _check_environment(fields.environment)
    if fields.gpu is not None:
        algorithm.gpu = fields.gpu
    if fields.memory_mb is not None:
        if not MIN_MEMORY_MB <= fields.memory_mb <= settings.OASIS_MAX_MEMORY_MB:
            raise field_error(
                "memoryMb", f"Memory is between {MIN_MEMORY_MB} and {settings.OASIS_MAX_MEMORY_MB} MB."
            )
        algorithm.memory_mb = fields.memory_mb
    if fields.cpus is not None:
        if not MIN_CPUS <= fields.cpus <= settings.OASIS_MAX_CPUS:
            raise field_error("cpus", f"CPUs are between {MIN_CPUS} and {settings.OASIS_MAX_CPUS}.")
        algorithm.cpus = fields.cpus
    if fields.timeout_s is not None:
        if not MIN_TIMEOUT_S <= fields.timeout_s <= settings.OASIS_MAX_TIMEOUT_S:
            raise field_error(
                "timeoutS",
                f"The timeout is between {MIN_TIMEOUT_S} and {settings.OASIS_MAX_TIMEOUT_S} seconds.",
            )
        algorithm.timeout_s = fields.timeout_s
    if fields.network is not None:
        if fields.network and not settings.OASIS_ALLOW_NETWORK:
            raise field_error("network", "This installation does not allow network access for algorithms.")
        algorithm.network = fields.network
    if fields.cache_results is not None:
        algorithm.cache_results = fields.cache_results
    if fields.is_public is not None:
        algorithm.is_public = fields.is_public


def create_algorithm(*, owner, fields: AlgorithmFields) -> Algorithm:
    if fields.name is None:
        raise field_error("name", "Give the algorithm a name.", code="required")
    if fields.image_id is None:
        raise field_error("imageId", "Choose an image.", code="required")
    # A default above its cap (a misconfiguration) must not give algorithms more than the cap allows.
    algorithm = Algorithm(
        owner=owner,
        memory_mb=min(settings.OASIS_DEFAULT_MEMORY_MB, settings.OASIS_MAX_MEMORY_MB),
        cpus=min(settings.OASIS_DEFAULT_CPUS, settings.OASIS_MAX_CPUS),
        timeout_s=min(settings.OASIS_DEFAULT_TIMEOUT_S, settings.OASIS_MAX_TIMEOUT_S),
    )
    _apply(algorithm, fields, user=owner)
    algorithm.save()
    return algorithm


def get_runnable(*, user, algorithm_id) -> Algorithm:
    algorithm = Algorithm.objects.visible_to(user).select_related("image").filter(pk=algorithm_id).first()
    if algorithm is None:
        raise NotFound("Algorithm not found.")
    return algorithm


def get_changeable(*, user, algorithm_id) -> Algorithm:
    return ownership.get_changeable(Algorithm.objects.all(), user=user, pk=algorithm_id, what="algorithm")


def update_algorithm(*, user, algorithm_id, fields: AlgorithmFields) -> Algorithm:
    algorithm = get_changeable(user=user, algorithm_id=algorithm_id)
    _apply(algorithm, fields, user=user)
    algorithm.save()
    return algorithm


def delete_algorithm(*, user, algorithm_id) -> None:
    """Delete an algorithm; its tasks keep the run spec they recorded (and lose only the link)."""
    algorithm = get_changeable(user=user, algorithm_id=algorithm_id)
    algorithm.delete()
