"""Live events keep one typed shape from the producer to the subscription: encode and decode agree."""

from __future__ import annotations

from oasis.tasks import events


def test_each_event_survives_the_wire_as_it_was():
    batch = events.LogBatchStored(task_id=7, from_line=10, runs=(("stdout", "a\nb"), ("stderr", "c")))
    changed = events.TaskChanged(task_id=7)
    for event in (batch, changed):
        wire = event.encode()
        assert wire["type"] == event.TYPE
        assert events.decode(wire) == event


def test_lists_from_a_msgpack_round_trip_decode_the_same():
    wire = {"type": "task.log", "task_id": "7", "from_line": 3, "runs": [["stdout", "x"]]}
    assert events.decode(wire) == events.LogBatchStored(task_id=7, from_line=3, runs=(("stdout", "x"),))


def test_other_messages_are_not_events():
    assert events.decode({"type": "websocket.send"}) is None
