import type { LiveConnection, LiveStatus } from "@/lib/live-connection";

/** A LiveConnection whose socket events the test fires by hand. */
export interface FakeLiveConnection extends LiveConnection {
  readonly fireClosed: () => void;
  readonly fireReconnected: () => void;
}

export function createFakeLiveConnection(): FakeLiveConnection {
  let status: LiveStatus = "connected";
  const statusListeners = new Set<(status: LiveStatus) => void>();
  const closedListeners = new Set<() => void>();
  const reconnectListeners = new Set<() => void>();
  const add = <T>(set: Set<T>, listener: T) => {
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };
  return {
    ws: undefined as unknown as LiveConnection["ws"],
    subscribe: () => () => undefined,
    status: () => status,
    onStatus: (listener) => add(statusListeners, listener),
    onClosed: (listener) => add(closedListeners, listener),
    onReconnected: (listener) => add(reconnectListeners, listener),
    dispose: () => undefined,
    fireClosed: () => {
      status = "reconnecting";
      statusListeners.forEach((listener) => {
        listener(status);
      });
      closedListeners.forEach((listener) => {
        listener();
      });
    },
    fireReconnected: () => {
      status = "connected";
      statusListeners.forEach((listener) => {
        listener(status);
      });
      reconnectListeners.forEach((listener) => {
        listener();
      });
    },
  };
}
