"""Personal API tokens: random, shown once, stored only as a hash."""

import hashlib
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from oasis.accounts.models import ApiToken
from oasis.accounts.services import TOKEN_PREFIX, create_token, user_for_token


def test_a_token_is_random_and_stored_only_as_its_sha256(alice):
    row, plain = create_token(user=alice, name="laptop")
    _, other = create_token(user=alice)
    assert plain != other
    assert plain.startswith(TOKEN_PREFIX)
    assert len(plain) >= len(TOKEN_PREFIX) + 40
    row.refresh_from_db()
    assert row.key_hash == hashlib.sha256(plain.encode()).hexdigest()
    assert row.prefix == plain[:12]
    assert row.name == "laptop"
    assert row.user == alice


def test_no_column_of_the_token_table_holds_the_plain_token(alice):
    _, plain = create_token(user=alice, name="n")
    secret_part = plain[12:]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")
        rows = cursor.fetchall()
    assert rows
    assert not any(secret_part in str(value) for row in rows for value in row)


def test_the_user_for_a_token(alice, bob):
    _, plain = create_token(user=alice)
    create_token(user=bob)
    assert user_for_token(plain) == alice
    assert user_for_token(plain + "x") is None
    assert user_for_token(plain[:-1]) is None
    assert user_for_token(plain.removeprefix(TOKEN_PREFIX)) is None
    assert user_for_token("") is None


def test_a_token_of_an_inactive_user_does_not_work(alice):
    _, plain = create_token(user=alice)
    alice.is_active = False
    alice.save()
    assert user_for_token(plain) is None


def test_a_deleted_token_does_not_work(alice):
    row, plain = create_token(user=alice)
    row.delete()
    assert user_for_token(plain) is None


def test_last_use_is_recorded_at_most_once_a_minute(alice):
    row, plain = create_token(user=alice)
    assert row.last_used_at is None
    user_for_token(plain)
    row.refresh_from_db()
    first = row.last_used_at
    assert first is not None
    user_for_token(plain)
    row.refresh_from_db()
    assert row.last_used_at == first
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now() - timedelta(minutes=5))
    user_for_token(plain)
    row.refresh_from_db()
    assert row.last_used_at > first - timedelta(minutes=1)


def test_a_long_name_is_cut(alice):
    row, _ = create_token(user=alice, name="n" * 300)
    assert row.name == "n" * 100
