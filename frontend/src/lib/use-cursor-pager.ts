import { useCallback, useState } from "react";

export interface CursorPager {
  /** The cursor to pass as `after` (null on the first page). */
  readonly after: string | null;
  /** 1-based page number. */
  readonly page: number;
  readonly next: (endCursor: string | null | undefined) => void;
  readonly previous: () => void;
  readonly reset: () => void;
}

/** Forward relay pagination with a stack of cursors, so "previous" needs no backward paging. */
export function useCursorPager(): CursorPager {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const next = useCallback((endCursor: string | null | undefined) => {
    if (endCursor) setStack((current) => [...current, endCursor]);
  }, []);
  const previous = useCallback(() => {
    setStack((current) => (current.length > 1 ? current.slice(0, -1) : current));
  }, []);
  const reset = useCallback(() => {
    setStack([null]);
  }, []);
  return { after: stack[stack.length - 1] ?? null, page: stack.length, next, previous, reset };
}
