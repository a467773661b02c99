"""daphne keeps request bodies in twisted's temporary file until the application reads them."""

import asyncio
import io
import tempfile
from types import SimpleNamespace

from daphne.http_protocol import WebRequest
from daphne.server import Server

from oasis.datasets.server_uploads import BodyFromFileQueue, install


def _request(data: bytes):
    content = tempfile.TemporaryFile()  # noqa: SIM115 - the request owns it, as in twisted
    content.write(data)
    content.seek(0)
    return SimpleNamespace(content=content)


def _drain(queue) -> list[dict]:
    async def drain():
        messages = []
        while not queue.empty():
            messages.append(await queue.get())
        return messages

    return asyncio.run(drain())


def _feed(queue, request, chunk: int) -> None:
    """What daphne's WebRequest.process does: read the file in chunks and queue each at once."""
    while True:
        body = request.content.read(chunk)
        more = len(body) == chunk
        queue.put_nowait({"type": "http.request", "body": body, "more_body": more})
        if not more:
            break


def test_queued_bodies_are_spans_of_the_file_read_back_in_order():
    data = bytes(range(256)) * 100
    request = _request(data)
    queue = BodyFromFileQueue(request)
    _feed(queue, request, 8192)
    assert all(not isinstance(m["body"], bytes) for m in queue._queue), "nothing held in memory"
    messages = _drain(queue)
    assert b"".join(m["body"] for m in messages) == data
    assert [m["more_body"] for m in messages] == [True, True, True, False]


def test_other_messages_pass_through():
    queue = BodyFromFileQueue(_request(b""))
    queue.put_nowait({"type": "http.request", "body": b"", "more_body": False})
    queue.put_nowait({"type": "http.disconnect"})
    assert _drain(queue) == [
        {"type": "http.request", "body": b"", "more_body": False},
        {"type": "http.disconnect"},
    ]


def test_a_body_of_a_finished_request_becomes_a_disconnect():
    request = _request(b"x" * 100)
    queue = BodyFromFileQueue(request)
    _feed(queue, request, 64)
    request.content.close()
    assert _drain(queue)[0] == {"type": "http.disconnect"}


def test_a_small_body_in_memory_works_too():
    request = SimpleNamespace(content=io.BytesIO(b"{}"))
    queue = BodyFromFileQueue(request)
    _feed(queue, request, 8192)
    assert _drain(queue) == [{"type": "http.request", "body": b"{}", "more_body": False}]


def test_install_is_idempotent_and_stops_twisted_parsing_multipart_bodies():
    assert install() is True  # already installed by the datasets app
    patched = Server.create_application
    assert install() is True
    assert Server.create_application is patched
    assert patched.oasis_streams_bodies

    server = SimpleNamespace(protocol_connected=lambda request: None)
    channel = SimpleNamespace(
        getPeer=lambda: None, getHost=lambda: None, transport=None, factory=SimpleNamespace(server=server)
    )
    assert WebRequest(channel)._parsePOSTFormSubmission is False
