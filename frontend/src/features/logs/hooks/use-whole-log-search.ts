import { useCallback, useEffect, useRef, useState } from "react";
import { useSearchLog, type LogSearchPage } from "@/features/logs/api/log-search";

const INT_MAX = 2_147_483_647;
const DEBOUNCE_MS = 250;

export interface WholeLogSearch {
  /** Lines matching in the whole stored log; null while there is no answer for the query. */
  readonly total: number | null;
  /** 0-based number of the current match among `total`. */
  readonly ordinal: number;
  readonly activeLine: number | null;
  readonly searching: boolean;
  readonly error: string | null;
  /** Moves to the next (1) or previous (-1) match, paging in matches from the server as needed. */
  readonly move: (delta: 1 | -1) => void;
}

/**
 * Search over the task's whole stored log (the server's logSearch), not only the lines in memory:
 * "match k of n", and any match can be reached; `onActive` is told the line to show.
 */
export function useWholeLogSearch(
  taskId: string,
  query: string,
  onActive: (line: number) => void,
): WholeLogSearch {
  const search = useSearchLog(taskId);
  const [page, setPage] = useState<LogSearchPage | null>(null);
  const [ordinal, setOrdinal] = useState(0);
  // What is being fetched, and the last failure, each for the query they belong to.
  const [pending, setPending] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ query: string; message: string } | null>(null);
  const request = useRef(0);
  const onActiveRef = useRef(onActive);
  useEffect(() => {
    onActiveRef.current = onActive;
  }, [onActive]);

  const show = useCallback((found: LogSearchPage, target: number) => {
    setPage(found);
    setOrdinal(target);
    const line = found.lines[target - found.before];
    if (line !== undefined) onActiveRef.current(line);
  }, []);

  useEffect(() => {
    const mine = (request.current += 1);
    if (!query) return;
    const timer = window.setTimeout(() => {
      setPending(query);
      search(query)
        .then((found) => {
          if (request.current !== mine) return;
          setFailure(null);
          show(found, found.before);
        })
        .catch((reason: unknown) => {
          if (request.current !== mine) return;
          setFailure({ query, message: reason instanceof Error ? reason.message : String(reason) });
        })
        .finally(() => {
          if (request.current === mine) setPending(null);
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [query, search, show]);

  const move = useCallback(
    (delta: 1 | -1) => {
      if (page?.query !== query || page.total === 0) return;
      const target = (ordinal + delta + page.total) % page.total;
      if (target >= page.before && target < page.before + page.lines.length) {
        show(page, target);
        return;
      }
      const where =
        delta > 0
          ? target === 0
            ? {}
            : { after: page.lines[page.lines.length - 1] ?? -1 }
          : target === page.total - 1
            ? { before: INT_MAX }
            : { before: page.lines[0] ?? 0 };
      const mine = (request.current += 1);
      setPending(page.query);
      search(page.query, where)
        .then((found) => {
          if (request.current === mine) show(found, target);
        })
        .catch((reason: unknown) => {
          if (request.current === mine) {
            setFailure({
              query: page.query,
              message: reason instanceof Error ? reason.message : String(reason),
            });
          }
        })
        .finally(() => {
          if (request.current === mine) setPending(null);
        });
    },
    [page, query, ordinal, search, show],
  );

  const current = query && page?.query === query ? page : null;
  return {
    total: current ? current.total : null,
    ordinal,
    activeLine: current ? (current.lines[ordinal - current.before] ?? null) : null,
    searching: pending !== null && pending === query,
    error: failure?.query === query ? failure.message : null,
    move,
  };
}
