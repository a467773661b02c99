"""A task's run spec: exactly what it runs, recorded when the task is created and never changed.

The image is pinned by its id (and, for a registry image, the manifest digest to pull it by), so
editing or deleting the algorithm, pulling its tag again, or another user's upload cannot change
what an earlier task ran or what a re-run of it runs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields

#: Fields that decide what happens when the spec runs; the digest covers these only (names and
#: database ids help people, they do not change a result).
_EXECUTABLE = (
    "image_id",
    "command",
    "entrypoint",
    "environment",
    "gpu",
    "network",
    "memory_mb",
    "cpus",
    "timeout_s",
)


@dataclass(frozen=True)
class RunSpec:
    image_id: str
    #: ``repo@sha256:...`` for a registry image, else empty.
    repo_digest: str
    image_pk: int | None
    image_name: str
    #: "reference", "file" or "local".
    image_source: str
    image_ref: str
    algorithm_pk: int | None
    algorithm_name: str
    #: argv; None keeps the image's CMD / ENTRYPOINT.
    command: list[str] | None
    entrypoint: list[str] | None
    environment: dict[str, str] = field(default_factory=dict)
    gpu: bool = False
    network: bool = False
    memory_mb: int = 1024
    cpus: float = 1.0
    timeout_s: int = 3600

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> RunSpec:
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})

    @property
    def digest(self) -> str:
        executable = {name: getattr(self, name) for name in _EXECUTABLE}
        canonical = json.dumps(executable, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def snapshot(algorithm) -> RunSpec:
    """The spec of running ``algorithm`` now, with its image as pinned at registration."""
    image = algorithm.image
    return RunSpec(
        image_id=image.image_id,
        repo_digest=image.repo_digest,
        image_pk=image.pk,
        image_name=image.name,
        image_source=image.source,
        image_ref=image.image_ref,
        algorithm_pk=algorithm.pk,
        algorithm_name=algorithm.name,
        command=algorithm.command_argv,
        entrypoint=algorithm.entrypoint_argv,
        environment=dict(algorithm.environment),
        gpu=algorithm.gpu,
        network=algorithm.network,
        memory_mb=algorithm.memory_mb,
        cpus=algorithm.cpus,
        timeout_s=algorithm.timeout_s,
    )
