import { formatDuration } from "@/lib/format";

/** The limits a task will run with, shown before it starts (when known). */
export interface RunLimits {
  readonly memoryMb?: number;
  readonly cpus?: number;
  readonly timeoutS?: number;
}

/** "Runs with 1,024 MB of memory, 1 CPU, stopped after 1h 00m." or null when not known. */
export function runLimitsSentence(algorithm: RunLimits): string | null {
  const { memoryMb, cpus, timeoutS } = algorithm;
  if (memoryMb === undefined || cpus === undefined || timeoutS === undefined) return null;
  return `Runs with ${memoryMb.toLocaleString()} MB of memory and ${String(cpus)} CPU${cpus === 1 ? "" : "s"}, stopped after ${formatDuration(timeoutS * 1000)}; the algorithm sets these.`;
}
