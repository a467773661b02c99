"""Images on a Docker engine: pinned by id, got only from a registry by digest or from a verified
archive, never taken by tag (see ``runners.base.JobImage``).

``resolve_reference`` pulls a reference at registration and pins its manifest digest and image id;
``verify_tarball`` proves an uploaded archive holds exactly its image id (every layer hashed, tags
removed) and loads it; ``prepare`` makes a job's pinned id present before its container is created.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import BinaryIO

import docker
import docker.auth
import docker.errors
import requests.exceptions
from docker.utils import parse_repository_tag

from runners import engine_api
from runners.base import IMAGE_ID, JobImage, LogSink, PullFailed, ResolvedImage
from runners.exceptions import ImageNotFound, InvalidImageTarball
from runners.image_archive import verified_archive

logger = logging.getLogger(__name__)


class DockerImages:
    """The image side of ``DockerRunner`` (which turns a lost engine into ``EngineUnavailable``)."""

    def __init__(self, api: Callable[[], docker.APIClient]) -> None:
        self._api = api

    @property
    def api(self) -> docker.APIClient:
        return self._api()

    def resolve_reference(
        self, ref: str, *, registry_auth: dict | None, on_progress: Callable[[str], None]
    ) -> ResolvedImage:
        """Pull ``ref`` (always asking its registry, even when the engine holds the tag) and pin it."""
        digest = self._pull(ref, registry_auth, on_progress)
        repository, _ = parse_repository_tag(ref)
        pinned = f"{repository}@{digest}" if digest else ref
        info = self.inspect(pinned)
        if info is None:
            raise PullFailed("the registry's answer could not be used")
        if not digest:
            digest = next(
                (
                    d.partition("@")[2]
                    for d in info.get("RepoDigests") or []
                    if d.startswith(repository + "@")
                ),
                "",
            )
        return ResolvedImage(
            image_id=info["Id"],
            repo_digest=f"{repository}@{digest}" if digest else "",
            architecture=info.get("Architecture", ""),
            size=info.get("Size"),
        )

    def verify_tarball(self, open_tarball: Callable[[], BinaryIO], *, image_id: str) -> ResolvedImage:
        if self.exists(image_id):
            with open_tarball() as tarball:  # present already: prove this archive holds it too
                for _ in verified_archive(tarball, image_id=image_id):
                    pass
        else:
            self._load(open_tarball, image_id)
        info = self.inspect(image_id) or {}
        return ResolvedImage(
            image_id=image_id, architecture=info.get("Architecture", ""), size=info.get("Size")
        )

    def inspect_local(self, ref: str) -> ResolvedImage:
        info = self.inspect(ref)
        if info is None:
            raise ImageNotFound(f"the engine holds no image {ref}")
        return ResolvedImage(
            image_id=info["Id"], architecture=info.get("Architecture", ""), size=info.get("Size")
        )

    def prepare(self, image: JobImage, logs: LogSink) -> str:
        """Make the pinned image id present in the engine; containers are created from the id only."""
        if not IMAGE_ID.match(image.image_id):
            raise ValueError(f"a job's image is pinned by its id, not {image.image_id!r}")
        if self.exists(image.image_id):
            return image.image_id
        if image.pull_ref:
            logs.note(f"Pulling {image.pull_ref}")
            try:
                self._pull(image.pull_ref, image.registry_auth, lambda _: None)
            except PullFailed as exc:
                raise ImageNotFound(f"could not pull {image.pull_ref}: {exc.reason}") from exc
            if not self.exists(image.image_id):
                raise ImageNotFound(f"{image.pull_ref} no longer holds image {image.image_id}")
        elif image.open_tarball is not None:
            logs.note(f"Loading image {image.display_name or image.image_id}")
            self._load(image.open_tarball, image.image_id)
        else:
            raise ImageNotFound(f"image {image.image_id[:19]} is not on this worker's engine")
        return image.image_id

    def inspect(self, ref: str) -> dict | None:
        try:
            return self.api.inspect_image(ref)
        except docker.errors.ImageNotFound:
            return None
        except docker.errors.APIError as exc:
            if exc.status_code in (400, 404):
                return None
            raise

    def exists(self, ref: str) -> bool:
        return self.inspect(ref) is not None

    def _pull(self, ref: str, registry_auth: dict | None, on_progress: Callable[[str], None]) -> str:
        """Pull from the registry; returns the manifest digest the engine reported (or "").

        ``registry_auth`` is meant for this reference's registry only: the caller picks it by host.
        """
        repository, tag = parse_repository_tag(ref)
        headers = {}
        if registry_auth is not None:
            headers["X-Registry-Auth"] = docker.auth.encode_header(registry_auth)
        progress = _PullProgress(on_progress)
        try:
            # Not api.pull: it waits on the engine without a timeout; here every read has one.
            for message in engine_api.pull_messages(self.api, repository, tag or "latest", headers):
                if not isinstance(message, dict):
                    continue
                if message.get("error"):
                    logger.info("pulling %s failed: %s", ref, message["error"])
                    raise PullFailed(pull_failure_reason(str(message["error"])))
                progress.update(message)
        except docker.errors.APIError as exc:
            logger.info("pulling %s failed: %s", ref, exc)
            raise PullFailed(pull_failure_reason(str(exc.explanation or exc))) from exc
        except requests.exceptions.ReadTimeout as exc:
            raise PullFailed("the registry did not answer in time") from exc
        return progress.digest

    def _load(self, open_tarball: Callable[[], BinaryIO], image_id: str) -> None:
        """Load an uploaded archive with its tags removed, refusing it unless it holds ``image_id``."""
        try:
            with open_tarball() as tarball:
                # Streamed as it is verified: never held in memory; an archive that fails the check
                # ends without its end marker, so the engine refuses it whole.
                for message in self.api.load_image(verified_archive(tarball, image_id=image_id), quiet=False):
                    if isinstance(message, dict) and message.get("error"):
                        raise InvalidImageTarball(
                            f"the image tarball could not be loaded: {message['error']}"
                        )
        except docker.errors.APIError as exc:
            raise InvalidImageTarball(
                f"the image tarball could not be loaded: {exc.explanation or exc}"
            ) from exc
        if not self.exists(image_id):
            raise InvalidImageTarball(f"the image tarball did not contain image {image_id}")


class _PullProgress:
    """Sums the engine's per-layer progress into one line, passed on at most once a second."""

    def __init__(self, on_progress: Callable[[str], None]) -> None:
        self._on_progress = on_progress
        self._layers: dict[str, tuple[int, int]] = {}
        self._last = 0.0
        self.digest = ""

    def update(self, message: dict) -> None:
        status = str(message.get("status", ""))
        if status.startswith("Digest: "):
            self.digest = status.removeprefix("Digest: ").strip()
        detail = message.get("progressDetail") or {}
        if status == "Downloading" and isinstance(detail.get("total"), int) and message.get("id"):
            self._layers[str(message["id"])] = (int(detail.get("current") or 0), detail["total"])
        now = time.monotonic()
        if self._layers and now - self._last >= 1.0:
            self._last = now
            done = sum(current for current, _ in self._layers.values())
            total = sum(size for _, size in self._layers.values())
            self._on_progress(f"Downloading {done / 1e6:,.1f} of {total / 1e6:,.1f} MB")


#: What an engine's pull error says, by class; the registry's own words are never passed on (the
#: reference picks which host the engine talks to, so they could tell what answers there).
_PULL_FAILURES = (
    (
        ("unauthorized", "authentication required", "denied", "no basic auth", "forbidden"),
        "the registry refused access (authentication required or denied)",
    ),
    (("manifest unknown", "not found", "does not exist", "name unknown"), "not found in the registry"),
    (("no matching manifest", "platform"), "the registry has no image for this platform"),
    (
        (
            "no such host",
            "connection refused",
            "dial tcp",
            "i/o timeout",
            "timeout",
            "tls",
            "eof",
            "connection reset",
            "server gave http response",
            "network is unreachable",
        ),
        "the registry could not be reached",
    ),
)


def pull_failure_reason(message: str) -> str:
    """A short, safe class of an engine's pull error."""
    lowered = message.lower()
    for needles, reason in _PULL_FAILURES:
        if any(needle in lowered for needle in needles):
            return reason
    return "the registry's answer could not be used"
