"""Registering container images: by registry reference, or by an uploaded ``docker save`` tarball."""

from __future__ import annotations

import re
import tarfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from oasis import ownership
from oasis.datasets.uploads import upload_size_error
from oasis.errors import ValidationError, clean_name, field_error
from oasis.runner import get_runner
from runners.base import PullFailed
from runners.exceptions import EngineUnavailable, InvalidImageTarball, UserError
from runners.tarball import inspect_image_tarball

from .credentials import auth_for
from .models import DockerImage, ImageStatus, registry_host

_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_REFERENCE = re.compile(
    rf"^(?:(?P<domain>(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9-]+)*(?::[0-9]+)?)/)?"
    rf"(?P<path>{_COMPONENT}(?:/{_COMPONENT})*)"
    r"(?::(?P<tag>[\w][\w.-]{0,127}))?"
    r"(?:@(?P<digest>sha256:[a-f0-9]{64}))?$"
)


_IMAGE_ID_LIKE = re.compile(r"^(sha256:)?[a-f0-9]{12,64}$")


def validate_reference(ref: str) -> str:
    """A registry reference a user may register: well formed, not an image id, from an allowed registry."""
    ref = ref.strip()
    if ref.startswith("sha256:") or _IMAGE_ID_LIKE.match(ref):
        raise field_error(
            "imageRef",
            "Image ids cannot be registered: give a registry reference (e.g. alpine:3.20) or upload "
            "the image as a `docker save` archive.",
        )
    if not ref or len(ref) > 512 or not _REFERENCE.match(ref):
        raise field_error(
            "imageRef",
            f"{ref!r} is not a valid image reference (e.g. alpine:3.20 or host:5000/team/algo@sha256:...).",
        )
    allowed = settings.OASIS_ALLOWED_REGISTRIES
    if allowed and registry_host(ref) not in allowed:
        raise field_error(
            "imageRef",
            f"Images come from {', '.join(allowed)} on this installation, not {registry_host(ref)}.",
            code="registry_not_allowed",
        )
    return ref


def register_image(
    *,
    owner,
    name: str,
    image_ref: str | None = None,
    image_file=None,
    is_public: bool = False,
    engine_local: bool = False,
) -> DockerImage:
    """Register an image; a worker then pins it (pulls the reference, or verifies the tarball).

    The image is PENDING until then, READY with its image id (and manifest digest) recorded, or
    FAILED with a reason. Image names are unique per owner.
    """
    name = clean_name(name, what="image")
    if DockerImage.objects.filter(owner=owner, name=name).exists():
        raise field_error("name", f"You already have an image named {name!r}.", code="unique")
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
    if engine_local:
        return _register_engine_local(owner=owner, name=name, ref=image_ref or "", is_public=is_public)
    if has_ref:
        image = DockerImage(
            name=name, image_ref=validate_reference(image_ref), owner=owner, is_public=is_public
        )
        return _save_and_resolve(image)
    info, filename = _inspect_upload(image_file)
    image = DockerImage(
        name=name,
        owner=owner,
        is_public=is_public,
        image_id=info.digest,
        size=image_file.size,
        architecture=info.architecture,
    )
    image.image_file.save(filename, File(image_file), save=False)
    return _save_and_resolve(image)


def _register_engine_local(*, owner, name: str, ref: str, is_public: bool) -> DockerImage:
    if not settings.OASIS_ALLOW_LOCAL_IMAGES:
        raise field_error(
            "engineLocal", "This installation does not allow engine-local images.", code="not_allowed"
        )
    if not owner.is_staff:
        raise field_error("engineLocal", "Only staff may register engine-local images.", code="not_allowed")
    ref = ref.strip()
    if not ref or len(ref) > 512:
        raise field_error("imageRef", "Give the name or id of the image on the engine.", code="required")
    image = DockerImage(name=name, image_ref=ref, engine_local=True, owner=owner, is_public=is_public)
    return _save_and_resolve(image)


def _inspect_upload(image_file) -> tuple:
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
    return info, filename


def _save_and_resolve(image: DockerImage) -> DockerImage:
    """Save a PENDING image and hand it to a worker once the row is committed."""
    image.status = ImageStatus.PENDING
    image.resolve_started_at = timezone.now()
    try:
        with transaction.atomic():
            image.save()
    except IntegrityError as exc:  # the same name registered concurrently
        raise field_error("name", f"You already have an image named {image.name!r}.", code="unique") from exc
    image_pk = image.pk
    transaction.on_commit(lambda: _enqueue(image_pk))
    return image


def pull_again(*, user, image_id) -> DockerImage:
    """Pull a registry image's reference again: a moved tag is pinned anew, earlier tasks keep theirs.

    Also tries again an image whose pull or verification FAILED (e.g. the engine was unreachable).
    """
    with transaction.atomic():
        image = get_changeable(user=user, image_id=image_id)
        image = DockerImage.objects.select_for_update().get(pk=image.pk)
        if image.source != "reference" and image.status != ImageStatus.FAILED:
            # A tarball's content never changes: only a failed verification is worth another try.
            raise ValidationError(
                "Only an image registered by reference can be pulled again.", code="not_pulled"
            )
        if image.status == ImageStatus.PENDING:
            raise ValidationError("The image is being pulled already.", code="pending")
        image.status = ImageStatus.PENDING
        image.progress = ""
        image.resolve_started_at = timezone.now()
        image.save(update_fields=["status", "progress", "resolve_started_at"])
        image_pk = image.pk
        transaction.on_commit(lambda: _enqueue(image_pk))
    return image


def _enqueue(image_pk: int) -> None:
    from .tasks import enqueue_resolve  # tasks imports this module

    enqueue_resolve(image_pk)


def resolve(*, image_pk: int) -> None:
    """Pin a PENDING image with the runner (on a worker) and record READY or FAILED.

    The pull may take minutes, so the row is not locked meanwhile; the result is written only if the
    image is still PENDING from the same attempt.
    """
    image = DockerImage.objects.filter(pk=image_pk, status=ImageStatus.PENDING).first()
    if image is None:
        return
    attempt = image.resolve_started_at
    runner = get_runner()
    progress = _ProgressWriter(image_pk)
    try:
        if image.engine_local:
            resolved = runner.inspect_local(image.image_ref)
        elif image.image_ref:
            resolved = runner.resolve_reference(
                image.image_ref,
                registry_auth=auth_for(image.registry_host, owner_id=image.owner_id),
                on_progress=progress,
            )
        else:
            file_field = image.image_file
            resolved = runner.verify_tarball(
                lambda: file_field.storage.open(file_field.name, "rb"), image_id=image.image_id
            )
    except PullFailed as exc:
        _record(image_pk, attempt, failure=f"could not pull {image.image_ref}: {exc.reason}")
        return
    except UserError as exc:
        _record(image_pk, attempt, failure=str(exc))
        return
    except EngineUnavailable:
        raise  # retried by the Celery task; the image stays PENDING
    architectures = settings.OASIS_WORKER_ARCHITECTURES
    if resolved.architecture and resolved.architecture not in architectures:
        _record(
            image_pk,
            attempt,
            failure=f"the image is for {resolved.architecture}; workers run {', '.join(architectures)}",
        )
        return
    _record(image_pk, attempt, resolved=resolved)


def fail_resolve(*, image_pk: int, reason: str) -> None:
    """Give up on a PENDING image (e.g. the engine stayed unreachable); "pull again" tries anew."""
    image = DockerImage.objects.filter(pk=image_pk, status=ImageStatus.PENDING).first()
    if image is not None:
        _record(image_pk, image.resolve_started_at, failure=reason)


def _record(image_pk: int, attempt, *, resolved=None, failure: str = "") -> None:
    with transaction.atomic():
        image = DockerImage.objects.select_for_update().filter(pk=image_pk).first()
        if image is None or image.status != ImageStatus.PENDING or image.resolve_started_at != attempt:
            return
        fields = ["status", "failure_reason", "progress"]
        image.progress = ""
        if resolved is None:
            image.status, image.failure_reason = ImageStatus.FAILED, failure[:300]
        else:
            image.status, image.failure_reason = ImageStatus.READY, ""
            image.image_id = resolved.image_id
            image.repo_digest = resolved.repo_digest
            image.resolved_at = timezone.now()
            fields += ["image_id", "repo_digest", "resolved_at"]
            if resolved.architecture:
                image.architecture = resolved.architecture
                fields.append("architecture")
            if image.image_ref and resolved.size is not None:
                image.size = resolved.size
                fields.append("size")
        image.save(update_fields=fields)


class _ProgressWriter:
    """Stores the pull's progress line on the image (the runner calls it at most once a second)."""

    def __init__(self, image_pk: int) -> None:
        self.image_pk = image_pk

    def __call__(self, text: str) -> None:
        DockerImage.objects.filter(pk=self.image_pk, status=ImageStatus.PENDING).update(progress=text[:120])


def stale_pending(*, older_than_s: int) -> list[int]:
    """PENDING images whose pull or verification started long ago (its message or worker was lost)."""
    cutoff = timezone.now() - timedelta(seconds=older_than_s)
    return list(
        DockerImage.objects.filter(status=ImageStatus.PENDING)
        .filter(Q(resolve_started_at__lt=cutoff) | Q(resolve_started_at__isnull=True))
        .values_list("pk", flat=True)
    )


def restart_resolve(image_pk: int) -> None:
    DockerImage.objects.filter(pk=image_pk, status=ImageStatus.PENDING).update(
        resolve_started_at=timezone.now()
    )


def get_changeable(*, user, image_id) -> DockerImage:
    return ownership.get_changeable(DockerImage.objects.all(), user=user, pk=image_id, what="image")


def _in_use(image: DockerImage, user) -> str:
    """Why an image cannot be deleted, as its owner may read it: their own algorithms by name, other
    users' only counted."""
    own = sorted(image.algorithms.filter(owner=user).values_list("name", flat=True)[:6])
    others = image.algorithms.exclude(owner=user).count()
    users = []
    if own:
        users.append("your algorithms (" + ", ".join(own[:5]) + (", ..." if len(own) > 5 else "") + ")")
    if others:
        users.append(f"{others} algorithm{'s of other users' if others > 1 else ' of another user'}")
    what = "delete them first" if not others else "it can be deleted once no algorithm uses it"
    return f"This image is still used by {' and '.join(users)}; {what}."


def delete_image(*, user, image_id) -> None:
    image = get_changeable(user=user, image_id=image_id)
    try:
        image.delete()
    except ProtectedError as exc:
        raise ValidationError(_in_use(image, user), code="in_use") from exc
    if image.image_file:
        image.image_file.delete(save=False)
