/**
 * The task log: a virtual window over the stored and live lines, following the tail, line links
 * (#L123), go-to-line, the stderr filter, search (useLogSearch) and download. Over 400 lines as one
 * component because following, the window, links and the filter all drive the one scroll element.
 */
import {
  Badge,
  Button,
  Group,
  Loader,
  Menu,
  SegmentedControl,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useThrottledValue } from "@mantine/hooks";
import { IconArrowDown, IconDownload } from "@tabler/icons-react";
import { useVirtualizer, type Range } from "@tanstack/react-virtual";
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from "react";
import { logDownloadHref, useLogDownloadUrl } from "@/features/logs/api/log-download-url";
import { LogLine } from "@/features/logs/components/log-line";
import { useLogDownload } from "@/features/logs/hooks/use-log-download";
import { useLogStream, type LogStreamStatus } from "@/features/logs/hooks/use-log-stream";
import { useLogSearch } from "@/features/logs/hooks/use-log-search";
import { LogSearchControls, StreamLegend } from "@/features/logs/components/log-search-controls";
import { hashForLine, lineFromHash, parseGoToLine, rowOfLine } from "@/features/logs/utils/line-anchor";
import { followingRange, tailRange } from "@/features/logs/utils/follow-range";
import { isTruncationMarker } from "@/features/logs/utils/search";
import { useLocation, useNavigate } from "react-router";
import classes from "./log-viewer.module.css";

export const LINE_HEIGHT = 17;
/** How close to the end counts as "at the bottom" (so the view keeps following). */
const BOTTOM_SLACK = 8;
const OVERSCAN = 24;
/** Above this many lines the stderr filter covers only the lines in memory (no paging in of all). */
const FILTER_LOAD_ALL = 50_000;
/** Rows in view when the pane has no size yet (its tallest is 760 px). */
const FALLBACK_VIEWPORT_ROWS = 45;

interface LogViewerProps {
  readonly taskId: string;
  /** The task's logLineCount when the viewer opens. */
  readonly initialCount: number;
  /** Used for the downloaded file's name. */
  readonly fileName?: string;
  /** In-memory chunks of 1000 lines (memory bound). */
  readonly maxChunks?: number;
}

const STATUS_BADGE: Record<LogStreamStatus, { label: string; color: string }> = {
  connecting: { label: "Connecting", color: "gray" },
  live: { label: "Live", color: "teal" },
  reconnecting: { label: "Reconnecting", color: "yellow" },
  done: { label: "Complete", color: "gray" },
  error: { label: "Error", color: "red" },
};

function viewportRows(element: HTMLElement | null): number {
  const height = element?.clientHeight ?? 0;
  return height > 0 ? Math.ceil(height / LINE_HEIGHT) : FALLBACK_VIEWPORT_ROWS;
}

export function LogViewer({ taskId, initialCount, fileName = "task.log", maxChunks }: LogViewerProps) {
  const stream = useLogStream({ taskId, initialCount, maxChunks });
  const { store, version, showRange, markView } = stream;
  const count = store.count;
  const scrollRef = useRef<HTMLDivElement>(null);
  const programmaticTop = useRef<number | null>(null);
  const location = useLocation();
  const navigate = useNavigate();
  // A link to a line (#L123) opens the log there, highlighted, instead of following the tail.
  const [target, setTarget] = useState<number | null>(() => lineFromHash(location.hash));
  const [following, setFollowing] = useState(target === null);
  const [stderrOnly, setStderrOnly] = useState(false);
  const [goTo, setGoTo] = useState("");
  const [unseenFrom, setUnseenFrom] = useState(count);
  const [wrap, setWrap] = useState(false);
  const downloadUrl = useLogDownloadUrl(taskId);
  const {
    download,
    progress: downloadProgress,
    error: downloadError,
  } = useLogDownload(taskId, store, fileName);

  // With the stderr filter, rows are the held stderr lines (their indexes, ascending).
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
  const rowCount = stderrLines ? stderrLines.length : count;
  const lineAt = (row: number) => (stderrLines ? (stderrLines[row] ?? 0) : row);
  const rowOf = (line: number) => (stderrLines ? rowOfLine(stderrLines, line) : line);
  const rowOfRef = useRef(rowOf);
  rowOfRef.current = rowOf;

  // TanStack Virtual returns a mutable instance the React Compiler cannot memoise; that is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: OVERSCAN,
    useFlushSync: false,
    rangeExtractor: useCallback(
      (range: Range) => followingRange(range, following, viewportRows(scrollRef.current)),
      [following],
    ),
    measureElement: wrap ? (element) => element.getBoundingClientRect().height || LINE_HEIGHT : undefined,
  });
  const items = virtualizer.getVirtualItems();
  // While following, the tail is what is in view (the virtualizer's own window may be a frame behind).
  const [rowStart, rowEnd] = following
    ? tailRange(rowCount, viewportRows(scrollRef.current) + OVERSCAN)
    : [items[0]?.index ?? 0, items[items.length - 1]?.index ?? 0];
  const rangeStart = lineAt(rowStart);
  const rangeEnd = lineAt(rowEnd);

  // Keep what is in view in memory at once; fetch what is missing once scrolling settles a little.
  useEffect(() => {
    markView(rangeStart, rangeEnd);
  }, [rangeStart, rangeEnd, markView]);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      showRange(rangeStart, rangeEnd);
    }, 60);
    return () => {
      window.clearTimeout(timer);
    };
  }, [rangeStart, rangeEnd, count, showRange]);

  useEffect(() => {
    virtualizer.measure();
  }, [wrap, virtualizer]);

  const scrollToBottom = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    if (wrap && rowCount > 0) virtualizer.scrollToIndex(rowCount - 1, { align: "end" });
    else element.scrollTop = element.scrollHeight;
    programmaticTop.current = element.scrollTop;
  }, [wrap, rowCount, virtualizer]);

  // Follow the tail while following: after every applied batch, stay at the bottom.
  useLayoutEffect(() => {
    if (following) scrollToBottom();
  }, [following, version, count, scrollToBottom]);

  const stopFollowing = useCallback(() => {
    setFollowing((current) => {
      if (current) setUnseenFrom(store.count);
      return false;
    });
  }, [store]);

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

  // Scroll to the linked line once the log knows it exists (the window around it is then paged in).
  const targetKnown = target !== null && target < count;
  useLayoutEffect(() => {
    if (target === null || !targetKnown) return;
    virtualizer.scrollToIndex(stderrLines ? rowOfLine(stderrLines, target) : target, { align: "center" });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the target changes or appears
  }, [target, targetKnown, virtualizer]);

  // Following the URL: a changed #L<n> (typed, or back/forward) moves the view.
  useEffect(() => {
    const line = lineFromHash(location.hash);
    if (line !== null) {
      setTarget(line);
      setFollowing(false);
    }
  }, [location.hash]);

  const selectLine = useCallback(
    (index: number) => {
      stopFollowing();
      setTarget(index);
      void navigate({ hash: hashForLine(index) }, { replace: true });
    },
    [navigate, stopFollowing],
  );

  const onGoTo = () => {
    const line = parseGoToLine(goTo, count);
    if (line === null) return;
    selectLine(line);
    virtualizer.scrollToIndex(rowOf(line), { align: "center" });
  };

  const jumpToLatest = () => {
    setFollowing(true);
    scrollToBottom();
  };

  const search = useLogSearch({
    taskId,
    store,
    version,
    reveal: useCallback(
      (line: number) => {
        stopFollowing();
        virtualizer.scrollToIndex(rowOfRef.current(line), { align: "center" });
      },
      [stopFollowing, virtualizer],
    ),
  });
  const { query, whole, serverSearch, highlightsByLine } = search;

  const onScrollerKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (["ArrowUp", "PageUp", "Home"].includes(event.key)) stopFollowing();
    if (event.key === "End") jumpToLatest();
  };

  const gutterWidth = `calc(${Math.max(4, String(count).length)}ch + 16px)`;
  const badge = STATUS_BADGE[stream.status];
  const partialSearch = store.size < count;
  const unseen = Math.max(0, count - unseenFrom);

  return (
    <section className={classes.viewer} aria-label="Task log">
      <Group className={classes.toolbar} justify="space-between" gap="xs" wrap="wrap">
        <Group gap="xs" wrap="nowrap">
          <Title order={4}>Log</Title>
          <Badge
            variant="dot"
            color={badge.color}
            size="sm"
            data-testid="log-status"
            data-status={stream.status}
          >
            {badge.label}
          </Badge>
          <Text size="xs" c="dimmed" data-testid="log-count">
            {count.toLocaleString()} {count === 1 ? "line" : "lines"}
          </Text>
          <StreamLegend />
        </Group>
        <Group gap="xs" wrap="wrap">
          <LogSearchControls search={search} />
          <TextInput
            size="xs"
            w={110}
            placeholder="Go to line"
            aria-label="Go to line"
            value={goTo}
            onChange={(event) => {
              setGoTo(event.currentTarget.value);
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                onGoTo();
              }
            }}
          />
          <SegmentedControl
            size="xs"
            aria-label="Streams shown"
            value={stderrOnly ? "stderr" : "all"}
            onChange={(value) => {
              const only = value === "stderr";
              setStderrOnly(only);
              if (only && count <= FILTER_LOAD_ALL) showRange(0, count - 1);
            }}
            data={[
              { label: "All", value: "all" },
              { label: "stderr", value: "stderr" },
            ]}
          />
          <Switch
            size="xs"
            label="Wrap lines"
            checked={wrap}
            onChange={(event) => {
              setWrap(event.currentTarget.checked);
            }}
          />
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                size="xs"
                variant="default"
                leftSection={downloadProgress === null ? <IconDownload size={14} /> : <Loader size={12} />}
                disabled={downloadProgress !== null || count === 0}
              >
                {downloadProgress === null ? "Download" : `${String(Math.round(downloadProgress * 100))}%`}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {downloadUrl ? (
                <>
                  <Menu.Label>The whole stored log</Menu.Label>
                  <Menu.Item component="a" href={downloadUrl} download={fileName}>
                    As written (colour codes kept)
                  </Menu.Item>
                  <Menu.Item
                    component="a"
                    href={logDownloadHref(downloadUrl, { labels: true, stripAnsi: true })}
                    download={fileName}
                  >
                    Plain text with stream labels
                  </Menu.Item>
                  <Menu.Item
                    component="a"
                    href={logDownloadHref(downloadUrl, { stderrOnly: true, stripAnsi: true })}
                    download={fileName.replace(/\.log$/, "") + "-stderr.log"}
                  >
                    stderr only
                  </Menu.Item>
                </>
              ) : (
                <Menu.Item onClick={() => void download()}>Download from the browser</Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      {stderrOnly && store.size < count ? (
        <Text size="xs" c="dimmed" px="sm" py={4} data-testid="log-filter-note">
          Showing stderr among the {store.size.toLocaleString()} lines in memory.
        </Text>
      ) : null}
      {query && partialSearch && !serverSearch ? (
        <Text size="xs" c="dimmed" px="sm" py={4}>
          Searching the {store.size.toLocaleString()} lines in memory; scroll to load others.
        </Text>
      ) : null}
      {stream.error || downloadError || whole.error ? (
        <Text size="xs" c="red" px="sm" py={4} role="alert">
          {stream.error ?? downloadError ?? `Search: ${whole.error ?? ""}`}
        </Text>
      ) : null}
      <div className={classes.frame}>
        <div
          ref={scrollRef}
          className={`${classes.scroller} ${wrap ? classes.wrapped : ""}`}
          onScroll={onScroll}
          onWheel={(event) => {
            if (event.deltaY < 0) stopFollowing();
          }}
          onKeyDown={onScrollerKey}
          tabIndex={0}
          role="log"
          aria-live="off"
          aria-label="Log lines"
          data-testid="log-scroller"
          data-following={following}
        >
          <div className={classes.inner} style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const index = lineAt(item.index);
              const line = store.get(index);
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  data-line={index}
                  data-target={index === target ? "true" : undefined}
                  ref={wrap ? virtualizer.measureElement : undefined}
                  className={classes.row}
                  data-stream={line?.stream ?? "PENDING"}
                  data-marker={line ? String(isTruncationMarker(line.text)) : "false"}
                  style={{ transform: `translateY(${item.start}px)`, height: wrap ? undefined : LINE_HEIGHT }}
                >
                  <LogLine
                    index={index}
                    line={line}
                    onSelect={selectLine}
                    highlights={highlightsByLine.get(index)}
                    gutterWidth={gutterWidth}
                  />
                </div>
              );
            })}
          </div>
          {count === 0 ? (
            <div className={classes.empty}>
              {stream.status === "done" ? "This task wrote no log." : "Waiting for the first line…"}
            </div>
          ) : stderrLines?.length === 0 ? (
            <div className={classes.empty}>No stderr lines{store.size < count ? " in memory" : ""}.</div>
          ) : null}
        </div>
        {!following ? (
          <Button
            className={classes.jump}
            size="xs"
            radius="xl"
            leftSection={<IconArrowDown size={14} />}
            onClick={jumpToLatest}
            color="cyan"
          >
            Jump to latest{unseen > 0 ? ` (${unseen.toLocaleString()} new)` : ""}
          </Button>
        ) : null}
      </div>
    </section>
  );
}
