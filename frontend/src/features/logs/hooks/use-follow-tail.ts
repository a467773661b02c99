/**
 * Following the tail: while the view follows, every applied batch keeps it at the bottom; the user
 * scrolling up stops it, scrolling back to the bottom (or End, or "Jump to latest") resumes it. Two
 * hooks, because the virtual window renders the tail rows while following (useFollowing comes before
 * it) and keeping the view at the bottom scrolls that window (useFollowTail comes after).
 */
import {
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
  type WheelEvent,
} from "react";
import type { LogStream } from "@/features/logs/hooks/use-log-stream";
import type { useLogWindow } from "@/features/logs/hooks/use-log-window";
import { lineFromHash } from "@/features/logs/utils/line-anchor";
import type { LogStore } from "@/features/logs/utils/log-store";
import { useLocation } from "react-router";

/** How close to the end counts as "at the bottom" (so the view keeps following). */
const BOTTOM_SLACK = 8;

/** Whether the view follows the tail, and how many lines arrived since it stopped. */
export function useFollowing(store: LogStore) {
  const location = useLocation();
  // A link to a line (#L123) opens the log there (useLineNavigation) instead of following the tail.
  const [following, setFollowing] = useState(() => lineFromHash(location.hash) === null);
  const [unseenFrom, setUnseenFrom] = useState(store.count);

  const stopFollowing = useCallback(() => {
    setFollowing((current) => {
      if (current) setUnseenFrom(store.count);
      return false;
    });
  }, [store]);

  return { following, setFollowing, stopFollowing, unseen: Math.max(0, store.count - unseenFrom) };
}

interface FollowTailOptions {
  readonly stream: LogStream;
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  readonly logWindow: ReturnType<typeof useLogWindow>;
  readonly follow: ReturnType<typeof useFollowing>;
  readonly wrap: boolean;
}

/** Keeps a following view at the bottom, and turns the user's scrolling into following or not. */
export function useFollowTail({ stream, scrollRef, logWindow, follow, wrap }: FollowTailOptions) {
  const { version, store } = stream;
  const count = store.count;
  const { virtualizer, rowCount } = logWindow;
  const { following, setFollowing, stopFollowing } = follow;
  // Where our own scroll put the view, so its scroll event is not taken for the user's.
  const programmaticTop = useRef<number | null>(null);

  const scrollToBottom = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    if (wrap && rowCount > 0) virtualizer.scrollToIndex(rowCount - 1, { align: "end" });
    else element.scrollTop = element.scrollHeight;
    programmaticTop.current = element.scrollTop;
  }, [wrap, rowCount, virtualizer, scrollRef]);

  // Follow the tail while following: after every applied batch, stay at the bottom.
  useLayoutEffect(() => {
    if (following) scrollToBottom();
  }, [following, version, count, scrollToBottom]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK;
    const ours =
      programmaticTop.current !== null && Math.abs(element.scrollTop - programmaticTop.current) < 2;
    programmaticTop.current = null;
    if (atBottom) setFollowing(true);
    else if (!ours) stopFollowing();
  };

  const onWheel = (event: WheelEvent<HTMLDivElement>) => {
    if (event.deltaY < 0) stopFollowing();
  };

  const jumpToLatest = () => {
    setFollowing(true);
    scrollToBottom();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (["ArrowUp", "PageUp", "Home"].includes(event.key)) stopFollowing();
    if (event.key === "End") jumpToLatest();
  };

  return { onScroll, onWheel, onKeyDown, jumpToLatest };
}
