/**
 * Where log lines enter the store: from the live stream and from pages fetched on scroll. Lines are
 * buffered and applied at most once per animation frame, then the view is told (one React update).
 */
import { CHUNK_SIZE, type LogLineData, type LogStore } from "./log-store";

/** Above this many lines, re-render at most every LARGE_LOG_RENDER_MS (re-measuring is O(lines)). */
const LARGE_LOG = 200_000;
const LARGE_LOG_RENDER_MS = 200;
const MAX_PARALLEL_PAGES = 3;

export type FetchPage = (fromLine: number, limit: number) => Promise<{ lines: LogLineData[]; count: number }>;

interface Scheduler {
  readonly request: (callback: () => void) => number;
  readonly cancel: (handle: number) => void;
  readonly now: () => number;
}

const browserScheduler: Scheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => {
    cancelAnimationFrame(handle);
  },
  now: () => performance.now(),
};

export class LogFeed {
  readonly store: LogStore;
  private readonly onApplied: (version: number) => void;
  private readonly scheduler: Scheduler;
  private pending: (readonly LogLineData[])[] = [];
  private frame: number | null = null;
  private lastApplied = Number.NEGATIVE_INFINITY;
  private view: [number, number] = [0, 0];
  private readonly inFlight = new Set<number>();
  private queued: number[] = [];

  constructor(
    store: LogStore,
    onApplied: (version: number) => void,
    scheduler: Scheduler = browserScheduler,
  ) {
    this.store = store;
    this.onApplied = onApplied;
    this.scheduler = scheduler;
  }

  /** Buffers lines; they reach the store on the next animation frame. */
  push(lines: readonly LogLineData[]): void {
    if (lines.length > 0) this.pending.push(lines);
    this.schedule();
  }

  /** Marks [start, end] as in view: chunks far from it may be dropped from memory. */
  setView(start: number, end: number): void {
    this.view = [start, end];
  }

  /** Fetches the chunks of [start, end] not in memory, except lines from `streamedFrom` on. */
  load(
    start: number,
    end: number,
    fetchPage: FetchPage,
    streamedFrom: number,
    onError: (message: string) => void,
  ) {
    this.setView(start, end);
    this.queued = this.store
      .missingChunks(start, end)
      .filter((chunk) => !this.inFlight.has(chunk) && chunk * CHUNK_SIZE < streamedFrom);
    this.pump(fetchPage, onError);
  }

  /** Applies lines left waiting (e.g. after a remount). */
  resume(): void {
    if (this.pending.length > 0) this.schedule();
  }

  /** Cancels a pending frame (on unmount; under StrictMode the feed is used again after this). */
  cancelFrame(): void {
    if (this.frame !== null) this.scheduler.cancel(this.frame);
    this.frame = null;
  }

  private pump(fetchPage: FetchPage, onError: (message: string) => void): void {
    while (this.inFlight.size < MAX_PARALLEL_PAGES && this.queued.length > 0) {
      const chunk = this.queued.shift();
      if (chunk === undefined || this.inFlight.has(chunk)) continue;
      this.inFlight.add(chunk);
      fetchPage(chunk * CHUNK_SIZE, CHUNK_SIZE)
        .then(({ lines, count }) => {
          this.store.setKnownCount(count);
          this.push(lines);
        })
        .catch((reason: unknown) => {
          onError(`Could not load older lines: ${reason instanceof Error ? reason.message : String(reason)}`);
        })
        .finally(() => {
          this.inFlight.delete(chunk);
          this.pump(fetchPage, onError);
        });
    }
  }

  private schedule(): void {
    this.frame ??= this.scheduler.request(this.flush);
  }

  private readonly flush = (): void => {
    this.frame = null;
    if (this.store.count > LARGE_LOG && this.scheduler.now() - this.lastApplied < LARGE_LOG_RENDER_MS) {
      this.schedule();
      return;
    }
    const batches = this.pending;
    this.pending = [];
    for (const lines of batches) this.store.add(lines);
    this.store.evictAround(this.view[0], this.view[1]);
    this.lastApplied = this.scheduler.now();
    this.onApplied(this.store.version);
  };
}
