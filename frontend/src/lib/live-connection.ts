/** The websocket used for subscriptions (graphql-transport-ws), with its connection state observable. */
import { createClient, type Client as WsClient } from "graphql-ws";

export type LiveStatus = "idle" | "connecting" | "connected" | "reconnecting";

export interface LiveConnection {
  readonly ws: WsClient;
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
        setStatus(connectedOnce ? "reconnecting" : "idle");
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

  return {
    ws,
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
