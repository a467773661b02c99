/**
 * The task log: a virtual window over the stored and live lines (useLogWindow) that follows the tail
 * (useFollowing, useFollowTail), opens at a linked line (#L123) and goes to a line (useLineNavigation),
 * filters to stderr (useStderrFilter), searches (useLogSearch) and downloads. All of them drive the one
 * scroll element, which is why they meet here.
 */
import { Switch } from "@mantine/core";
import { useRef, useState } from "react";
import { useLogDownloadUrl } from "@/features/logs/api/log-download-url";
import { LogDownloadMenu } from "@/features/logs/components/log-download-menu";
import { EmptyLogNote, JumpToLatestButton, LogNotices } from "@/features/logs/components/log-notices";
import { LogRows } from "@/features/logs/components/log-rows";
import { LogSearchControls } from "@/features/logs/components/log-search-controls";
import { GoToLineInput, LogToolbar, StreamFilterControl } from "@/features/logs/components/log-toolbar";
import { useFollowing, useFollowTail } from "@/features/logs/hooks/use-follow-tail";
import { useLineNavigation } from "@/features/logs/hooks/use-line-navigation";
import { useLogDownload } from "@/features/logs/hooks/use-log-download";
import { useLogSearch } from "@/features/logs/hooks/use-log-search";
import { useLogStream } from "@/features/logs/hooks/use-log-stream";
import { useLogWindow } from "@/features/logs/hooks/use-log-window";
import { useStderrFilter } from "@/features/logs/hooks/use-stderr-filter";
import classes from "./log-viewer.module.css";

interface LogViewerProps {
  readonly taskId: string;
  /** The task's logLineCount when the viewer opens. */
  readonly initialCount: number;
  /** Used for the downloaded file's name. */
  readonly fileName?: string;
  /** In-memory chunks of 1000 lines (memory bound). */
  readonly maxChunks?: number;
}

export function LogViewer({ taskId, initialCount, fileName = "task.log", maxChunks }: LogViewerProps) {
  const stream = useLogStream({ taskId, initialCount, maxChunks });
  const { store, version } = stream;
  const count = store.count;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [wrap, setWrap] = useState(false);
  const downloadUrl = useLogDownloadUrl(taskId);
  const download = useLogDownload(taskId, store, fileName);
  const filter = useStderrFilter(stream);
  const follow = useFollowing(store);
  const logWindow = useLogWindow({
    stream,
    scrollRef,
    stderrLines: filter.stderrLines,
    following: follow.following,
    wrap,
  });
  const tail = useFollowTail({ stream, scrollRef, logWindow, follow, wrap });
  const navigation = useLineNavigation({ count, scrollToLine: logWindow.scrollToLine, follow });
  const search = useLogSearch({ taskId, store, version, reveal: navigation.revealLine });

  return (
    <section className={classes.viewer} aria-label="Task log">
      <LogToolbar status={stream.status} count={count}>
        <LogSearchControls search={search} />
        <GoToLineInput count={count} onGoTo={navigation.goToLine} />
        <StreamFilterControl stderrOnly={filter.stderrOnly} onChange={filter.showStderrOnly} />
        <Switch
          size="xs"
          label="Wrap lines"
          checked={wrap}
          onChange={(event) => {
            setWrap(event.currentTarget.checked);
          }}
        />
        <LogDownloadMenu
          url={downloadUrl}
          fileName={fileName}
          count={count}
          progress={download.progress}
          onDownload={download.download}
        />
      </LogToolbar>
      <LogNotices
        count={count}
        held={store.size}
        stderrOnly={filter.stderrOnly}
        searchingMemory={search.query !== "" && store.size < count && !search.serverSearch}
        streamError={stream.error}
        downloadError={download.error}
        searchError={search.whole.error}
      />
      <div className={classes.frame}>
        <div
          ref={scrollRef}
          className={`${classes.scroller} ${wrap ? classes.wrapped : ""}`}
          onScroll={tail.onScroll}
          onWheel={tail.onWheel}
          onKeyDown={tail.onKeyDown}
          tabIndex={0}
          role="log"
          aria-live="off"
          aria-label="Log lines"
          data-testid="log-scroller"
          data-following={follow.following}
        >
          <LogRows
            virtualizer={logWindow.virtualizer}
            items={logWindow.items}
            lineAt={logWindow.lineAt}
            store={store}
            count={count}
            wrap={wrap}
            target={navigation.target}
            highlightsByLine={search.highlightsByLine}
            onSelect={navigation.selectLine}
          />
          <EmptyLogNote
            count={count}
            held={store.size}
            status={stream.status}
            stderrLines={filter.stderrLines}
          />
        </div>
        {!follow.following ? <JumpToLatestButton unseen={follow.unseen} onClick={tail.jumpToLatest} /> : null}
      </div>
    </section>
  );
}
