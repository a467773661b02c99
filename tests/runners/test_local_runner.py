"""LocalRunner: the same job contract as the Docker runner, as a plain subprocess."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from runners.base import LogPosition, Termination
from runners.exceptions import UserError
from runners.local import LocalRunner
from tests.runners.fakes import Recorder, make_job, memory_input, sh

IGNORED_IMAGE = "ignored/by-the-local-runner:1"


@pytest.fixture
def local() -> LocalRunner:
    return LocalRunner(enabled=True)


def scratch_dirs(task_id: str) -> list[Path]:
    return list(Path(tempfile.gettempdir()).glob(f"oasis-task-{task_id}-*"))


def run(runner, job):
    recorder = Recorder()
    return runner.run(job, recorder.callbacks), recorder


def test_refuses_to_exist_unless_enabled():
    with pytest.raises(RuntimeError, match="OASIS_ALLOW_LOCAL_RUNNER"):
        LocalRunner(enabled=False)


def test_hello_with_outputs(local, task_id):
    outcome, recorder = run(
        local, make_job(task_id, IGNORED_IMAGE, sh("echo DATA > output/hello.txt && echo HI"))
    )

    assert (outcome.termination, outcome.exit_code) == (Termination.EXITED, 0)
    assert recorder.logs.stdout == b"HI\n"
    assert recorder.logs.stderr == b""
    assert recorder.outputs.files == {"hello.txt": b"DATA\n"}
    assert "local runner: image ignored, no isolation" in recorder.logs.notes
    assert recorder.started.is_set()
    assert scratch_dirs(task_id) == []


def test_inputs_nested_outputs_and_environment(local, task_id):
    script = (
        'cat "$OASIS_INPUT_DIR/a.txt" input/sub/b.txt; echo "$GREETING";'
        " stat -c %a input/a.txt input/sub/b.txt input/sub;"
        " mkdir -p output/foo/bar && echo 1 > output/test.txt && echo 2 > output/foo/bar.txt"
        " && echo 3 > output/foo/bar2.txt && echo 4 > output/foo/bar/baz.txt"
    )
    job = make_job(
        task_id,
        IGNORED_IMAGE,
        sh(script),
        environment={"GREETING": "hello world"},
        inputs=[memory_input("a.txt", b"alpha\n"), memory_input("sub/b.txt", b"beta\n")],
    )

    outcome, recorder = run(local, job)

    assert outcome.exit_code == 0
    assert recorder.logs.stdout == b"alpha\nbeta\nhello world\n444\n444\n555\n"
    assert recorder.outputs.files == {
        "test.txt": b"1\n",
        "foo/bar.txt": b"2\n",
        "foo/bar2.txt": b"3\n",
        "foo/bar/baz.txt": b"4\n",
    }
    assert scratch_dirs(task_id) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_inputs_are_not_writable(local, task_id):
    script = "echo x >> input/a.txt || echo CANNOT-APPEND; touch input/new || echo CANNOT-CREATE"
    job = make_job(task_id, IGNORED_IMAGE, sh(script), inputs=[memory_input("a.txt", b"alpha\n")])

    _, recorder = run(local, job)

    assert recorder.logs.stdout == b"CANNOT-APPEND\nCANNOT-CREATE\n"


def test_the_worker_environment_is_not_handed_down(local, task_id, monkeypatch):
    monkeypatch.setenv("DATABASE_PASSWORD", "secret")

    _, recorder = run(local, make_job(task_id, IGNORED_IMAGE, sh('echo "[$DATABASE_PASSWORD]"')))

    assert recorder.logs.stdout == b"[]\n"


def test_entrypoint_comes_before_the_command(local, task_id):
    _, recorder = run(local, make_job(task_id, IGNORED_IMAGE, ["two"], entrypoint=["echo", "one"]))

    assert recorder.logs.stdout == b"one two\n"


@pytest.mark.parametrize(
    ("command", "exit_code"),
    [(["notacommand-oasis"], 127), (sh("exit 1"), 1), (sh("echo oops >&2; exit 3"), 3)],
    ids=["not-a-command", "exit-1", "exit-3"],
)
def test_non_zero_exit_codes(local, task_id, command, exit_code):
    outcome, recorder = run(local, make_job(task_id, IGNORED_IMAGE, command))

    assert (outcome.termination, outcome.exit_code) == (Termination.EXITED, exit_code)
    assert recorder.outputs.files == {}
    assert bool(recorder.logs.stderr) == (exit_code != 1)


def test_no_command_is_a_user_error(local, task_id):
    with pytest.raises(UserError):
        local.run(make_job(task_id, IGNORED_IMAGE, None), Recorder().callbacks)


def test_background_children_end_with_the_process(local, task_id):
    began = time.monotonic()
    outcome, recorder = run(local, make_job(task_id, IGNORED_IMAGE, sh("sleep 30 & echo hi")))

    assert (outcome.termination, outcome.exit_code) == (Termination.EXITED, 0)
    assert recorder.logs.stdout == b"hi\n"
    assert time.monotonic() - began < 5


def test_timeout(local, task_id):
    began = time.monotonic()
    outcome, recorder = run(local, make_job(task_id, IGNORED_IMAGE, sh("echo before; sleep 60"), timeout_s=1))

    assert outcome.termination is Termination.TIMED_OUT
    assert time.monotonic() - began < 5
    assert recorder.logs.stdout == b"before\n"
    assert scratch_dirs(task_id) == []


def test_cancel(local, task_id):
    recorder = Recorder(cancel_after_s=0.5)
    began = time.monotonic()

    outcome = local.run(
        make_job(task_id, IGNORED_IMAGE, sh("echo x > output/x.txt; sleep 60")), recorder.callbacks
    )

    assert outcome.termination is Termination.CANCELLED
    assert time.monotonic() - began < 5
    assert recorder.outputs.files == {}
    assert scratch_dirs(task_id) == []


def test_links_and_fifos_in_output_are_skipped(local, task_id):
    script = "ln -s /etc/passwd output/passwd-link && ln -s / output/root-dir && mkfifo output/fifo && echo r > output/r"

    outcome, recorder = run(local, make_job(task_id, IGNORED_IMAGE, sh(script)))

    assert outcome.exit_code == 0
    assert recorder.outputs.files == {"r": b"r\n"}
    assert "Skipped output passwd-link: symbolic link (to /etc/passwd)" in recorder.logs.notes
    assert "Skipped output root-dir: symbolic link" in recorder.logs.notes
    assert "Skipped output fifo: not a regular file" in recorder.logs.notes


def test_many_lines_and_raw_bytes(local, task_id):
    script = r"seq 1 200000; seq 1 3000 >&2; printf 'a\000b\377'"

    _, recorder = run(local, make_job(task_id, IGNORED_IMAGE, sh(script)))

    assert recorder.logs.stdout == b"".join(b"%d\n" % i for i in range(1, 200001)) + b"a\0b\xff"
    assert recorder.logs.stderr == b"".join(b"%d\n" % i for i in range(1, 3001))


def test_nothing_to_reattach_or_sweep(local, task_id):
    job = make_job(task_id, IGNORED_IMAGE, ["true"])

    assert local.reattach(job, Recorder().callbacks, LogPosition()) is None
    assert local.sweep(lambda ids: set(ids)) == []
    local.stop(task_id)
