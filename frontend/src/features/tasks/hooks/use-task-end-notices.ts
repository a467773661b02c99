import { notifications } from "@mantine/notifications";
import { useEffect, useRef, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { paths } from "@/config/paths";
import { useTaskUpdates } from "@/features/tasks/api/task-updates";
import {
  badgeFor,
  countEndings,
  describeSummary,
  MAX_SEPARATE_NOTICES,
  newEndings,
  NO_ENDINGS,
  type EndingCounts,
  type TaskEnding,
} from "@/features/tasks/utils/task-endings";
import type { TaskStatus } from "@/gql/graphql";
import { notifyInBrowser } from "@/lib/browser-notifications";
import { setTabNotice } from "@/lib/tab-state";

/** Whether the page at `pathname` shows the ending: the tasks list, or the task's own page. */
function seenAt(ending: TaskEnding, pathname: string): boolean {
  return pathname === paths.tasks || pathname === paths.task(ending.id) || pathname === `/tasks/${ending.id}`;
}

const COLOURS = { SUCCEEDED: "teal", FAILED: "red", CANCELLED: "orange" } as const;
const SUMMARY_ID = "tasks-ended-summary";
/** Endings within this long of the last summary are added to it rather than shown apart. */
const SUMMARY_WINDOW_MS = 5_000;

/**
 * Tells the user when a task of theirs ends, wherever they are in the dashboard: an in-app
 * notification, the tab's title and icon ("(1) OASIS", a red or green dot) until they look at the
 * task or the tasks list, and a browser notification if they turned those on and the tab is hidden.
 * It listens on the live connection's task updates (one subscription, shared with the tasks list).
 */
export function useTaskEndNotices(userId: string): void {
  const [updates] = useTaskUpdates(null);
  const known = useRef(new Map<string, TaskStatus>());
  const [since] = useState(() => Date.now());
  const [unseen, setUnseen] = useState<readonly TaskEnding[]>([]);
  const summary = useRef<{ counts: EndingCounts; at: number } | null>(null);
  const { pathname } = useLocation();
  const navigate = useNavigate();

  useEffect(() => {
    if (!updates.data) return;
    const endings = newEndings(updates.data.values(), known.current, { userId, since });
    if (endings.length === 0) return;
    const now = Date.now();
    const recent = summary.current !== null && now - summary.current.at < SUMMARY_WINDOW_MS;
    if (endings.length > MAX_SEPARATE_NOTICES || recent) {
      // Many at once (a bulk cancel, a batch finishing): one notice that keeps counting, not a wall.
      const counts = countEndings(recent && summary.current ? summary.current.counts : NO_ENDINGS, endings);
      summary.current = { counts, at: now };
      const { title, message } = describeSummary(counts);
      const openList = () => void navigate(paths.tasks);
      const notice = {
        id: SUMMARY_ID,
        color: counts.FAILED > 0 ? "red" : "teal",
        title,
        message,
        autoClose: counts.FAILED > 0 ? false : 10_000,
        onClick: openList,
        style: { cursor: "pointer" },
        "data-testid": "task-end-notice",
      } as const;
      if (recent) notifications.update(notice);
      else {
        notifications.show(notice);
        notifyInBrowser(title, message, openList);
      }
    } else {
      for (const ending of endings) {
        const open = () => void navigate(paths.task(ending.id));
        notifications.show({
          id: `task-ended-${ending.id}`,
          color: COLOURS[ending.status],
          title: ending.title,
          message: ending.message,
          autoClose: ending.status === "FAILED" ? false : 10_000,
          onClick: open,
          style: { cursor: "pointer" },
          "data-testid": "task-end-notice",
        });
        notifyInBrowser(ending.title, ending.message, open);
      }
    }
    const fresh = endings.filter((ending) => !seenAt(ending, pathname));
    setUnseen((current) => [...current.filter((e) => !fresh.some((n) => n.id === e.id)), ...fresh]);
  }, [updates.data, userId, since, navigate, pathname]);

  // Going to the tasks list, or to a task's page, is seeing what ended (state adjusted while rendering).
  const [lastPath, setLastPath] = useState(pathname);
  if (pathname !== lastPath) {
    setLastPath(pathname);
    const next = unseen.filter((ending) => !seenAt(ending, pathname));
    if (next.length !== unseen.length) setUnseen(next);
  }

  useEffect(() => {
    setTabNotice(unseen.length, badgeFor(unseen));
  }, [unseen]);
  useEffect(
    () => () => {
      setTabNotice(0, null);
    },
    [],
  );
}
