"""A stopping server hands back the tasks it executes (issue 12): their leases end at once under a
holder none of its executors is, so the next claim reattaches without waiting out a lease. The real
SIGTERM is tested in tests/e2e/test_server_shutdown.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from oasis.tasks import lease
from oasis.tasks.models import TaskStatus
from tests.oasis.factories import make_task

pytestmark = pytest.mark.django_db


def test_only_this_processs_live_tasks_are_handed_back_and_can_be_claimed_at_once(alice):
    later = timezone.now() + timedelta(minutes=5)
    mine = make_task(alice, status=TaskStatus.RUNNING, worker=f"{lease.WORKER_ID}:a1", lease_expires_at=later)
    queued = make_task(alice, worker=f"{lease.WORKER_ID}:b2", lease_expires_at=later)
    elsewhere = make_task(alice, status=TaskStatus.RUNNING, worker="other-host:1:c3", lease_expires_at=later)
    make_task(alice, status=TaskStatus.SUCCEEDED, worker=f"{lease.WORKER_ID}:d4")
    assert lease.executing_here() == 2

    assert sorted(lease.hand_back()) == sorted([mine.pk, queued.pk])

    assert lease.executing_here() == 0
    mine.refresh_from_db()
    assert mine.worker == f"{lease.WORKER_ID}:handed-back" and mine.lease_expires_at <= timezone.now()
    elsewhere.refresh_from_db()
    assert elsewhere.lease_expires_at == later
    assert lease.claim(mine.pk, "next-process:9:e5") == lease.Claim(mode="reattach", stale_claim=True)
    assert lease.claim(queued.pk, "next-process:9:f6") == lease.Claim(mode="run", stale_claim=True)
    assert lease.claim(elsewhere.pk, "next-process:9:g7") is None
