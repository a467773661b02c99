import { useEffect, useRef } from "react";

/**
 * Calls `poll` every `intervalMs` while `active`: for state a worker changes that no subscription
 * reports (e.g. an image being pulled). Stops as soon as `active` turns false.
 */
export function usePoll(poll: () => void, active: boolean, intervalMs = 1500): void {
  const latest = useRef(poll);
  useEffect(() => {
    latest.current = poll;
  }, [poll]);
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => {
      latest.current();
    }, intervalMs);
    return () => {
      window.clearInterval(timer);
    };
  }, [active, intervalMs]);
}
