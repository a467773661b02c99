"""One channel-layer subscription per group and server process, fanned out to the local subscribers.

A hundred viewers of one task used to mean a hundred channels on the layer: a copy of every log batch
per viewer (the in-memory layer deep-copies each; the core Redis layer writes and pops one per viewer
through Redis), a hundred receives, a hundred wake-ups. Now the first local subscriber to a group opens
one channel for the process and a reader task hands each message, as it is, to every local inbox; the
last one to leave closes it. The layer's work per message no longer grows with the number of viewers.

An inbox is a plain asyncio queue, so a subscription may stop waiting on it at any time. Only the
reader receives from the layer, and it never abandons a receive midway (channels-redis's pub/sub layer
forgets a channel whose receive is cancelled and drops what arrives for it), except when the group
closes. Delivery stays at most once, as the layer's: subscribers close gaps from the durable log.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from channels.layers import get_channel_layer

log = logging.getLogger(__name__)

#: After the layer fails a receive (Redis restarting), the reader waits this long and subscribes anew.
RETRY_S = 1.0


class Inbox:
    """One subscription's messages, from every group it listens to, in arrival order."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[dict] = asyncio.Queue()

    def put(self, message: dict) -> None:
        self._queue.put_nowait(message)

    async def get(self, timeout: float | None = None) -> dict | None:
        """The next message, or None after ``timeout`` seconds without one."""
        try:
            return await asyncio.wait_for(self._queue.get(), timeout)
        except TimeoutError:
            return None

    def pending(self) -> list[dict]:
        """The messages waiting now, taken without waiting (a subscriber behind handles them at once)."""
        taken = []
        while not self._queue.empty():
            taken.append(self._queue.get_nowait())
        return taken


@dataclass(eq=False)
class _Group:
    channel: str
    members: set[Inbox] = field(default_factory=set)
    reader: asyncio.Task | None = None


class FanOut:
    """The groups this process listens to on one channel layer, for the subscriptions of one loop."""

    def __init__(self, layer) -> None:
        self.layer = layer
        self._groups: dict[str, _Group] = {}
        self._lock = asyncio.Lock()

    def listeners(self, group: str) -> int:
        entry = self._groups.get(group)
        return len(entry.members) if entry else 0

    async def join(self, group: str, inbox: Inbox) -> None:
        """Deliver the group's messages to ``inbox`` from now on (the layer has the group on return)."""
        async with self._lock:
            entry = self._groups.get(group)
            if entry is None:
                entry = _Group(await self._subscribe(group))
                entry.reader = asyncio.create_task(self._read(group, entry), name=f"fanout {group}")
                self._groups[group] = entry
            entry.members.add(inbox)

    async def leave(self, group: str, inbox: Inbox) -> None:
        entry = self._groups.get(group)
        if entry is None:
            return
        entry.members.discard(inbox)  # at once, even if what follows is cancelled
        async with self._lock:
            if entry.members or self._groups.get(group) is not entry:
                return
            del self._groups[group]
            if entry.reader is not None:
                entry.reader.cancel()  # now the layer may forget the channel
            with contextlib.suppress(Exception):
                await self.layer.group_discard(group, entry.channel)

    async def _subscribe(self, group: str) -> str:
        # The default prefix: channels-redis's core layer reads every channel of a process from one
        # Redis key per prefix, and the consumer's own receive holds that read, so a channel under
        # another prefix would never be read.
        channel = await self.layer.new_channel()
        await self.layer.group_add(group, channel)
        return channel

    async def _read(self, group: str, entry: _Group) -> None:
        while True:
            try:
                message = await self.layer.receive(entry.channel)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning(
                    "live updates for %s: the channel layer failed; subscribing again", group, exc_info=True
                )
                await asyncio.sleep(RETRY_S)
                with contextlib.suppress(Exception):
                    entry.channel = await self._subscribe(group)
                continue
            for inbox in tuple(entry.members):
                inbox.put(message)


_hubs: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def fanout() -> FanOut:
    """The running loop's fan-out for the current default channel layer."""
    layer = get_channel_layer()
    per_layer = _hubs.setdefault(asyncio.get_running_loop(), {})
    hub = per_layer.get(id(layer))
    if hub is None or hub.layer is not layer:
        hub = per_layer[id(layer)] = FanOut(layer)
    return hub


@contextlib.asynccontextmanager
async def listening(groups: list[str]) -> AsyncIterator[Inbox]:
    """An inbox receiving the groups' messages from the moment this is entered until it is left."""
    hub, inbox, joined = fanout(), Inbox(), []
    try:
        for group in groups:
            await hub.join(group, inbox)
            joined.append(group)
        yield inbox
    finally:
        for group in joined:
            with contextlib.suppress(Exception):
                await hub.leave(group, inbox)
