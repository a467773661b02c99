"""Registering container images: by registry reference, or by an uploaded ``docker save`` tarball."""

from __future__ import annotations

import re
import tarfile

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.deletion import ProtectedError

from oasis.datasets.uploads import upload_size_error
from oasis.errors import NotFound, ValidationError, field_error, no_nul
from oasis.ownership import can_change
from runners.exceptions import InvalidImageTarball
from runners.tarball import inspect_image_tarball

from .models import DockerImage

_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_REFERENCE = re.compile(
    rf"^(?:(?P<domain>(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9-]+)*(?::[0-9]+)?)/)?"
    rf"(?P<path>{_COMPONENT}(?:/{_COMPONENT})*)"
    r"(?::(?P<tag>[\w][\w.-]{0,127}))?"
    r"(?:@(?P<digest>sha256:[a-f0-9]{64}))?$"
)


def validate_reference(ref: str) -> str:
    ref = ref.strip()
    if not ref or len(ref) > 512 or not _REFERENCE.match(ref):
        raise field_error(
            "imageRef",
            f"{ref!r} is not a valid image reference (e.g. alpine:3.20 or host:5000/team/algo@sha256:...).",
        )
    return ref


def _clean_name(name: str) -> str:
    name = no_nul("name", name).strip()
    if not name:
        raise field_error("name", "Give the image a name.", code="required")
    if len(name) > 200:
        raise field_error("name", "An image name has at most 200 characters.")
    return name


def register_image(
    *, owner, name: str, image_ref: str | None = None, image_file=None, is_public: bool = False
):
    """Register an image by reference or by tarball (validated without unpacking layers)."""
    name = _clean_name(name)
    has_ref = bool(image_ref and image_ref.strip())
    if has_ref and image_file is not None:
        raise ValidationError(
            {
                "imageRef": ValidationError("Give either an image reference or an image file, not both."),
                "imageFile": ValidationError("Give either an image reference or an image file, not both."),
            }
        )
    if not has_ref and image_file is None:
        raise field_error(
            "imageRef", "Give an image reference (e.g. alpine:3.20) or upload an image file.", code="required"
        )
    if has_ref:
        return DockerImage.objects.create(
            name=name, image_ref=validate_reference(image_ref), owner=owner, is_public=is_public
        )
    if not isinstance(image_file, UploadedFile):
        raise field_error("imageFile", "The image file is not an upload; send it as a multipart file.")
    filename = (image_file.name or "image.tar").rsplit("/", 1)[-1]
    if not filename.endswith((".tar", ".tar.gz", ".tgz")):
        raise field_error("imageFile", "An image file is a `docker save` archive: .tar or .tar.gz.")
    limit = min(settings.OASIS_MAX_IMAGE_BYTES, settings.OASIS_MAX_UPLOAD_BYTES)
    too_large = upload_size_error(image_file, limit=limit)
    if too_large:
        raise field_error("imageFile", too_large, code="too_large")
    image_file.seek(0)
    try:
        info = inspect_image_tarball(
            image_file,
            max_bytes=settings.OASIS_MAX_IMAGE_BYTES,
            architectures=tuple(settings.OASIS_WORKER_ARCHITECTURES),
        )
    except InvalidImageTarball as exc:
        raise field_error(
            "imageFile", f"This is not a loadable `docker save` archive: {exc}.", code="invalid_tarball"
        ) from exc
    except tarfile.TarError as exc:  # e.g. gzip magic with an unknown compression method
        raise field_error(
            "imageFile",
            "This is not a loadable `docker save` archive: the file is not a tar or tar.gz archive.",
            code="invalid_tarball",
        ) from exc
    image_file.seek(0)
    with transaction.atomic():
        image = DockerImage(
            name=name,
            owner=owner,
            is_public=is_public,
            digest=info.digest,
            size=image_file.size,
            architecture=info.architecture,
        )
        image.image_file.save(filename, File(image_file), save=False)
        image.save()
    return image


def get_changeable(*, user, image_id) -> DockerImage:
    image = DockerImage.objects.visible_to(user).filter(pk=image_id).first()
    if image is None or not can_change(user, image):
        raise NotFound("Image not found.")
    return image


def delete_image(*, user, image_id) -> None:
    image = get_changeable(user=user, image_id=image_id)
    try:
        image.delete()
    except ProtectedError as exc:
        raise ValidationError("Algorithms still use this image; delete them first.", code="in_use") from exc
    if image.image_file:
        image.image_file.delete(save=False)
