import { describe, expect, it } from "vitest";
import { CHUNK_SIZE, LogStore, type LogLineData } from "./log-store";

const line = (index: number): LogLineData => ({ index, stream: "STDOUT", text: `line ${index}` });
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => line(from + i));

describe("LogStore", () => {
  it("keeps the first copy of each index and counts only new lines", () => {
    const store = new LogStore();
    expect(store.add(range(0, 10))).toBe(10);
    const version = store.version;
    expect(store.add(range(5, 15))).toBe(5);
    expect(store.add(range(0, 15))).toBe(0);
    expect(store.version).toBe(version + 1);
    expect(store.count).toBe(15);
    expect(store.size).toBe(15);
    expect(store.get(7)?.text).toBe("line 7");
  });

  it("spreads lines over chunks and finds the missing ones", () => {
    const store = new LogStore();
    store.setKnownCount(3 * CHUNK_SIZE + 10);
    store.add(range(CHUNK_SIZE, 2 * CHUNK_SIZE));
    store.add(range(2 * CHUNK_SIZE, 2 * CHUNK_SIZE + 5));
    expect(store.chunkCount).toBe(2);
    expect(store.missingChunks(0, 3 * CHUNK_SIZE + 9)).toEqual([0, 2, 3]);
    expect(store.holdsRange(CHUNK_SIZE, 2 * CHUNK_SIZE)).toBe(true);
    expect(store.holdsRange(0, 10)).toBe(false);
  });

  it("drops the chunks farthest from the view to stay within its bound", () => {
    const store = new LogStore(3);
    for (let chunk = 0; chunk < 10; chunk += 1) store.add(range(chunk * CHUNK_SIZE, chunk * CHUNK_SIZE + 10));
    store.evictAround(5 * CHUNK_SIZE, 5 * CHUNK_SIZE + 40);
    expect(store.chunkCount).toBe(3);
    expect(store.get(5 * CHUNK_SIZE)).toBeDefined();
    expect(store.get(0)).toBeUndefined();
    expect(store.count).toBe(9 * CHUNK_SIZE + 10);
    expect([...store.heldLines()].map((l) => l.index)).toEqual(
      [4, 5, 6].flatMap((chunk) => range(chunk * CHUNK_SIZE, chunk * CHUNK_SIZE + 10).map((l) => l.index)),
    );
  });
});
