"""A task's status moves only along its lifecycle, through ``AlgorithmTask.update_status``."""

import itertools

import pytest
from django.utils import timezone

from oasis.tasks import events
from oasis.tasks.models import AlgorithmTask, InvalidTransition, TaskStatus
from tests.oasis.factories import make_dataset, make_task

S = TaskStatus
#: The lifecycle of the issue (CREATED->QUEUED->RUNNING->SUCCEEDED|FAILED; CANCELLED from CREATED,
#: QUEUED or RUNNING), plus QUEUED->FAILED for failures before a container starts (image pull).
ALLOWED = {
    (S.CREATED, S.QUEUED),
    (S.CREATED, S.CANCELLED),
    (S.CREATED, S.SUCCEEDED),  # a reused result
    (S.QUEUED, S.RUNNING),
    (S.QUEUED, S.FAILED),
    (S.QUEUED, S.CANCELLED),
    (S.RUNNING, S.SUCCEEDED),
    (S.RUNNING, S.FAILED),
    (S.RUNNING, S.CANCELLED),
}
ALL_PAIRS = list(itertools.product(S.values, repeat=2))


@pytest.fixture
def published(monkeypatch):
    calls = []
    monkeypatch.setattr(
        events, "task_changed", lambda task_id, owner_id=None: calls.append((task_id, owner_id))
    )
    return calls


@pytest.mark.parametrize(("current", "new"), sorted(ALLOWED))
def test_allowed_transitions(alice, current, new, published, django_capture_on_commit_callbacks):
    task = make_task(alice, status=current)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        task.update_status(new)
    task.refresh_from_db()
    assert task.status == new
    assert len(callbacks) == 1
    assert published == [(task.pk, alice.pk)], "the change is published once, on commit"


@pytest.mark.parametrize(("current", "new"), [pair for pair in ALL_PAIRS if pair not in ALLOWED])
def test_forbidden_transitions_raise_and_change_nothing(alice, current, new, published):
    task = make_task(alice, status=current)
    with pytest.raises(InvalidTransition) as excinfo:
        task.update_status(new)
    assert excinfo.value.current == current
    assert excinfo.value.new == new
    assert str(excinfo.value) == f"A {current.lower()} task cannot become {new.lower()}."
    stored = AlgorithmTask.objects.get(pk=task.pk)
    assert stored.status == current
    assert (stored.queued_at, stored.started_at, stored.finished_at) == (None, None, None)
    assert published == []


def test_finished_statuses_are_final(alice):
    for final in (S.SUCCEEDED, S.FAILED, S.CANCELLED):
        task = make_task(alice, status=final)
        assert task.is_finished
        for new in S.values:
            with pytest.raises(InvalidTransition):
                task.update_status(new)


def test_the_happy_path_stamps_each_time_once(alice, published):
    before = timezone.now()
    task = make_task(alice, status=S.CREATED)
    assert task.created_at >= before
    assert (task.queued_at, task.started_at, task.finished_at) == (None, None, None)
    task.update_status(S.QUEUED)
    queued_at = task.queued_at
    assert queued_at is not None and queued_at >= task.created_at
    task.update_status(S.RUNNING)
    started_at = task.started_at
    assert started_at >= queued_at
    output = make_dataset(alice, name="out")
    task.update_status(S.SUCCEEDED, exit_code=0, output_dataset_id=output.pk)
    task.refresh_from_db()
    assert (task.queued_at, task.started_at) == (queued_at, started_at)
    assert task.finished_at >= started_at
    assert task.exit_code == 0
    assert task.output_dataset == output
    assert task.failure_reason == ""


def test_a_failure_keeps_its_exit_code_and_a_short_reason(alice, published):
    task = make_task(alice, status=S.RUNNING, started_at=timezone.now())
    task.update_status(S.FAILED, exit_code=137, failure_reason="Out of memory. " + "x" * 1000)
    task.refresh_from_db()
    assert task.exit_code == 137
    assert task.failure_reason.startswith("Out of memory.")
    assert len(task.failure_reason) == 500
    assert task.finished_at is not None


def test_finishing_clears_the_worker_lease(alice, published):
    task = make_task(alice, status=S.RUNNING, worker="w1", lease_expires_at=timezone.now())
    task.update_status(S.CANCELLED, failure_reason="cancelled by alice")
    task.refresh_from_db()
    assert task.lease_expires_at is None
    assert task.failure_reason == "cancelled by alice"


def test_cancelling_a_queued_task_never_sets_started_at(alice, published):
    task = make_task(alice, status=S.CREATED)
    task.update_status(S.QUEUED)
    task.update_status(S.CANCELLED)
    task.refresh_from_db()
    assert task.started_at is None
    assert task.finished_at >= task.queued_at


def test_update_status_saves_only_what_it_changes(alice, published):
    task = make_task(alice, status=S.QUEUED)
    AlgorithmTask.objects.filter(pk=task.pk).update(log_line_count=42)  # e.g. the log writer meanwhile
    task.update_status(S.RUNNING)
    task.refresh_from_db()
    assert task.log_line_count == 42
