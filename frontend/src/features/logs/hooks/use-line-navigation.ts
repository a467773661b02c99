import { useCallback, useEffect, useLayoutEffect, useState } from "react";
import type { useFollowing } from "@/features/logs/hooks/use-follow-tail";
import { hashForLine, lineFromHash } from "@/features/logs/utils/line-anchor";
import { useLocation, useNavigate } from "react-router";

interface LineNavigationOptions {
  /** Lines in the log. */
  readonly count: number;
  /** Scrolls a line to the middle of the view (useLogWindow). */
  readonly scrollToLine: (line: number) => void;
  readonly follow: ReturnType<typeof useFollowing>;
}

/**
 * Moving the view to a line: a link to a line (#L123) opens the log there, highlighted, instead of
 * following the tail; clicking a line number or going to a line makes it the linked one; search
 * reveals its matches.
 */
export function useLineNavigation({ count, scrollToLine, follow }: LineNavigationOptions) {
  const { setFollowing, stopFollowing } = follow;
  const location = useLocation();
  const navigate = useNavigate();
  const [target, setTarget] = useState<number | null>(() => lineFromHash(location.hash));

  // Scroll to the linked line once the log knows it exists (the window around it is then paged in).
  const targetKnown = target !== null && target < count;
  useLayoutEffect(() => {
    if (target === null || !targetKnown) return;
    scrollToLine(target);
  }, [target, targetKnown, scrollToLine]);

  // Following the URL: a changed #L<n> (typed, or back/forward) moves the view.
  useEffect(() => {
    const line = lineFromHash(location.hash);
    if (line !== null) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- a new URL is an event from the router
      setTarget(line);
      setFollowing(false);
    }
  }, [location.hash, setFollowing]);

  const selectLine = useCallback(
    (index: number) => {
      stopFollowing();
      setTarget(index);
      void navigate({ hash: hashForLine(index) }, { replace: true });
    },
    [navigate, stopFollowing],
  );

  const goToLine = (line: number) => {
    selectLine(line);
    scrollToLine(line);
  };

  const revealLine = useCallback(
    (line: number) => {
      stopFollowing();
      scrollToLine(line);
    },
    [stopFollowing, scrollToLine],
  );

  return { target, selectLine, goToLine, revealLine };
}
