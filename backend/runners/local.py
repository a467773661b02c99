"""Running a job as a plain subprocess on the worker - for development only, with no isolation.

The command runs in a scratch directory laid out like the container's working directory (``input/``,
``output/``). The image is ignored, so an entrypoint of ``None`` means "no entrypoint". The
subprocess inherits only ``PATH`` and ``LANG`` from the worker (plus the job's environment), so the
worker's secrets are not handed to it - but it runs as the worker's user and can read whatever that
user can. Input files are made read-only with chmod, which the process could undo.

``reattach`` always returns ``None``: the subprocess belongs to the worker and dies with it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from runners.archives import add_output, printable_path, valid_utf8
from runners.base import (
    Callbacks,
    InputFile,
    Job,
    LogPosition,
    LogSink,
    Outcome,
    ResolvedImage,
    Runner,
    Stream,
    Termination,
)
from runners.exceptions import UserError
from runners.image_archive import verified_archive
from runners.logstream import with_locked_logs

_POLL_S = 0.5
_READER_JOIN_S = 10
_CHUNK = 64 * 1024
_INHERITED_ENV = ("PATH", "LANG", "LC_ALL", "TZ")


class LocalRunner(Runner):
    """Runs the job's argv as a subprocess in a scratch directory. Needs ``OASIS_ALLOW_LOCAL_RUNNER``."""

    def __init__(self, *, enabled: bool, stop_grace_s: int = 5) -> None:
        if not enabled:
            raise RuntimeError(
                "LocalRunner runs algorithms on the worker with no isolation; "
                "set OASIS_ALLOW_LOCAL_RUNNER=true to allow it (development only)"
            )
        self.stop_grace_s = stop_grace_s
        self._running: dict[str, subprocess.Popen] = {}
        self._lock = threading.Lock()

    def run(self, job: Job, callbacks: Callbacks) -> Outcome:
        argv = [*(job.entrypoint or []), *(job.command or [])]
        if not argv:
            raise UserError("the local runner needs a command or an entrypoint (it cannot read the image)")
        callbacks = with_locked_logs(callbacks)  # two reader threads and this one share the sink
        callbacks.logs.note("local runner: image ignored, no isolation")
        scratch = Path(tempfile.mkdtemp(prefix=f"oasis-task-{job.task_id}-"))
        try:
            return self._run_in(scratch, argv, job, callbacks)
        finally:
            _remove_tree(scratch)

    def _run_in(self, scratch: Path, argv: list[str], job: Job, callbacks: Callbacks) -> Outcome:
        input_dir, output_dir = scratch / "input", scratch / "output"
        input_dir.mkdir()
        output_dir.mkdir()
        _write_inputs(input_dir, job.inputs)
        environment = {key: os.environ[key] for key in _INHERITED_ENV if key in os.environ}
        environment |= job.environment
        environment |= {"OASIS_INPUT_DIR": str(input_dir), "OASIS_OUTPUT_DIR": str(output_dir)}
        sink = callbacks.logs
        try:
            process = subprocess.Popen(
                argv,
                cwd=scratch,
                env=environment,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,  # its own process group, so it can be killed with its children
            )
        except OSError as exc:
            # What a shell (or the container's init) would do: it "started", and exits 127.
            callbacks.on_started()
            sink.write(Stream.STDERR, f"{argv[0]}: {exc.strerror}\n".encode())
            return Outcome(termination=Termination.EXITED, exit_code=127)
        with self._lock:
            self._running[job.task_id] = process
        readers = [
            _Reader(process.stdout, Stream.STDOUT, sink),
            _Reader(process.stderr, Stream.STDERR, sink),
        ]
        try:
            for reader in readers:
                reader.start()
            callbacks.on_started()
            termination = self._wait(process, job, callbacks)
            # Whatever the process left running in its group goes with it, as in a container.
            _signal_group(process, signal.SIGKILL)
            for reader in readers:
                reader.join(_READER_JOIN_S)
                reader.detach()
                if reader.is_alive():
                    sink.note("The output stayed open after the process ended; the log may be incomplete")
                if reader.error is not None:
                    raise reader.error
        finally:
            with self._lock:
                self._running.pop(job.task_id, None)
            if process.poll() is None:
                _signal_group(process, signal.SIGKILL)
                process.wait()
            for reader in readers:
                reader.join(_READER_JOIN_S)
                reader.detach()
        exit_code = process.returncode
        if termination is not None:
            return Outcome(termination=termination, exit_code=exit_code)
        if exit_code == 0:
            _collect_outputs(output_dir, callbacks)
        return Outcome(termination=Termination.EXITED, exit_code=exit_code)

    def _wait(self, process: subprocess.Popen, job: Job, callbacks: Callbacks) -> Termination | None:
        deadline = time.monotonic() + job.limits.timeout_s
        while True:
            remaining = deadline - time.monotonic()
            try:
                process.wait(timeout=max(0.0, min(_POLL_S, remaining)))
            except subprocess.TimeoutExpired:
                pass
            else:
                return None
            if callbacks.should_cancel():
                callbacks.logs.note("Cancelled: stopping the process")
                self._terminate(process)
                return Termination.CANCELLED
            if deadline - time.monotonic() <= 0:
                callbacks.logs.note(f"Time limit of {job.limits.timeout_s} s reached: killing the process")
                _signal_group(process, signal.SIGKILL)
                process.wait()
                return Termination.TIMED_OUT

    def _terminate(self, process: subprocess.Popen) -> None:
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=self.stop_grace_s)
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait()

    # The image is ignored, so "resolving" one pins only its name (references) or its archive's
    # content (tarballs, still fully verified): enough for specs and result reuse to work the same.

    def resolve_reference(
        self, ref: str, *, registry_auth: dict | None, on_progress: Callable[[str], None]
    ) -> ResolvedImage:
        return ResolvedImage(image_id="sha256:" + hashlib.sha256(ref.encode()).hexdigest())

    def verify_tarball(self, open_tarball: Callable[[], BinaryIO], *, image_id: str) -> ResolvedImage:
        with open_tarball() as tarball:
            for _ in verified_archive(tarball, image_id=image_id):
                pass
        return ResolvedImage(image_id=image_id)

    def inspect_local(self, ref: str) -> ResolvedImage:
        return self.resolve_reference(ref, registry_auth=None, on_progress=lambda _: None)

    def reattach(self, job: Job, callbacks: Callbacks, position: LogPosition) -> Outcome | None:
        return None

    def stop(self, task_id: str) -> None:
        with self._lock:
            process = self._running.get(task_id)
        if process is not None and process.poll() is None:
            self._terminate(process)

    def sweep(self, keep: Callable[[Iterable[str]], set[str]]) -> list[str]:
        return []  # scratch directories are removed by run() itself; nothing outlives a worker


class _Reader(threading.Thread):
    """Copies one pipe of the process to the sink, until the pipe closes or the run is over."""

    def __init__(self, pipe, stream: Stream, sink: LogSink) -> None:
        super().__init__(name=f"local-{stream}", daemon=True)
        self._fd = pipe.fileno()
        self._pipe = pipe
        self._stream = stream
        self._sink = sink
        self._detached = False
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while chunk := os.read(self._fd, _CHUNK):
                if self._detached:
                    return
                self._sink.write(self._stream, chunk)
        except BaseException as exc:
            self.error = exc
        finally:
            self._pipe.close()

    def detach(self) -> None:
        """The run is over: drop whatever still arrives (a process that escaped its group)."""
        self._detached = True


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def _write_inputs(input_dir: Path, inputs: list[InputFile]) -> None:
    for item in inputs:
        relative = PurePosixPath(item.path)
        if not item.path or relative.is_absolute() or ".." in relative.parts:
            raise ValueError(f"input path {item.path!r} must be relative and stay inside input/")
        target = input_dir.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        with item.open() as source, open(target, "xb") as destination:
            shutil.copyfileobj(source, destination, _CHUNK)
        target.chmod(0o444)
    for directory, _, _ in os.walk(input_dir):
        Path(directory).chmod(0o555)


def _collect_outputs(output_dir: Path, callbacks: Callbacks) -> None:
    for directory, subdirectories, files in os.walk(output_dir):
        here = Path(directory)
        for name in sorted(subdirectories):
            if (here / name).is_symlink():
                relative = (here / name).relative_to(output_dir).as_posix()
                callbacks.logs.note(f"Skipped output {printable_path(relative)}: symbolic link")
        subdirectories.sort()
        for name in sorted(files):
            path = here / name
            relative = path.relative_to(output_dir).as_posix()
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                target = printable_path(os.readlink(path))
                callbacks.logs.note(f"Skipped output {printable_path(relative)}: symbolic link (to {target})")
                continue
            if not stat.S_ISREG(info.st_mode):
                callbacks.logs.note(f"Skipped output {printable_path(relative)}: not a regular file")
                continue
            if not valid_utf8(relative):
                callbacks.logs.note(f"Skipped output {printable_path(relative)}: the name is not valid UTF-8")
                continue
            # O_NOFOLLOW: the file may have been swapped for a link since the lstat.
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
            with os.fdopen(fd, "rb") as stream:
                add_output(callbacks, relative, os.fstat(fd).st_size, stream)


def _remove_tree(path: Path) -> None:
    """Remove the scratch directory, including the read-only input/ tree."""
    for directory, _, _ in os.walk(path):
        with contextlib.suppress(OSError):
            Path(directory).chmod(0o755)
    shutil.rmtree(path, ignore_errors=True)
