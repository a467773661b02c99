"""Each model has a working Django admin: list, search, add form and change form render."""

import pytest
from django.contrib import admin
from django.urls import reverse

from oasis.accounts.services import create_token
from tests.oasis.factories import make_task

MODELS = [
    ("accounts", "apitoken"),
    ("images", "dockerimage"),
    ("algorithms", "algorithm"),
    ("datasets", "dataset"),
    ("datasets", "blob"),
    ("tasks", "algorithmtask"),
]


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    return client


def test_every_domain_model_is_registered():
    registered = {(m._meta.app_label, m._meta.model_name) for m in admin.site._registry}
    assert set(MODELS) <= registered


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_admin_pages_render(admin_client, alice, app, model):
    task = make_task(alice)
    task.input_dataset.files.create(path="a.txt", blob=_blob())
    create_token(user=alice, name="t")
    changelist = reverse(f"admin:{app}_{model}_changelist")
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "a"}).status_code == 200
    model_admin = next(ma for m, ma in admin.site._registry.items() if m._meta.model_name == model)
    if model_admin.has_add_permission(_request(admin_client)):
        assert admin_client.get(reverse(f"admin:{app}_{model}_add")).status_code == 200
    obj = model_admin.model.objects.first()
    assert admin_client.get(reverse(f"admin:{app}_{model}_change", args=[obj.pk])).status_code == 200


def _blob():
    from oasis.datasets.models import Blob

    return Blob.objects.create(sha256="f" * 64, size=1)


def _request(client):
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(username="root")
    return request
