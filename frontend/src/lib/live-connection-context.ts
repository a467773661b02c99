import { createContext, useContext, useEffect, useSyncExternalStore } from "react";
import type { LiveConnection, LiveStatus } from "./live-connection";

export const LiveConnectionContext = createContext<LiveConnection | null>(null);

export function useLiveConnection(): LiveConnection {
  const live = useContext(LiveConnectionContext);
  if (!live) throw new Error("useLiveConnection needs a LiveConnectionContext provider.");
  return live;
}

export function useLiveStatus(): LiveStatus {
  const live = useLiveConnection();
  return useSyncExternalStore(live.onStatus, live.status, live.status);
}

/** Runs `callback` after the websocket reconnects (e.g. to refetch what may have changed meanwhile). */
export function useOnReconnect(callback: () => void): void {
  const live = useLiveConnection();
  useEffect(() => live.onReconnected(callback), [live, callback]);
}
