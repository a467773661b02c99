from __future__ import annotations

import strawberry
import strawberry_django
from strawberry import auto, relay
from strawberry.scalars import JSON

from oasis.algorithms import models
from oasis.algorithms.services import AlgorithmFields
from schema.accounts.types import UserType
from schema.ids import node_filter
from schema.images.types import DockerImageType
from schema.lookups import TextFilterLookup


@strawberry_django.filter_type(models.Algorithm, lookups=True)
class AlgorithmFilter:
    name: TextFilterLookup | None
    gpu: auto
    is_public: auto
    created_at: auto
    owner = node_filter(type_name="User", lookup="owner", description="Algorithms of one user.")
    image = node_filter(type_name="DockerImage", lookup="image", description="Algorithms running one image.")


@strawberry_django.order_type(models.Algorithm)
class AlgorithmOrder:
    name: auto
    created_at: auto
    updated_at: auto


@strawberry_django.type(models.Algorithm, name="Algorithm", filters=AlgorithmFilter, ordering=AlgorithmOrder)
class AlgorithmType(relay.Node):
    """How to run an image: argv, environment, GPU and limits."""

    name: auto
    description: auto
    image: DockerImageType
    command: str = strawberry_django.field(description="Split like a POSIX shell into argv; empty keeps CMD.")
    entrypoint: str = strawberry_django.field(description="Split like a POSIX shell; empty keeps ENTRYPOINT.")
    environment: JSON
    gpu: auto
    memory_mb: auto
    cpus: auto
    timeout_s: auto
    network: auto
    cache_results: bool = strawberry_django.field(
        description="Reuse the result of an earlier run with the same spec and the same input content."
    )
    is_public: auto
    created_at: auto
    updated_at: auto
    owner: UserType


@strawberry.input
class AlgorithmInput(AlgorithmFields):
    """Fields of an algorithm. On update, omitted fields stay as they are."""

    # The fields are AlgorithmFields' (what a user sets); here only those with another GraphQL type
    # than their Python one, or a description.
    image_id: strawberry.ID | None = None
    environment: JSON | None = strawberry.field(default=None, description='e.g. {"THREADS": "4"}')
