import { useSyncExternalStore } from "react";

/**
 * One clock for every live time on the page ("3 s", "2 min ago"): a single interval, and only the
 * text that shows a time renders when it ticks, not the row or card around it. With a clock per table
 * instead, every row of a busy tasks list rendered again each second (long tasks of 100-200 ms while
 * hundreds of tasks changed state).
 */
const listeners = new Set<() => void>();
let timer: number | undefined;
let current = Date.now();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    current = Date.now();
    timer = window.setInterval(() => {
      current = Date.now();
      listeners.forEach((notify) => {
        notify();
      });
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
}

function snapshot(): number {
  return current;
}

/** The clock's time, refreshed once a second while any live text is on the page. */
export function useClock(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
