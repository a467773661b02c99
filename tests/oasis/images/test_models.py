"""The database itself enforces that an image is a reference XOR an uploaded file."""

import pytest
from django.db import IntegrityError, transaction

from oasis.images.models import DockerImage


def _save(alice, **fields):
    with transaction.atomic():
        return DockerImage.objects.create(name="img", owner=alice, **fields)


def test_a_reference_alone_is_an_image(alice):
    image = _save(alice, image_ref="alpine:3.20")
    assert image.source == "reference"


def test_a_file_alone_is_an_image(alice):
    image = _save(alice, image_file="images/2026/01/algo.tar")
    assert image.source == "file"


def test_both_a_reference_and_a_file_violate_the_constraint(alice):
    with pytest.raises(IntegrityError, match="image_ref_xor_file"):
        _save(alice, image_ref="alpine:3.20", image_file="images/2026/01/algo.tar")


def test_neither_a_reference_nor_a_file_violates_the_constraint(alice):
    with pytest.raises(IntegrityError, match="image_ref_xor_file"):
        _save(alice)


def test_the_constraint_holds_for_updates_too(alice):
    image = _save(alice, image_ref="alpine:3.20")
    with pytest.raises(IntegrityError), transaction.atomic():
        DockerImage.objects.filter(pk=image.pk).update(image_ref="")
