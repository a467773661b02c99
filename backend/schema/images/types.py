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


@strawberry.enum
class ImageSource(enum.Enum):
    REFERENCE = "reference"
    FILE = "file"


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
    """A container image: a registry reference or an uploaded ``docker save`` tarball."""

    name: auto
    image_ref: str = strawberry_django.field(description="The registry reference; empty for a tarball.")
    digest: str = strawberry_django.field(description="The image id (sha256 of its config), once known.")
    size: BigInt | None = strawberry_django.field(description="Size of the uploaded tarball in bytes.")
    architecture: str
    is_public: auto
    created_at: auto
    owner: UserType

    @strawberry_django.field(only=["image_ref"])
    def source(self, root: models.DockerImage) -> ImageSource:
        return ImageSource.REFERENCE if root.image_ref else ImageSource.FILE


@strawberry.input
class RegisterImageInput:
    name: str
    image_ref: str | None = strawberry.field(default=None, description="e.g. alpine:3.20")
    image_file: Upload | None = strawberry.field(default=None, description="A `docker save` .tar or .tar.gz.")
    is_public: bool = False
