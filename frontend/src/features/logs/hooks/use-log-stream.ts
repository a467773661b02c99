import { useCallback, useEffect, useRef, useState } from "react";
import { useFetchLogLines } from "@/features/logs/api/log-lines";
import { useSubscribeTaskLogs, type LogBatch } from "@/features/logs/api/task-logs";
import { LogFeed } from "@/features/logs/utils/log-feed";
import { LogStore } from "@/features/logs/utils/log-store";
import { useLiveConnection } from "@/lib/live-connection-context";

/** How many of the newest lines the stream replays on open; older ones are paged in on scroll. */
export const TAIL_LINES = 2000;
const MAX_RESUBSCRIBES = 30;

export type LogStreamStatus = "connecting" | "live" | "reconnecting" | "done" | "error";

export interface LogStream {
  readonly store: LogStore;
  /** Changes whenever the store's content changes (one React update per animation frame at most). */
  readonly version: number;
  readonly status: LogStreamStatus;
  readonly error: string | null;
  /** Loads the chunks of [start, end] that are not in memory and marks the range as in view. */
  readonly showRange: (start: number, end: number) => void;
  /** Marks [start, end] as in view at once (kept in memory), without fetching. */
  readonly markView: (start: number, end: number) => void;
}

interface Options {
  readonly taskId: string;
  /** The task's logLineCount when the viewer opened. */
  readonly initialCount: number;
  readonly maxChunks?: number;
}

/**
 * A task's log: the newest lines and then live ones from the taskLogs subscription, older pages from
 * logLines on demand. After a websocket drop it resubscribes from the line after the last one
 * received; the store drops any line it already has (by index), so there is no gap and no duplicate.
 */
export function useLogStream({ taskId, initialCount, maxChunks }: Options): LogStream {
  const live = useLiveConnection();
  const subscribe = useSubscribeTaskLogs(taskId);
  const fetchPage = useFetchLogLines(taskId);

  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<LogStreamStatus>("connecting");
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const [feed] = useState(() => {
    const store = new LogStore(maxChunks);
    store.setKnownCount(initialCount);
    return new LogFeed(store, setVersion);
  });

  const cursor = useRef({
    nextLine: Math.max(0, initialCount - TAIL_LINES),
    done: false,
    alive: true,
    resubscribes: 0,
  });

  useEffect(() => {
    feed.resume();
    return () => {
      feed.cancelFrame();
    };
  }, [feed]);

  useEffect(() => {
    const state = cursor.current;
    if (state.done) return;
    const unsubscribe = subscribe(state.nextLine, {
      onBatch: (batch: LogBatch) => {
        state.resubscribes = 0;
        state.alive = !batch.done;
        const last = batch.lines[batch.lines.length - 1];
        if (last) state.nextLine = Math.max(state.nextLine, last.index + 1);
        feed.push(batch.lines);
        if (batch.done) {
          state.done = true;
          setStatus("done");
        } else {
          setStatus("live");
        }
      },
      onError: (message) => {
        state.alive = false;
        setError(message);
        setStatus("error");
      },
    });
    const stopListening = live.onClosed(() => {
      if (state.done || state.resubscribes >= MAX_RESUBSCRIBES) return;
      state.resubscribes += 1;
      setStatus("reconnecting");
      setGeneration((value) => value + 1);
    });
    return () => {
      stopListening();
      unsubscribe();
    };
  }, [subscribe, live, generation, feed]);

  const showRange = useCallback(
    (start: number, end: number) => {
      const state = cursor.current;
      // Lines from nextLine on are still to come from the stream; only what it already passed is paged.
      const streamedFrom = state.alive ? state.nextLine : Number.POSITIVE_INFINITY;
      feed.load(start, end, fetchPage, streamedFrom, setError);
    },
    [feed, fetchPage],
  );

  const markView = useCallback(
    (start: number, end: number) => {
      feed.setView(start, end);
    },
    [feed],
  );

  return { store: feed.store, version, status, error, showRange, markView };
}
