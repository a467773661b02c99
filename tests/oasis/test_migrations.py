"""The migrations describe the models exactly (and the image XOR rule lives in the database)."""

import io

from django.core.management import call_command
from django.db import connection


def test_no_model_change_lacks_a_migration(db):
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_the_database_carries_the_constraints(db):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "images_dockerimage")
        assert "image_ref_xor_file" in constraints
        constraints = connection.introspection.get_constraints(cursor, "datasets_datasetfile")
        assert constraints["dataset_file_path_unique"]["unique"]
