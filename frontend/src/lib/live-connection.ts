/** The websocket used for subscriptions (graphql-transport-ws), with its connection state observable. */
import type { FormattedExecutionResult } from "graphql";
import { createClient, type Client as WsClient, type Sink, type SubscribePayload } from "graphql-ws";

export type LiveStatus = "idle" | "connecting" | "connected" | "reconnecting";

export interface LiveConnection {
  readonly ws: WsClient;
  /** Subscribes through the socket, counting active subscriptions (so an idle close is not a drop). */
  readonly subscribe: WsClient["subscribe"];
  readonly status: () => LiveStatus;
  /** Calls `listener` on every state change; returns the unsubscribe function. */
  readonly onStatus: (listener: (status: LiveStatus) => void) => () => void;
  /** Calls `listener` whenever the socket closes (then subscriptions wait for the reconnect). */
  readonly onClosed: (listener: () => void) => () => void;
  /** Calls `listener` on every connection after the first (state may have changed while away). */
  readonly onReconnected: (listener: () => void) => () => void;
  readonly dispose: () => void;
}

// Codes graphql-ws and the server use when retrying cannot help (e.g. not signed in).
const FATAL_CLOSE_CODES = new Set([4400, 4401, 4403, 4406, 4409, 4429, 4500]);

export function websocketUrl(location: Location = window.location): string {
  const protocol = location.protocol === "https:" ? "wss:" : "ws:";
  return `${protocol}//${location.host}/graphql`;
}

export function createLiveConnection(url: string = websocketUrl()): LiveConnection {
  let status: LiveStatus = "idle";
  let connectedOnce = false;
  let active = 0;
  const statusListeners = new Set<(status: LiveStatus) => void>();
  const closedListeners = new Set<() => void>();
  const reconnectListeners = new Set<() => void>();

  const setStatus = (next: LiveStatus) => {
    if (next === status) return;
    status = next;
    statusListeners.forEach((listener) => {
      listener(next);
    });
  };

  const ws = createClient({
    url,
    lazy: true,
    lazyCloseTimeout: 3000,
    keepAlive: 10_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (errOrCloseEvent) =>
      !(errOrCloseEvent instanceof CloseEvent && FATAL_CLOSE_CODES.has(errOrCloseEvent.code)),
    retryWait: async (retries) => {
      const delay = Math.min(10_000, 500 * 2 ** retries) + Math.random() * 300;
      await new Promise((resolve) => setTimeout(resolve, delay));
    },
    on: {
      connecting: () => {
        setStatus(connectedOnce ? "reconnecting" : "connecting");
      },
      connected: () => {
        const again = connectedOnce;
        connectedOnce = true;
        setStatus("connected");
        if (again)
          reconnectListeners.forEach((listener) => {
            listener();
          });
      },
      closed: () => {
        // The lazy client closes the socket by itself once nothing is subscribed: that is no drop.
        if (active === 0) {
          setStatus("idle");
          return;
        }
        setStatus("reconnecting");
        closedListeners.forEach((listener) => {
          listener();
        });
      },
    },
  });

  const add = <T>(set: Set<T>, listener: T) => {
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };

  function subscribe<Data = Record<string, unknown>, Extensions = unknown>(
    payload: SubscribePayload,
    sink: Sink<FormattedExecutionResult<Data, Extensions>>,
  ): () => void {
    active += 1;
    let ended = false;
    const end = () => {
      if (!ended) {
        ended = true;
        active -= 1;
      }
    };
    const unsubscribe = ws.subscribe<Data, Extensions>(payload, {
      next: (value) => {
        sink.next(value);
      },
      error: (error) => {
        end();
        sink.error(error);
      },
      complete: () => {
        end();
        sink.complete();
      },
    });
    return () => {
      end();
      unsubscribe();
    };
  }

  return {
    ws,
    subscribe,
    status: () => status,
    onStatus: (listener) => add(statusListeners, listener),
    onClosed: (listener) => add(closedListeners, listener),
    onReconnected: (listener) => add(reconnectListeners, listener),
    dispose: () => {
      statusListeners.clear();
      closedListeners.clear();
      reconnectListeners.clear();
      void ws.dispose();
    },
  };
}
