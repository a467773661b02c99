"""The Docker SDK's private members, in one place, for docker-py 7.1 up to (not including) 8.

The public SDK falls short in three ways the runner cannot accept, so these calls build the request
themselves with ``APIClient``'s private helpers:

- ``api.pull`` and ``api.get_archive`` wait on the engine without a read timeout; here every read has
  one (a pull or an output download must not hang a worker forever);
- ``api.attach`` and ``api.logs`` drop the stream type of each multiplexed frame, which the log needs
  (stdout vs stderr, at an exact byte offset per stream);
- an attached connection is an upgraded socket: it is read below the HTTP response, through the
  buffer the response headers came from.

``check()`` runs when a ``DockerRunner`` is made: it refuses an SDK without these members and warns
outside the tested version range; ``tests/runners/test_engine_api.py`` fails when the SDK changes
under them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import docker
from docker.types import CancellableStream

logger = logging.getLogger(__name__)

#: The docker-py versions this module was written and tested for: [low, high).
TESTED_RANGE = ((7, 1), (8, 0))
#: The private ``APIClient`` members used here.
PRIVATE_MEMBERS = (
    "_url",
    "_post",
    "_get",
    "_raise_for_status",
    "_stream_helper",
    "_get_raw_response_socket",
    "_disable_socket_timeout",
)

ReadAndClose = tuple[Callable[[int], bytes], Callable[[], None]]


def _version() -> tuple[int, ...]:
    return tuple(int(part) for part in docker.__version__.split(".")[:2] if part.isdigit())


def check() -> None:
    """Refuse an SDK lacking the private members; warn about one outside the tested range."""
    missing = [name for name in PRIVATE_MEMBERS if not hasattr(docker.APIClient, name)]
    if missing:
        raise RuntimeError(
            f"docker-py {docker.__version__} lacks {', '.join(missing)}, which runners/engine_api.py "
            f"needs (written for {_range_text()})"
        )
    low, high = TESTED_RANGE
    if not low <= _version() < high:
        logger.warning(
            "docker-py %s is outside %s, which runners/engine_api.py was tested with",
            docker.__version__,
            _range_text(),
        )


def _range_text() -> str:
    (a, b), (c, d) = TESTED_RANGE
    return f">={a}.{b},<{c}.{d}"


def pull_messages(api: docker.APIClient, repository: str, tag: str, headers: dict) -> Iterator[dict]:
    """``POST /images/create`` (a pull), its JSON progress messages as they come; every read has
    the client's timeout."""
    response = api._post(
        api._url("/images/create"), params={"fromImage": repository, "tag": tag}, headers=headers, stream=True
    )
    api._raise_for_status(response)
    yield from api._stream_helper(response, decode=True)


def open_attach(api: docker.APIClient, container_id: str) -> ReadAndClose:
    """Attach to stdout and stderr (multiplexed frames) before the start; no read timeout."""
    response = api._post(
        api._url("/containers/{0}/attach", container_id),
        params={"stdout": 1, "stderr": 1, "stream": 1, "logs": 0},
        headers={"Connection": "Upgrade", "Upgrade": "tcp"},
        stream=True,
    )
    api._raise_for_status(response)
    closer = CancellableStream(iter(()), response)
    api._disable_socket_timeout(api._get_raw_response_socket(response))
    # An upgraded connection: read the socket through the buffer the headers came from.
    return response.raw._fp.fp.read, closer.close


def open_logs(api: docker.APIClient, container_id: str, *, follow: bool) -> ReadAndClose:
    """The stored log as multiplexed frames, from its start; followed, or replayed once.

    Following has a connect timeout but none between reads (a quiet container is not a dead engine);
    a replay of a stopped container's log has both.
    """
    response = api._get(
        api._url("/containers/{0}/logs", container_id),
        params={"stdout": 1, "stderr": 1, "follow": int(follow), "tail": "all"},
        stream=True,
        timeout=(api.timeout, None) if follow else api.timeout,
    )
    api._raise_for_status(response)
    closer = CancellableStream(iter(()), response)
    return response.raw.read, closer.close


def archive_response(api: docker.APIClient, container_id: str, path: str):
    """``GET /containers/<id>/archive?path=`` as a streamed response (404 when the path is missing;
    the caller closes it); unlike ``api.get_archive`` every read of the body has a timeout."""
    return api._get(
        api._url("/containers/{0}/archive", container_id),
        params={"path": path},
        stream=True,
        headers={"Accept-Encoding": "identity"},
    )


def raise_for_status(api: docker.APIClient, response) -> None:
    api._raise_for_status(response)
