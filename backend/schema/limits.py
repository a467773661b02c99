"""The installation's limits, for forms to show before anything is sent (the services still decide)."""

from __future__ import annotations

import strawberry

from oasis.limits import InstallationLimits, installation_limits
from schema.scalars import BigInt


@strawberry.type(name="InstallationLimits")
class InstallationLimitsType(InstallationLimits):
    """What this installation allows. A value outside these bounds is refused, never adjusted."""

    # The fields are InstallationLimits'; here only those that have a description or another GraphQL
    # type than their Python one.
    max_name_length: int = strawberry.field(description="Longest name of an image, algorithm or dataset.")
    default_memory_mb: int = strawberry.field(description="An algorithm's memory when none is given.")
    allow_network: bool = strawberry.field(description="Whether algorithms may have network access.")
    max_upload_bytes: BigInt = strawberry.field(description="Largest file one upload may hold.")
    max_image_bytes: BigInt = strawberry.field(description="Largest `docker save` archive to upload.")
    max_files_per_request: int = strawberry.field(
        description="Most files in one multipart request (more go through several requests)."
    )
    max_path_length: int = strawberry.field(description="Longest relative path of a file in a dataset.")
    allowed_registries: list[str] = strawberry.field(
        description="The registry hosts images may come from; empty: any."
    )


@strawberry.type
class Query:
    @strawberry.field(description="This installation's limits on algorithms, uploads and datasets.")
    def installation_limits(self) -> InstallationLimitsType:
        return InstallationLimitsType(**vars(installation_limits()))
