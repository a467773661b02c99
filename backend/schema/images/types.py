from __future__ import annotations

import enum

import strawberry
import strawberry_django
from strawberry import auto, relay
from strawberry.file_uploads import Upload

from oasis.images import models
from schema.accounts.types import UserType
from schema.ids import node_filter
from schema.lookups import TextFilterLookup
from schema.scalars import BigInt


@strawberry.enum(name="ImageSource", description="Where an image comes from.")
class ImageOrigin(enum.Enum):
    REFERENCE = "reference"
    FILE = "file"
    #: Already on the engine when staff registered it (OASIS_ALLOW_LOCAL_IMAGES).
    LOCAL = "local"


ImageStatus = strawberry.enum(
    models.ImageStatus,
    name="ImageStatus",
    description="PENDING while a worker pulls the reference or verifies the tarball; then READY or FAILED.",
)


@strawberry_django.filter_type(models.DockerImage, lookups=True)
class ImageFilter:
    name: TextFilterLookup | None
    is_public: auto
    created_at: auto
    owner = node_filter(type_name="User", lookup="owner", description="Images of one user.")


@strawberry_django.order_type(models.DockerImage)
class ImageOrder:
    name: auto
    created_at: auto


@strawberry_django.type(models.DockerImage, name="DockerImage", filters=ImageFilter, ordering=ImageOrder)
class DockerImageType(relay.Node):
    """A container image: a registry reference or an uploaded ``docker save`` tarball.

    Tasks run it by ``imageId``, pinned when a worker pulled the reference or verified the tarball.
    """

    name: auto
    image_ref: str = strawberry_django.field(description="The registry reference; empty for a tarball.")
    status: ImageStatus
    failure_reason: str = strawberry_django.field(description="Why the pull or verification failed.")
    progress: str = strawberry_django.field(description="While PENDING: how far the pull is.")
    image_id: str = strawberry_django.field(
        description="The image id (sha256 of its config) tasks run; pinned once READY."
    )
    repo_digest: str = strawberry_django.field(
        description="repo@sha256:... of the manifest pulled (references only); how workers get the same bytes."
    )
    digest: str = strawberry_django.field(
        field_name="image_id", deprecation_reason="Use imageId (and repoDigest for the registry's digest)."
    )
    resolved_at: auto
    size: BigInt | None = strawberry_django.field(
        description="Size in bytes (the tarball, or the pulled image)."
    )
    architecture: str
    is_public: auto
    created_at: auto
    owner: UserType

    @strawberry_django.field(only=["image_ref", "engine_local"])
    def source(self, root: models.DockerImage) -> ImageOrigin:
        return ImageOrigin(root.source)


@strawberry_django.type(models.RegistryCredential, name="RegistryCredential")
class RegistryCredentialType:
    """Your login for one registry host; it is sent to that host only, and the password is never shown."""

    host: auto
    username: auto
    created_at: auto


@strawberry.input
class RegistryCredentialInput:
    host: str = strawberry.field(description="e.g. registry.example.org:5000 (docker.io for Docker Hub)")
    username: str
    password: str


@strawberry.input
class RegisterImageInput:
    name: str
    image_ref: str | None = strawberry.field(default=None, description="e.g. alpine:3.20")
    image_file: Upload | None = strawberry.field(default=None, description="A `docker save` .tar or .tar.gz.")
    is_public: bool = False
    engine_local: bool = strawberry.field(
        default=False,
        description="Staff, with OASIS_ALLOW_LOCAL_IMAGES: pin an image the engine already holds (imageRef names it).",
    )
