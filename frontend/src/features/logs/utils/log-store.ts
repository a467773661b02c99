/**
 * Log lines held in fixed-size chunks keyed by chunk number, so a batch touches only the chunks it
 * lands in (no giant array re-created per batch), lines are de-duplicated by index, and far-away
 * chunks can be dropped to bound memory (they are fetched again with logLines when scrolled to).
 */
import type { LogStream } from "@/gql/graphql";

export interface LogLineData {
  readonly index: number;
  readonly stream: LogStream;
  readonly text: string;
}

export const CHUNK_SIZE = 1000;

interface Chunk {
  readonly lines: (LogLineData | undefined)[];
  filled: number;
}

export class LogStore {
  private readonly chunks = new Map<number, Chunk>();
  private total = 0;
  private held = 0;
  /** Bumped whenever what the store would render changes. */
  version = 0;

  readonly maxChunks: number;

  constructor(maxChunks = 60) {
    this.maxChunks = maxChunks;
  }

  /** Lines known to exist: the highest index seen (or a count the server gave) + 1. */
  get count(): number {
    return this.total;
  }

  /** Lines held in memory now. */
  get size(): number {
    return this.held;
  }

  get chunkCount(): number {
    return this.chunks.size;
  }

  /** Raises the known line count (e.g. from the task's logLineCount) without holding the lines. */
  setKnownCount(count: number): void {
    if (count > this.total) {
      this.total = count;
      this.version += 1;
    }
  }

  /** Adds lines, ignoring indexes already held; returns how many were new. */
  add(lines: readonly LogLineData[]): number {
    let added = 0;
    for (const line of lines) {
      const number = Math.floor(line.index / CHUNK_SIZE);
      let chunk = this.chunks.get(number);
      if (!chunk) {
        chunk = { lines: new Array<LogLineData | undefined>(CHUNK_SIZE), filled: 0 };
        this.chunks.set(number, chunk);
      }
      const offset = line.index - number * CHUNK_SIZE;
      if (chunk.lines[offset] === undefined) {
        chunk.lines[offset] = line;
        chunk.filled += 1;
        added += 1;
      }
      if (line.index >= this.total) this.total = line.index + 1;
    }
    if (added > 0) {
      this.held += added;
      this.version += 1;
    }
    return added;
  }

  get(index: number): LogLineData | undefined {
    const number = Math.floor(index / CHUNK_SIZE);
    return this.chunks.get(number)?.lines[index - number * CHUNK_SIZE];
  }

  /** Chunk numbers overlapping [start, end] with a line not held. */
  missingChunks(start: number, end: number): number[] {
    const last = Math.min(end, this.total - 1);
    const missing: number[] = [];
    for (let number = Math.floor(Math.max(0, start) / CHUNK_SIZE); number * CHUNK_SIZE <= last; number += 1) {
      const chunk = this.chunks.get(number);
      const expected = Math.min(CHUNK_SIZE, this.total - number * CHUNK_SIZE);
      if (!chunk || chunk.filled < expected) missing.push(number);
    }
    return missing;
  }

  /** Drops the chunks farthest from [start, end] until at most `maxChunks` remain. */
  evictAround(start: number, end: number): void {
    if (this.chunks.size <= this.maxChunks) return;
    const first = Math.floor(start / CHUNK_SIZE);
    const last = Math.floor(end / CHUNK_SIZE);
    const distance = (number: number) =>
      number < first ? first - number : number > last ? number - last : 0;
    const byDistance = [...this.chunks.keys()].sort((a, b) => distance(b) - distance(a));
    for (const number of byDistance) {
      if (this.chunks.size <= this.maxChunks || distance(number) === 0) break;
      this.held -= this.chunks.get(number)?.filled ?? 0;
      this.chunks.delete(number);
    }
    this.version += 1;
  }

  /** Every held line in index order. */
  *heldLines(): Generator<LogLineData> {
    for (const number of [...this.chunks.keys()].sort((a, b) => a - b)) {
      for (const line of this.chunks.get(number)?.lines ?? []) if (line) yield line;
    }
  }

  /** True when every line in [start, end) is held. */
  holdsRange(start: number, end: number): boolean {
    return end <= start || this.missingChunks(start, end - 1).length === 0;
  }

  clear(): void {
    this.chunks.clear();
    this.total = 0;
    this.held = 0;
    this.version += 1;
  }
}
