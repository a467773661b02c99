import { useThrottledValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import type { LogStream } from "@/features/logs/hooks/use-log-stream";

/** Above this many lines the stderr filter covers only the lines in memory (no paging in of all). */
const FILTER_LOAD_ALL = 50_000;

/** The stderr filter: while it is on, the rows are the held stderr lines (their indexes, ascending). */
export function useStderrFilter({ store, version, showRange }: LogStream) {
  const [stderrOnly, setStderrOnly] = useState(false);
  const count = store.count;

  const filterVersion = useThrottledValue(version, 250);
  const stderrLines = useMemo<number[] | null>(
    () =>
      stderrOnly
        ? Array.from(store.heldLines())
            .filter((line) => line.stream === "STDERR")
            .map((line) => line.index)
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filterVersion stands for the store's content
    [stderrOnly, filterVersion, store],
  );

  const showStderrOnly = (only: boolean) => {
    setStderrOnly(only);
    if (only && count <= FILTER_LOAD_ALL) showRange(0, count - 1);
  };

  return { stderrOnly, stderrLines, showStderrOnly };
}
