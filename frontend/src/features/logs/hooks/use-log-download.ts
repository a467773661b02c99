import { useCallback, useState } from "react";
import { MAX_LOG_PAGE, useFetchLogLines } from "@/features/logs/api/log-lines";
import type { LogStore } from "@/features/logs/utils/log-store";

/** Saves the raw log (escape codes kept) as a file: from memory when it holds it all, else page by page. */
export function useLogDownload(taskId: string, store: LogStore, fileName: string) {
  const fetchLines = useFetchLogLines(taskId);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const download = useCallback(async () => {
    setError(null);
    setProgress(0);
    try {
      const texts: string[] = [];
      if (store.holdsRange(0, store.count)) {
        for (let index = 0; index < store.count; index += 1) texts.push(store.get(index)?.text ?? "");
      } else {
        let total = store.count;
        for (let from = 0; from < total || from === 0; from += MAX_LOG_PAGE) {
          const { lines, count } = await fetchLines(from, MAX_LOG_PAGE);
          total = Math.max(total, count);
          for (const line of lines) texts.push(line.text);
          setProgress(total > 0 ? Math.min(1, (from + lines.length) / total) : 1);
          if (lines.length === 0) break;
        }
      }
      const blob = new Blob([texts.join("\n"), texts.length > 0 ? "\n" : ""], {
        type: "text/plain;charset=utf-8",
      });
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = fileName;
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => {
        URL.revokeObjectURL(url);
      }, 10_000);
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setProgress(null);
    }
  }, [fetchLines, store, fileName]);

  return { download, progress, error };
}
