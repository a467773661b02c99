"""daphne keeps request bodies in twisted's temporary file and sends responses at the client's pace."""

import asyncio
import io
import tempfile
from types import SimpleNamespace

import pytest
from daphne.http_protocol import WebRequest
from daphne.server import Server

from oasis.compat.daphne import BodyFromFileQueue, FlowControlledSend, install


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


class _Request:
    """What FlowControlledSend uses of daphne's WebRequest (a twisted Request)."""

    def __init__(self, *, waiting: bool = False) -> None:
        self.finished = False
        self.channel = SimpleNamespace(_waitingForTransport=waiting)
        self.producer = None
        self.events: list = []

    def registerProducer(self, producer, streaming):
        assert streaming and self.producer is None
        self.producer = producer
        self.events.append("register")

    def unregisterProducer(self):
        self.producer = None
        self.events.append("unregister")


class _Server:
    def __init__(self, request: _Request) -> None:
        self.request = request

    async def handle_reply(self, protocol, message):
        assert protocol is self.request
        protocol.events.append(message.get("body", message["type"]))
        if message["type"] == "http.response.body" and not message.get("more_body"):
            protocol.finished = True


def _sender(*, waiting: bool = False) -> tuple[_Request, FlowControlledSend]:
    request = _Request(waiting=waiting)
    return request, FlowControlledSend(_Server(request), request)


START = {"type": "http.response.start", "status": 200, "headers": []}


def _body(data: bytes, more: bool) -> dict:
    return {"type": "http.response.body", "body": data, "more_body": more}


def test_a_response_in_one_message_registers_no_producer():
    request, send = _sender()

    async def respond():
        await send(START)
        await send(_body(b"all", False))

    asyncio.run(respond())
    assert request.events == ["http.response.start", b"all"]


def test_a_streamed_response_waits_while_the_transport_is_full():
    request, send = _sender()

    async def respond():
        await send(START)
        await send(_body(b"one", True))
        assert request.events[-1] == "register" and request.producer is send.flow
        request.producer.pauseProducing()  # the transport's buffer is full
        blocked = asyncio.ensure_future(send(_body(b"two", True)))
        await asyncio.sleep(0.05)
        assert not blocked.done(), "send returned while the transport was full"
        assert request.events[-1] == b"two", "the message is handed over, the next one waits"
        request.producer.resumeProducing()  # drained
        await asyncio.wait_for(blocked, 1)
        await send(_body(b"", False))

    asyncio.run(respond())
    assert request.events == ["http.response.start", b"one", "register", b"two", "unregister", b""]
    assert request.producer is None


def test_a_producer_joining_a_channel_already_waiting_starts_paused():
    request, send = _sender(waiting=True)

    async def respond():
        await send(START)
        first = asyncio.ensure_future(send(_body(b"one", True)))
        await asyncio.sleep(0.05)
        assert not first.done()
        request.producer.resumeProducing()
        await asyncio.wait_for(first, 1)

    asyncio.run(respond())


def test_a_lost_connection_releases_a_waiting_send():
    request, send = _sender()

    async def respond():
        await send(START)
        await send(_body(b"one", True))
        request.producer.pauseProducing()
        blocked = asyncio.ensure_future(send(_body(b"two", True)))
        await asyncio.sleep(0.01)
        request.channel = None  # twisted's Request.connectionLost
        send.flow.stopProducing()  # the transport stops its producer
        await asyncio.wait_for(blocked, 1)
        await send(_body(b"", False))  # nothing to unregister on a lost channel

    asyncio.run(respond())
    assert "unregister" not in request.events


def test_daphne_error_pages_are_json():
    replies = []
    request = SimpleNamespace(handle_reply=replies.append)
    WebRequest.basic_error(request, 400, b"Bad Request", "Invalid header name")
    assert replies == [
        {"type": "http.response.start", "status": 400, "headers": [(b"Content-Type", b"application/json")]},
        {"type": "http.response.body", "body": b'{"errors": [{"message": "Invalid header name"}]}'},
    ]


def test_the_head_guard_checks_twisted_at_start_up():
    from twisted.web.http import HTTPChannel

    from oasis.compat.twisted_http import TWISTED_CHANNEL_METHODS, check_twisted

    check_twisted(HTTPChannel)  # what install() does; the real server tests (tests/e2e/
    # test_server_hardening.py) fail too when a wrapped method stops being called
    without = type("Channel", (), {name: lambda self: None for name in TWISTED_CHANNEL_METHODS[1:]})
    with pytest.raises(RuntimeError, match="dataReceived"):
        check_twisted(without)
