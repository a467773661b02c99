"""Pinning images at registration (orchestration, with a scripted runner) and registry logins.

The same behaviour runs for real against the engine and a registry in tests/e2e/test_pinned_runs.py
and tests/runners/test_docker_runner.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from oasis.errors import NotFound
from oasis.images import credentials, services, tasks
from oasis.images.models import DockerImage, ImageStatus, RegistryCredential, registry_host
from runners.base import PullFailed, ResolvedImage
from runners.exceptions import EngineUnavailable
from tests.oasis.factories import make_image

IMAGE_ID = "sha256:" + "a" * 64
DIGEST = "127.0.0.1:5000/team/tool@sha256:" + "b" * 64


@dataclass
class ScriptedRunner:
    """Answers ``resolve_reference`` as told and records what it was asked (and with which login)."""

    result: ResolvedImage | BaseException = field(
        default_factory=lambda: ResolvedImage(image_id=IMAGE_ID, repo_digest=DIGEST, architecture="amd64")
    )
    asked: list[tuple[str, dict | None]] = field(default_factory=list)

    def resolve_reference(self, ref, *, registry_auth, on_progress):
        self.asked.append((ref, registry_auth))
        on_progress("Downloading 1.0 of 2.0 MB")
        if isinstance(self.result, BaseException):
            raise self.result
        return self.result


@pytest.fixture
def scripted(monkeypatch):
    runner = ScriptedRunner()
    monkeypatch.setattr(services, "get_runner", lambda: runner)
    return runner


def _messages(excinfo) -> dict[str, list[str]]:
    return {key: [str(m) for m in value] for key, value in excinfo.value.message_dict.items()}


@pytest.mark.parametrize("ref", ["sha256:" + "c" * 64, "c" * 64, "c" * 12])
def test_image_ids_cannot_be_registered(alice, ref):
    with pytest.raises(ValidationError) as excinfo:
        services.register_image(owner=alice, name="x", image_ref=ref)
    assert _messages(excinfo)["imageRef"][0].startswith("Image ids cannot be registered")


def test_only_allowed_registries(alice, settings):
    settings.OASIS_ALLOWED_REGISTRIES = ["registry.example.org"]
    with pytest.raises(ValidationError) as excinfo:
        services.register_image(owner=alice, name="x", image_ref="alpine:3.20")
    assert _messages(excinfo)["imageRef"] == [
        "Images come from registry.example.org on this installation, not docker.io."
    ]
    image = services.register_image(owner=alice, name="y", image_ref="registry.example.org/team/a:1")
    assert image.status == ImageStatus.PENDING


@pytest.mark.parametrize(
    ("ref", "host"),
    [
        ("alpine:3.20", "docker.io"),
        ("team/tool:1", "docker.io"),
        ("Registry.Example.org:5000/a/b:1", "registry.example.org:5000"),
        ("localhost/a", "localhost"),
    ],
)
def test_registry_hosts(ref, host):
    assert registry_host(ref) == host


def test_a_reference_is_pending_until_a_worker_pins_it(alice, scripted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        image = services.register_image(owner=alice, name="tool", image_ref="127.0.0.1:5000/team/tool:1")
    assert (image.status, image.image_id, image.resolved_at) == (ImageStatus.PENDING, "", None)
    assert len(callbacks) == 1  # the pull is enqueued once the row is committed

    services.resolve(image_pk=image.pk)

    image.refresh_from_db()
    assert (image.status, image.image_id, image.repo_digest) == (ImageStatus.READY, IMAGE_ID, DIGEST)
    assert image.resolved_at is not None and image.progress == "" and image.architecture == "amd64"
    assert scripted.asked == [("127.0.0.1:5000/team/tool:1", None)]


def test_a_failed_pull_says_why_in_a_few_words(alice, scripted):
    scripted.result = PullFailed("not found in the registry")
    image = services.register_image(owner=alice, name="tool", image_ref="127.0.0.1:5000/team/tool:1")
    services.resolve(image_pk=image.pk)
    image.refresh_from_db()
    assert image.status == ImageStatus.FAILED
    assert image.failure_reason == "could not pull 127.0.0.1:5000/team/tool:1: not found in the registry"


def test_an_image_for_another_architecture_fails(alice, scripted):
    scripted.result = ResolvedImage(image_id=IMAGE_ID, repo_digest=DIGEST, architecture="arm64")
    image = services.register_image(owner=alice, name="tool", image_ref="team/tool:1")
    services.resolve(image_pk=image.pk)
    image.refresh_from_db()
    assert (image.status, image.failure_reason) == (
        ImageStatus.FAILED,
        "the image is for arm64; workers run amd64",
    )


def test_an_unreachable_engine_is_retried_then_fails_the_image(alice, scripted, monkeypatch):
    scripted.result = EngineUnavailable("connection refused")
    image = services.register_image(owner=alice, name="tool", image_ref="team/tool:1")
    with pytest.raises(EngineUnavailable):
        services.resolve(image_pk=image.pk)
    assert DockerImage.objects.get(pk=image.pk).status == ImageStatus.PENDING
    services.fail_resolve(image_pk=image.pk, reason="container engine unreachable: connection refused")
    image.refresh_from_db()
    assert (image.status, image.failure_reason) == (
        ImageStatus.FAILED,
        "container engine unreachable: connection refused",
    )


def test_pulling_again_pins_the_new_digest_and_keeps_the_old_until_then(alice, scripted):
    image = make_image(alice, ref="team/tool:1", repo_digest="team/tool@sha256:" + "0" * 64)
    old = image.image_id

    services.pull_again(user=alice, image_id=image.pk)
    image.refresh_from_db()
    assert image.status == ImageStatus.PENDING and image.image_id == old  # tasks still get the old pin

    with pytest.raises(ValidationError, match="being pulled already"):
        services.pull_again(user=alice, image_id=image.pk)
    services.resolve(image_pk=image.pk)
    image.refresh_from_db()
    assert (image.status, image.image_id, image.repo_digest) == (ImageStatus.READY, IMAGE_ID, DIGEST)


def test_a_result_from_an_older_attempt_is_not_recorded(alice, scripted):
    image = services.register_image(owner=alice, name="tool", image_ref="team/tool:1")
    attempt = DockerImage.objects.get(pk=image.pk).resolve_started_at
    services.restart_resolve(image.pk)  # recovery started another attempt meanwhile
    services._record(image.pk, attempt, failure="late")
    assert DockerImage.objects.get(pk=image.pk).status == ImageStatus.PENDING


def test_a_tarball_is_only_tried_again_when_it_failed(alice):
    image = make_image(alice, ref="", image_file="images/x.tar")
    with pytest.raises(ValidationError, match="Only an image registered by reference"):
        services.pull_again(user=alice, image_id=image.pk)
    DockerImage.objects.filter(pk=image.pk).update(status=ImageStatus.FAILED)
    assert services.pull_again(user=alice, image_id=image.pk).status == ImageStatus.PENDING


def test_others_cannot_pull_your_image_again(alice, bob):
    public, private = make_image(alice, public=True), make_image(alice)
    with pytest.raises(PermissionDenied, match="Only the owner may change this image"):
        services.pull_again(user=bob, image_id=public.pk)
    with pytest.raises(NotFound, match="Image not found"):
        services.pull_again(user=bob, image_id=private.pk)


def test_names_are_unique_per_owner(alice, bob):
    services.register_image(owner=alice, name="tool", image_ref="team/tool:1")
    with pytest.raises(ValidationError) as excinfo:
        services.register_image(owner=alice, name="tool", image_ref="team/tool:2")
    assert _messages(excinfo)["name"] == ["You already have an image named 'tool'."]
    assert services.register_image(owner=bob, name="tool", image_ref="team/tool:1").name == "tool"


def test_stale_pending_images_are_resolved_again(alice, monkeypatch):
    sent = []
    monkeypatch.setattr(tasks, "enqueue_resolve", sent.append)
    image = services.register_image(owner=alice, name="tool", image_ref="team/tool:1")
    assert tasks.recover_images() == []
    DockerImage.objects.filter(pk=image.pk).update(resolve_started_at=None)
    assert tasks.recover_images() == [image.pk] and sent == [image.pk]
    assert DockerImage.objects.get(pk=image.pk).resolve_started_at is not None


def test_engine_local_images_are_an_opt_in_for_staff(alice, make_user, settings):
    with pytest.raises(ValidationError, match="does not allow engine-local images"):
        services.register_image(owner=alice, name="dev", image_ref="mine:dev", engine_local=True)
    settings.OASIS_ALLOW_LOCAL_IMAGES = True
    with pytest.raises(ValidationError, match="Only staff"):
        services.register_image(owner=alice, name="dev", image_ref="mine:dev", engine_local=True)
    admin = make_user("admin", is_staff=True)
    image = services.register_image(owner=admin, name="dev", image_ref="mine:dev", engine_local=True)
    assert (image.source, image.status) == ("local", ImageStatus.PENDING)


# --- registry logins ---------------------------------------------------------------------------


def test_a_login_goes_to_its_own_host_only(alice, bob, settings):
    settings.OASIS_REGISTRY_CREDENTIALS = {"Registry.Example.org": {"username": "site", "password": "p1"}}
    credentials.set_credential(owner=alice, host="registry.example.org", username="alice", password="p2")

    assert credentials.auth_for("registry.example.org", owner_id=alice.pk) == {
        "username": "alice",
        "password": "p2",
        "serveraddress": "registry.example.org",
    }
    assert credentials.auth_for("registry.example.org", owner_id=bob.pk)["username"] == "site"
    assert credentials.auth_for("127.0.0.1:5999", owner_id=alice.pk) is None
    assert credentials.auth_for("docker.io", owner_id=alice.pk) is None


def test_stored_passwords_are_encrypted(alice):
    credentials.set_credential(owner=alice, host="r.example.org", username="alice", password="s3cret-token")
    stored = RegistryCredential.objects.get()
    assert "s3cret" not in stored.secret
    assert credentials.decrypt(stored.secret) == "s3cret-token"


def test_a_changed_key_makes_old_secrets_unreadable_not_an_error(alice, settings):
    credentials.set_credential(owner=alice, host="r.example.org", username="alice", password="pw")
    settings.OASIS_CREDENTIALS_KEY = "another key"
    assert credentials.auth_for("r.example.org", owner_id=alice.pk) is None


@pytest.mark.parametrize("host", ["https://r.example.org", "r.example.org/path", "", "a b"])
def test_a_login_needs_a_plain_host(alice, host):
    with pytest.raises(ValidationError) as excinfo:
        credentials.set_credential(owner=alice, host=host, username="u", password="p")
    assert list(_messages(excinfo)) == ["host"]
