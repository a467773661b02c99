"""Running a job in a Docker container - with ``runners.engine_api``, the only module that imports the
Docker SDK (that one holds every use of the SDK's private members).

Everything goes through the engine's API, never the worker's filesystem, so the engine may be remote:
inputs are streamed in with ``put_archive`` before the container starts, outputs streamed out with
``get_archive`` after it exits. Nothing is bind-mounted.

Output is read live from an attach opened before the start (it ends only after the last byte). The
engine also stores it, with the ``local`` log driver: that store is what ``reattach`` (and a broken
live stream) resume from, at an exact byte offset per stream. Not ``json-file``: it stores each line as
a JSON string and replaces invalid UTF-8 with U+FFFD, which changes the bytes and so the offsets. The
local driver keeps raw bytes; its rotation is pushed out of reach so the whole log can be replayed.

Outputs are collected only when the container exits with code 0.

Over 400 lines on purpose: one container's life (launch, follow, drain, collect, reattach, and
their edge cases) is one state machine; images are in ``docker_images.py``, SDK internals in
``engine_api.py``.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any, BinaryIO

import docker
import docker.auth
import docker.errors
import requests.exceptions
from docker.types import DeviceRequest, LogConfig

from runners import engine_api
from runners.archives import input_archive, pass_outputs
from runners.base import (
    LABEL_MANAGED,
    LABEL_TASK,
    Callbacks,
    Job,
    JobImage,
    LogPosition,
    LogSink,
    Outcome,
    ResolvedImage,
    ResourceSample,
    Runner,
    Termination,
)
from runners.docker_images import DockerImages
from runners.exceptions import (
    Abandoned,
    EngineUnavailable,
    RunnerError,
    UserError,
)
from runners.logstream import LogPump, OpenedStream, ResumingWriter, with_locked_logs

logger = logging.getLogger(__name__)

#: Raw bytes, rotated so the engine keeps at most 5 x 20 MB per container: twice the default
#: OASIS_LOG_MAX_BYTES (50 MB). It was "1t": an endless-output task wrote 380 MB in 20 s into the
#: engine's storage while OASIS kept its 50 MB. The trade-off: ``reattach`` and a broken stream resume
#: from byte offsets counted from the start of the log; once rotation has dropped the oldest file those
#: offsets no longer line up, so a resume after 80-100 MB of output may store lines from a later
#: place. By then OASIS has stored its whole cap (with the default cap) and keeps only the count of
#: dropped bytes, so only that count can be off; a live attach (the normal path) never reads the file.
ENGINE_LOG_FILE_BYTES = 20 * 1024 * 1024
ENGINE_LOG_FILES = 5
_LOG_CONFIG = LogConfig(
    type="local",
    config={"max-size": str(ENGINE_LOG_FILE_BYTES), "max-file": str(ENGINE_LOG_FILES), "compress": "false"},
)
#: Set when the runner has a ``scope``; ``sweep`` then only looks at containers of that scope.
LABEL_SCOPE = "org.oasis.scope"
_SCOPE = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}")
_POLL_S = 0.5
_ENDING_POLL_S = 0.05
#: A stream that ended cleanly while the container still runs is replaced after this long (the
#: engine may end a stream just before it marks the container stopped).
_CLEAN_END_GRACE_S = 2.0
#: How the container's output is read: attached live (from before the start), followed from the
#: stored log, or the stored log replayed once (of a stopped container).
_ATTACH, _FOLLOW, _REPLAY = "attach", "follow", "replay"
_CHUNK = 1024 * 1024


def container_name(task_id: str, scope: str | None = None) -> str:
    """``oasis-task-<task id>``, or ``oasis-<scope>-task-<task id>`` for a runner with a scope."""
    return f"oasis-task-{task_id}" if scope is None else f"oasis-{scope}-task-{task_id}"


class DockerRunner(Runner):
    """Runs each job in a fresh, locked-down container on a (possibly remote) Docker engine."""

    def __init__(
        self,
        *,
        base_url: str | None = None,
        workdir: str = "/oasis",
        user: str = "1000:1000",
        stop_grace_s: int = 5,
        api_timeout_s: int = 60,
        scope: str | None = None,
    ) -> None:
        path = PurePosixPath(workdir)
        if not path.is_absolute() or path == PurePosixPath("/") or ".." in path.parts:
            raise ValueError(f"workdir must be an absolute directory below /, not {workdir!r}")
        self.base_url = base_url
        self.workdir = str(path)
        self.user = user
        self.uid, self.gid = _parse_user(user)
        self.stop_grace_s = stop_grace_s
        self.api_timeout_s = api_timeout_s
        if scope is not None and not _SCOPE.fullmatch(scope):
            raise ValueError(f"scope must match {_SCOPE.pattern}, not {scope!r}")
        #: Optional: goes into container names and labels, and limits ``sweep`` to containers of the
        #: same scope, so deployments (or test sessions) sharing one engine leave each other alone.
        self.scope = scope
        engine_api.check()
        self.images = DockerImages(lambda: self.api)
        self._client: docker.DockerClient | None = None
        self._client_lock = threading.Lock()

    # -- the engine -------------------------------------------------------------------------------

    @property
    def api(self) -> docker.APIClient:
        """The low-level client, connected on first use (so a runner can exist while the engine is down)."""
        with self._client_lock:
            if self._client is None:
                try:
                    if self.base_url is None:
                        self._client = docker.from_env(timeout=self.api_timeout_s)
                    else:
                        self._client = docker.DockerClient(base_url=self.base_url, timeout=self.api_timeout_s)
                except docker.errors.DockerException as exc:
                    raise EngineUnavailable(f"cannot reach the Docker engine: {exc}") from exc
            return self._client.api

    @contextlib.contextmanager
    def _engine(self) -> Iterator[None]:
        """Turn a lost connection to the engine into the retryable ``EngineUnavailable``."""
        try:
            yield
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            raise EngineUnavailable(f"the Docker engine is not answering: {exc}") from exc

    def container_name(self, task_id: str) -> str:
        return container_name(task_id, self.scope)

    # -- the Runner interface ---------------------------------------------------------------------

    def run(self, job: Job, callbacks: Callbacks) -> Outcome:
        callbacks = with_locked_logs(callbacks)  # the log thread writes while this one adds notes
        with self._engine():
            try:
                container_id, pump = self._launch(job, callbacks, attach=True)
            except _CancelledBeforeStart:
                callbacks.logs.note("Cancelled before the container started")
                return Outcome(termination=Termination.CANCELLED, exit_code=None)
            abandoned = False
            try:
                assert pump is not None
                deadline = time.monotonic() + job.limits.timeout_s
                return self._follow(job, callbacks, container_id, pump, deadline, replay_at_end=False)
            except Abandoned:
                abandoned = True  # another worker follows the container now
                raise
            finally:
                if not abandoned:
                    self._remove(container_id)

    def start(self, job: Job, callbacks: Callbacks) -> str:
        """Prepare the image, create the container, put the inputs in and start it; returns its id.

        ``run`` is this plus following the container to its end. On its own, ``start`` leaves a running
        container behind for ``reattach`` (or ``stop``) to pick up, as a worker that died would.
        """
        with self._engine():
            container_id, _ = self._launch(job, callbacks, attach=False)
            return container_id

    def reattach(self, job: Job, callbacks: Callbacks, position: LogPosition) -> Outcome | None:
        """Resume following the task's container; see ``Runner.reattach``.

        ``callbacks.on_started`` is not called again: the task started before the worker died. A
        container that was created but never started is removed and ``None`` returned, so the task
        is simply run again. The time limit counts from the container's start (the engine's clock).
        """
        callbacks = with_locked_logs(callbacks)
        with self._engine():
            info = self._inspect(self.container_name(job.task_id))
            if info is None:
                return None
            container_id = info["Id"]
            abandoned = False
            try:
                state = info["State"]
                if state.get("Status") == "created":
                    return None
                running = bool(state.get("Running"))
                elapsed = _seconds_since(state.get("StartedAt"))
                pump = self._pump(
                    container_id, ResumingWriter(callbacks.logs, position), _FOLLOW if running else _REPLAY
                )
                pump.start()
                deadline = time.monotonic() + job.limits.timeout_s - elapsed
                # A followed log stream may end just before the engine has stored the last bytes.
                return self._follow(job, callbacks, container_id, pump, deadline, replay_at_end=running)
            except Abandoned:
                abandoned = True
                raise
            finally:
                if not abandoned:
                    self._remove(container_id)

    def stop(self, task_id: str) -> None:
        name = self.container_name(task_id)
        with self._engine():
            try:
                self.api.stop(name, timeout=self.stop_grace_s)
            except docker.errors.NotFound:
                return
            except docker.errors.APIError as exc:
                logger.warning("stopping %s failed, removing it anyway: %s", name, exc)
            self._remove(name)

    def sweep(self, keep: Callable[[Iterable[str]], set[str]]) -> list[str]:
        with self._engine():
            labels = [f"{LABEL_MANAGED}=true"]
            if self.scope is not None:
                labels.append(f"{LABEL_SCOPE}={self.scope}")
            containers = self.api.containers(all=True, filters={"label": labels})
            by_task: dict[str, list[str]] = {}
            for container in containers:
                container_labels = container.get("Labels") or {}
                if self.scope is None and LABEL_SCOPE in container_labels:
                    continue  # another installation's container: an unscoped runner never touches it
                task_id = container_labels.get(LABEL_TASK, "")
                by_task.setdefault(task_id, []).append(container["Id"])
            kept = keep({task_id for task_id in by_task if task_id})
            removed = [task_id for task_id in by_task if task_id not in kept]
            for task_id in removed:
                for container_id in by_task[task_id]:
                    self._remove(container_id)
            return sorted(task_id for task_id in removed if task_id)

    def _launch(self, job: Job, callbacks: Callbacks, *, attach: bool) -> tuple[str, LogPump | None]:
        """Image, container, inputs, start; with ``attach``, the output stream is open before the start."""
        image = self._prepare_image(job.image, callbacks.logs)
        container_id = self._create(job, image, callbacks.logs)
        pump = None
        try:
            # Generated while it is uploaded: no input is ever held whole in memory or on disk here.
            archive = input_archive(self.workdir, job.inputs, output_owner=(self.uid, self.gid))
            self.api.put_archive(container_id, "/", archive)
            if attach:
                pump = self._pump(container_id, ResumingWriter(callbacks.logs), _ATTACH)
                pump.open()
            # Cancel wins over start: a task cancelled while its image and inputs were prepared never
            # runs its command.
            if callbacks.should_cancel():
                raise _CancelledBeforeStart
            try:
                self.api.start(container_id)
            except docker.errors.APIError as exc:
                raise (_start_error(exc) or exc) from exc
            if pump is not None:
                pump.start()
            callbacks.on_started()
        except BaseException:
            if pump is not None:
                pump.close()
            self._remove(container_id)
            raise
        return container_id, pump

    # -- image: see runners.docker_images ---------------------------------------------------------

    def resolve_reference(
        self, ref: str, *, registry_auth: dict | None, on_progress: Callable[[str], None]
    ) -> ResolvedImage:
        with self._engine():
            return self.images.resolve_reference(ref, registry_auth=registry_auth, on_progress=on_progress)

    def verify_tarball(self, open_tarball: Callable[[], BinaryIO], *, image_id: str) -> ResolvedImage:
        with self._engine():
            return self.images.verify_tarball(open_tarball, image_id=image_id)

    def inspect_local(self, ref: str) -> ResolvedImage:
        with self._engine():
            return self.images.inspect_local(ref)

    def _prepare_image(self, image: JobImage, logs: LogSink) -> str:
        return self.images.prepare(image, logs)

    # -- container --------------------------------------------------------------------------------

    def _create(self, job: Job, image: str, logs: LogSink) -> str:
        limits = job.limits
        host_config = self.api.create_host_config(
            mem_limit=f"{limits.memory_mb}m",
            memswap_limit=f"{limits.memory_mb}m",
            nano_cpus=int(limits.cpus * 1e9),
            pids_limit=limits.pids,
            cap_drop=["ALL"],
            security_opt=["no-new-privileges"],
            network_mode=None if limits.network else "none",
            privileged=False,
            init=True,
            log_config=_LOG_CONFIG,
            device_requests=[DeviceRequest(count=-1, capabilities=[["gpu"]])] if limits.gpu else None,
        )
        environment = {
            **job.environment,
            "OASIS_INPUT_DIR": f"{self.workdir}/input",
            "OASIS_OUTPUT_DIR": f"{self.workdir}/output",
        }
        kwargs: dict[str, Any] = {
            "image": image,
            "command": job.command,
            "entrypoint": job.entrypoint,
            "user": self.user,
            "working_dir": self.workdir,
            "environment": [f"{key}={value}" for key, value in environment.items()],
            "labels": {
                LABEL_MANAGED: "true",
                LABEL_TASK: job.task_id,
                **({LABEL_SCOPE: self.scope} if self.scope is not None else {}),
            },
            "network_disabled": not limits.network,
            "host_config": host_config,
            "name": self.container_name(job.task_id),
        }
        try:
            return self.api.create_container(**kwargs)["Id"]
        except docker.errors.APIError as exc:
            if (refusal := _start_error(exc)) is not None:
                raise refusal from exc
            if exc.status_code == 400:  # the engine refuses the job's settings (e.g. too little memory)
                raise UserError(f"the container could not be created: {exc.explanation or exc}") from exc
            if exc.status_code != 409:
                raise
        # A container of an earlier attempt at this task is in the way (e.g. its removal failed).
        logs.note("Removed a leftover container of an earlier attempt")
        self._remove(kwargs["name"])
        return self.api.create_container(**kwargs)["Id"]

    def _follow(
        self,
        job: Job,
        callbacks: Callbacks,
        container_id: str,
        pump: LogPump,
        deadline: float,
        *,
        replay_at_end: bool,
    ) -> Outcome:
        """Pump logs until the container ends (or is cancelled or times out), then finish it."""
        termination: Termination | None = None
        sampler = _StatsSampler(self.api, container_id, callbacks.on_stats) if callbacks.on_stats else None
        try:
            while True:
                pump.raise_sink_error()
                state = self._state(container_id)
                if not state.get("Running"):
                    break
                if pump.stream_error is not None or pump.ended_cleanly_for() > _CLEAN_END_GRACE_S:
                    # The stream broke (or the process closed its output) while the container runs:
                    # follow the stored log instead, from the byte where this stream stopped.
                    pump.close()
                    pump = self._pump(
                        container_id, ResumingWriter(callbacks.logs, pump.writer.position()), _FOLLOW
                    )
                    pump.start()
                    replay_at_end = True
                if callbacks.should_cancel():
                    callbacks.logs.note("Cancelled: stopping the container")
                    self.api.stop(container_id, timeout=self.stop_grace_s)
                    termination = Termination.CANCELLED
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    limit = job.limits.timeout_s
                    callbacks.logs.note(f"Time limit of {limit} s reached: killing the container")
                    self._kill(container_id)
                    termination = Termination.TIMED_OUT
                    break
                if pump.finished.is_set():
                    # The output ended, so the container is about to stop: look again soon.
                    time.sleep(min(_ENDING_POLL_S, remaining))
                else:
                    pump.finished.wait(min(_POLL_S, remaining))
            state = self._wait_stopped(container_id)
            self._drain(container_id, pump, callbacks.logs, replay_at_end=replay_at_end)
        finally:
            pump.close()
            if sampler is not None:
                sampler.stop()

        exit_code = state.get("ExitCode")
        if termination is not None:
            return Outcome(termination=termination, exit_code=exit_code)
        if state.get("OOMKilled"):
            return Outcome(termination=Termination.OOM_KILLED, exit_code=exit_code)
        if exit_code in _SIGNAL_EXITS:
            self._check_not_stopped_by_the_engine(container_id, state)
        if exit_code == 0:
            self._collect_outputs(container_id, callbacks)
        return Outcome(termination=Termination.EXITED, exit_code=exit_code)

    def _check_not_stopped_by_the_engine(self, container_id: str, state: dict) -> None:
        """A container ended by SIGTERM/SIGKILL that OASIS did not send: was it the engine (shutting
        down, or an operator's ``docker stop``) rather than the algorithm? Then it is not the
        algorithm's exit code. A graceful engine stop stops every container and then closes its API."""
        try:
            self.api.ping()
            events = self.api.events(
                since=int(_started_epoch(state.get("StartedAt")) or 0),
                until=int(time.time()) + 1,
                filters={"container": container_id, "event": ["kill", "stop"]},
                decode=True,
            )
            signalled = [event for event in events if event.get("Action") in ("kill", "stop")]
        except (docker.errors.APIError, requests.exceptions.RequestException) as exc:
            raise EngineUnavailable(
                f"the engine stopped the container (exit code {state.get('ExitCode')}) and went away: {exc}"
            ) from exc
        if signalled:
            raise EngineUnavailable(
                f"the container was stopped by the engine, not by the algorithm (exit code "
                f"{state.get('ExitCode')}; an engine shutdown or a docker stop)"
            )

    def _drain(self, container_id: str, pump: LogPump, logs: LogSink, *, replay_at_end: bool) -> None:
        """Make the stored log complete once the container has stopped.

        An attached stream ends only after the engine has passed on every byte. A followed log
        stream can end a moment before the last bytes are stored (dockerd 20.10), and any stream can
        break; then the stored log - complete now that the container has stopped - is read once more
        and resumed exactly after the last byte the sink got.
        """
        pump.join(self.api_timeout_s)
        if pump.is_alive():
            logs.note("The log stream did not end in time; reading the stored log instead")
        pump.close()
        pump.raise_sink_error()
        if pump.stream_error is None and not replay_at_end:
            return
        replay = self._pump(container_id, ResumingWriter(logs, pump.writer.position()), _REPLAY)
        replay.run()  # in this thread: a replay ends by itself and every read has a timeout
        replay.raise_sink_error()
        if replay.stream_error is not None:
            raise EngineUnavailable(f"the container's log could not be read: {replay.stream_error}")

    def _pump(self, container_id: str, writer: ResumingWriter, mode: str) -> LogPump:
        return LogPump(lambda: self._open_log_stream(container_id, mode), writer, f"logs-{container_id[:12]}")

    def _open_log_stream(self, container_id: str, mode: str) -> OpenedStream:
        """Open the container's multiplexed output: attached live, followed from the log, or replayed.

        The SDK's ``attach``/``logs`` helpers drop the stream type of each frame, so the request is
        made by ``runners.engine_api`` and the frames are parsed by ``runners.logstream``.
        """
        if mode == _ATTACH:
            return engine_api.open_attach(self.api, container_id)
        return engine_api.open_logs(self.api, container_id, follow=mode == _FOLLOW)

    def _state(self, container_id: str) -> dict:
        try:
            return self.api.inspect_container(container_id)["State"]
        except docker.errors.NotFound as exc:
            raise RunnerError(f"the container {container_id[:12]} was removed while the task ran") from exc

    def _kill(self, container_id: str) -> None:
        try:
            self.api.kill(container_id)
        except docker.errors.APIError as exc:
            if exc.status_code != 409:  # it ended on its own meanwhile
                raise

    def _wait_stopped(self, container_id: str) -> dict:
        state = self.api.inspect_container(container_id)["State"]
        if state.get("Running"):
            self.api.wait(container_id, timeout=self.api_timeout_s)
            state = self.api.inspect_container(container_id)["State"]
        return state

    def _collect_outputs(self, container_id: str, callbacks: Callbacks) -> None:
        """Stream ``<workdir>/output`` out of the container, passing each regular file to the sink."""
        response = engine_api.archive_response(self.api, container_id, f"{self.workdir}/output")
        with contextlib.closing(response):
            if response.status_code == 404:
                callbacks.logs.note("No output directory: no outputs collected")
                return
            engine_api.raise_for_status(self.api, response)
            pass_outputs(response.raw, callbacks)

    def _inspect(self, name: str) -> dict | None:
        try:
            return self.api.inspect_container(name)
        except docker.errors.NotFound:
            return None

    def _remove(self, container: str) -> None:
        """Force-remove a container and its anonymous volumes; best effort (the sweep catches misses)."""
        try:
            self.api.remove_container(container, force=True, v=True)
        except docker.errors.NotFound:
            pass
        except (docker.errors.APIError, requests.exceptions.RequestException, EngineUnavailable) as exc:
            if getattr(exc, "status_code", None) == 409:  # removal already in progress
                return
            logger.warning("could not remove container %s: %s", container, exc)


#: What an engine says when it cannot give a container what its algorithm asks for, at create or at
#: start: (all of these words, lowercased) -> the task's failure reason. Each is about this worker or
#: its engine, not the algorithm's code, and without a mapping it surfaced as "internal error: APIError".
_START_FAILURES: tuple[tuple[tuple[str, ...], str], ...] = (
    # Docker without the NVIDIA runtime: 'could not select device driver "" with capabilities: [[gpu]]'.
    (("could not select device driver", "gpu"), "no GPU on this worker"),
    # The NVIDIA runtime is there but finds no usable device or driver.
    (("nvidia-container-cli",), "no GPU on this worker"),
    # libnetwork's ErrNoSuchNetwork ("network bridge not found"): the engine runs without its default
    # bridge (dockerd --bridge=none), the one network an algorithm with network access joins.
    (("network", "not found"), "the engine has no network for this algorithm"),
    (("failed to create endpoint",), "the engine has no network for this algorithm"),
)


class _StatsSampler:
    """Reads the engine's stats stream of a container (about one a second) on a thread of its own and
    passes each as a ``ResourceSample``; it ends with the container, or at ``stop``. Best effort: a
    broken stream only ends the samples.

    ``stop`` does not wait for the thread, which may be blocked reading the next sample (up to a
    second): it only makes sure no sample is passed on after it returns. The thread ends when its
    stream does (closed here, or by the engine when the container goes)."""

    def __init__(self, api, container_id: str, on_stats: Callable[[ResourceSample], None]) -> None:
        self._api = api
        self._container_id = container_id
        self._on_stats = on_stats
        self._stream = None
        self._stopped = threading.Event()
        self._passing = threading.Lock()
        self._started = time.monotonic()
        self._thread = threading.Thread(target=self._run, name=f"stats-{container_id[:12]}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._stream = self._api.stats(self._container_id, stream=True, decode=True)
            for stats in self._stream:
                sample = resource_sample(stats, seconds=time.monotonic() - self._started)
                with self._passing:
                    if self._stopped.is_set():
                        return
                    if sample is not None:
                        self._on_stats(sample)
        except Exception as exc:  # the container went, the engine hung up: no more samples
            logger.debug("stats of %s ended: %s", self._container_id[:12], exc)

    def stop(self) -> None:
        with self._passing:  # a sample being passed on is finished first; none comes after
            self._stopped.set()
        with contextlib.suppress(Exception):
            if self._stream is not None:
                self._stream.close()


def resource_sample(stats: dict, *, seconds: float) -> ResourceSample | None:
    """CPU (of one CPU, as ``docker stats`` shows it) and memory without the page cache, from one
    entry of the engine's stats stream (cgroup v1 or v2); None for an entry without numbers."""
    cpu, pre = stats.get("cpu_stats") or {}, stats.get("precpu_stats") or {}
    memory = stats.get("memory_stats") or {}
    usage = memory.get("usage")
    if usage is None or not cpu:
        return None
    cpu_delta = (cpu.get("cpu_usage") or {}).get("total_usage", 0) - (pre.get("cpu_usage") or {}).get(
        "total_usage", 0
    )
    system_delta = cpu.get("system_cpu_usage", 0) - pre.get("system_cpu_usage", 0)
    cpus = cpu.get("online_cpus") or len((cpu.get("cpu_usage") or {}).get("percpu_usage") or []) or 1
    percent = cpu_delta / system_delta * cpus * 100.0 if system_delta > 0 and cpu_delta > 0 else 0.0
    detail = memory.get("stats") or {}
    cache = detail.get("inactive_file", detail.get("total_inactive_file", detail.get("cache", 0)))
    return ResourceSample(
        seconds=round(seconds, 2), cpu_percent=round(percent, 1), memory_bytes=max(0, usage - cache)
    )


def _start_error(exc: docker.errors.APIError) -> UserError | None:
    """The failure reason for people behind an engine's refusal to create or start a container, or
    ``None`` when the refusal is not one of the known ones (it then surfaces as a bug)."""
    said = str(exc.explanation or exc).lower()
    for words, reason in _START_FAILURES:
        if all(word in said for word in words):
            return UserError(reason)
    return None


class _CancelledBeforeStart(Exception):
    """The task was cancelled before its container started (raised inside this module only)."""


#: Exit codes of a process ended by SIGKILL or SIGTERM (128 + the signal).
_SIGNAL_EXITS = (137, 143)


def _started_epoch(timestamp: str | None) -> float | None:
    """An engine timestamp as POSIX seconds, or None when the container never started."""
    if not timestamp or timestamp.startswith("0001-"):
        return None
    return time.time() - _seconds_since(timestamp) - 1


def _parse_user(user: str) -> tuple[int, int]:
    uid, _, gid = user.partition(":")
    if not uid.isdigit() or (gid and not gid.isdigit()):
        raise ValueError(f"user must be numeric 'uid' or 'uid:gid' (it owns output/), not {user!r}")
    if int(uid) == 0:
        raise ValueError("the algorithm must not run as root (uid 0)")
    return int(uid), int(gid or uid)


def _seconds_since(timestamp: str | None) -> float:
    """Seconds since an engine timestamp such as ``2024-05-01T10:00:00.123456789Z`` (engine clock)."""
    if not timestamp or timestamp.startswith("0001-"):
        return 0.0
    whole, _, fraction = timestamp.rstrip("Z").partition(".")
    started = datetime.fromisoformat(whole).replace(tzinfo=UTC)
    if fraction:
        started = started.replace(microsecond=int(fraction[:6].ljust(6, "0")))
    return max(0.0, (datetime.now(UTC) - started).total_seconds())
