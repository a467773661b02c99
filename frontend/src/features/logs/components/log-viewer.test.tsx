import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LogViewer } from "@/features/logs/components/log-viewer";
import { LINE_HEIGHT } from "@/features/logs/hooks/use-log-window";
import type { LogStream } from "@/gql/graphql";
import { renderWithProviders, type Rendered } from "@/testing/render";
import { mockScrollLayout } from "@/testing/scroll-layout";
import { createTestClient, dataResult, operationName } from "@/testing/test-client";
import { fromValue } from "wonka";

const VIEWPORT = 10 * LINE_HEIGHT;
const TASK = "QWxnb3JpdGhtVGFzazox";

interface Line {
  index: number;
  stream: LogStream;
  text: string;
}

function lines(from: number, to: number, stream: LogStream = "STDOUT"): Line[] {
  return Array.from({ length: to - from }, (_, i) => ({ index: from + i, stream, text: `line ${from + i}` }));
}

/** The open taskLogs subscriptions (StrictMode opens, closes and reopens the first one). */
function logSubscriptions(view: Rendered) {
  return view.graphql.subscriptions.filter((s) => operationName(s.operation) === "TaskLogs" && !s.closed);
}

/** Lines as the subscription sends them: runs of one stream, texts joined by newlines. */
function runs(batch: Line[]) {
  const out: { __typename: "LogRun"; stream: LogStream; text: string }[] = [];
  for (const line of batch) {
    const last = out.at(-1);
    if (last?.stream === line.stream) last.text += `\n${line.text}`;
    else out.push({ __typename: "LogRun", stream: line.stream, text: line.text });
  }
  return out;
}

function push(view: Rendered, batch: Line[], done = false) {
  const current = logSubscriptions(view).at(-1);
  if (!current) throw new Error("no taskLogs subscription is open");
  act(() => {
    current.subject.next(
      dataResult(current.operation, {
        taskLogs: {
          __typename: "LogBatch",
          taskId: TASK,
          fromLine: batch[0]?.index ?? 0,
          done,
          runs: runs(batch),
        },
      }),
    );
  });
}

function scroller() {
  return screen.getByTestId("log-scroller");
}

async function lineCount(count: number) {
  await waitFor(() => {
    expect(screen.getByTestId("log-count")).toHaveTextContent(`${count.toLocaleString()} line`);
  });
}

/** A new log's viewer, once its subscription is open. */
async function openNewLog(): Promise<Rendered> {
  const view = renderWithProviders(<LogViewer taskId={TASK} initialCount={0} />);
  await waitFor(() => {
    expect(logSubscriptions(view)).toHaveLength(1);
  });
  return view;
}

/** A new log's viewer following its tail, once its first `count` lines arrived. */
async function openFollowing(count: number): Promise<Rendered> {
  const view = await openNewLog();
  push(view, lines(0, count));
  await lineCount(count);
  await waitFor(() => {
    expect(scroller().scrollTop).toBe(count * LINE_HEIGHT - VIEWPORT);
  });
  return view;
}

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = mockScrollLayout("log-scroller", VIEWPORT);
});
afterEach(() => {
  restoreLayout();
});

describe("LogViewer", () => {
  it("subscribes from the start of a new log and renders lines with line numbers", async () => {
    const view = await openNewLog();
    expect(logSubscriptions(view)[0]?.operation.variables).toEqual({ taskId: TASK, fromLine: 0 });
    push(view, lines(0, 3));
    await lineCount(3);
    const row = within(scroller()).getByText("line 2").closest("[data-index]");
    expect(row).toHaveAttribute("data-index", "2");
    expect(row).toHaveTextContent("3line 2");
  });

  it("follows the tail, stops when the user scrolls up, and jumps back to the latest", async () => {
    const view = await openFollowing(50);
    expect(scroller()).toHaveAttribute("data-following", "true");

    push(view, lines(50, 80));
    await waitFor(() => {
      expect(scroller().scrollTop).toBe(80 * LINE_HEIGHT - VIEWPORT);
    });
    expect(screen.queryByRole("button", { name: /Jump to latest/ })).not.toBeInTheDocument();

    // The user scrolls up: the view stays where they put it while lines keep coming.
    fireEvent.wheel(scroller(), { deltaY: -120 });
    act(() => {
      scroller().scrollTop = 100;
    });
    expect(scroller()).toHaveAttribute("data-following", "false");
    push(view, lines(80, 120));
    await lineCount(120);
    expect(scroller().scrollTop).toBe(100);
    const jump = await screen.findByRole("button", { name: /Jump to latest \(40 new\)/ });

    await userEvent.click(jump);
    await waitFor(() => {
      expect(scroller().scrollTop).toBe(120 * LINE_HEIGHT - VIEWPORT);
    });
    expect(scroller()).toHaveAttribute("data-following", "true");
    expect(screen.queryByRole("button", { name: /Jump to latest/ })).not.toBeInTheDocument();
  });

  it("while following, a batch far past the view renders the new tail before the scroll event lands", async () => {
    const view = await openFollowing(50);
    // What the browser would paint when the follow moved the view: the rows in it at that moment.
    const seenAtScroll: boolean[] = [];
    const check = (event: Event) => {
      if (event.target !== scroller()) return;
      const top = scroller().scrollTop;
      const visible = [...scroller().querySelectorAll<HTMLElement>("[data-index]")].filter((row) => {
        const start = Number(row.dataset.index) * LINE_HEIGHT;
        return start + LINE_HEIGHT > top && start < top + VIEWPORT && /line \d+/.test(row.textContent);
      });
      seenAtScroll.push(visible.length > 0);
    };
    document.addEventListener("scroll", check, true);
    try {
      push(view, lines(50, 3000));
      await lineCount(3000);
      await waitFor(() => {
        expect(scroller().scrollTop).toBe(3000 * LINE_HEIGHT - VIEWPORT);
      });
    } finally {
      document.removeEventListener("scroll", check, true);
    }
    expect(seenAtScroll.length).toBeGreaterThan(0);
    expect(seenAtScroll.every(Boolean)).toBe(true);
    expect(within(scroller()).getByText("line 2999")).toBeInTheDocument();
  });

  it("goes to a line, links it (#L<n>) and highlights it; the stderr filter shows only stderr", async () => {
    const view = await openNewLog();
    push(view, [...lines(0, 100), ...lines(100, 103, "STDERR"), ...lines(103, 200)]);
    await lineCount(200);

    await userEvent.type(screen.getByRole("textbox", { name: "Go to line" }), "40{Enter}");
    const row = await within(scroller()).findByText("line 39");
    await waitFor(() => {
      expect(row.closest("[data-line]")).toHaveAttribute("data-target", "true");
    });
    expect(scroller()).toHaveAttribute("data-following", "false");

    await userEvent.click(within(scroller()).getByRole("link", { name: "Link to line 42" }));
    await waitFor(() => {
      expect(within(scroller()).getByText("line 41").closest("[data-line]")).toHaveAttribute(
        "data-target",
        "true",
      );
    });

    await userEvent.click(screen.getByRole("radio", { name: "stderr" }));
    await waitFor(() => {
      expect(scroller().querySelectorAll("[data-line]")).toHaveLength(3);
    });
    expect(scroller()).toHaveTextContent("line 100");
    expect(scroller()).toHaveTextContent("line 102");
    expect(scroller()).not.toHaveTextContent("line 99");
  });

  it("searches the whole stored log on the server: match k of n, paging to matches not in memory", async () => {
    const graphql = createTestClient((operation) => {
      if (operationName(operation) !== "TaskLogSearch") return undefined;
      const after = (operation.variables as { after: number | null } | undefined)?.after ?? null;
      const page = after === null ? { before: 0, lines: [5, 50] } : { before: 2, lines: [150_000] };
      return fromValue(
        dataResult(operation, {
          task: {
            __typename: "AlgorithmTask",
            id: TASK,
            logSearch: {
              __typename: "LogSearchResult",
              totalCount: 3,
              matchesBefore: page.before,
              nextAfter: null,
              matches: page.lines.map((index) => ({ __typename: "LogLine", index })),
            },
          },
        }),
      );
    });
    const view = renderWithProviders(<LogViewer taskId={TASK} initialCount={200_000} />, { graphql });
    await waitFor(() => {
      expect(logSubscriptions(view)).toHaveLength(1);
    });
    await userEvent.type(screen.getByRole("textbox", { name: "Search the log" }), "needle");
    await waitFor(() => {
      expect(screen.getByTestId("log-match-count")).toHaveTextContent("1/3");
    });
    await userEvent.click(screen.getByRole("button", { name: "Next match" }));
    expect(screen.getByTestId("log-match-count")).toHaveTextContent("2/3");
    await userEvent.click(screen.getByRole("button", { name: "Next match" }));
    await waitFor(() => {
      expect(screen.getByTestId("log-match-count")).toHaveTextContent("3/3");
    });
    const searches = view.graphql.operations.filter((op) => operationName(op) === "TaskLogSearch");
    expect(searches.at(-1)?.variables).toMatchObject({ query: "needle", after: 50 });
    // The view went to the match far outside memory (its window is then paged in).
    await waitFor(() => {
      expect(scroller().scrollTop).toBeGreaterThan(149_000 * LINE_HEIGHT);
    });
  });

  it("renders ANSI colours as styled spans and marks stderr, system and truncation lines", async () => {
    const view = await openNewLog();
    push(view, [
      { index: 0, stream: "STDOUT", text: "\u001b[31mred\u001b[0m and \u001b[1;32mbold green\u001b[0m" },
      { index: 1, stream: "STDERR", text: "something failed" },
      { index: 2, stream: "SYSTEM", text: "container started" },
      { index: 3, stream: "SYSTEM", text: "[oasis] log truncated at 50 MB" },
      { index: 4, stream: "STDOUT", text: "<b>not html</b>" },
    ]);
    await lineCount(5);
    const red = within(scroller()).getByText("red");
    expect(red.tagName).toBe("SPAN");
    expect(red).toHaveStyle({ color: "rgb(255, 123, 114)" });
    const green = within(scroller()).getByText("bold green");
    expect(green).toHaveStyle({ fontWeight: "700" });
    expect(scroller()).not.toHaveTextContent("\u001b");
    expect(scroller().querySelector("b")).toBeNull();
    expect(within(scroller()).getByText("<b>not html</b>")).toBeInTheDocument();

    const rowOf = (text: string) => within(scroller()).getByText(text).closest("[data-index]");
    expect(rowOf("something failed")).toHaveAttribute("data-stream", "STDERR");
    expect(rowOf("container started")).toHaveAttribute("data-stream", "SYSTEM");
    expect(rowOf("[oasis] log truncated at 50 MB")).toHaveAttribute("data-marker", "true");
    expect(rowOf("container started")).toHaveAttribute("data-marker", "false");
  });

  it("searches with highlights and moves to the next and previous match", async () => {
    const view = await openNewLog();
    push(view, [
      ...lines(0, 5),
      { index: 5, stream: "STDOUT", text: "needle one" },
      ...lines(6, 40),
      { index: 40, stream: "STDERR", text: "a \u001b[33mneedle\u001b[0m and a NEEDLE" },
      ...lines(41, 60),
    ]);
    await lineCount(60);

    const search = screen.getByRole("textbox", { name: "Search the log" });
    await userEvent.type(search, "needle");
    await waitFor(() => {
      expect(screen.getByTestId("log-match-count")).toHaveTextContent("1/3");
    });
    // The first match is active and scrolled into view; the view no longer follows the tail.
    await waitFor(() => {
      expect(scroller().querySelector('mark[data-highlight="active"]')).toHaveTextContent("needle");
    });
    expect(scroller().querySelectorAll("mark").length).toBeGreaterThanOrEqual(1);

    await userEvent.click(screen.getByRole("button", { name: "Next match" }));
    expect(screen.getByTestId("log-match-count")).toHaveTextContent("2/3");
    await waitFor(() => {
      const active = scroller().querySelector('mark[data-highlight="active"]');
      expect(active?.closest("[data-index]")).toHaveAttribute("data-index", "40");
    });
    expect(scroller()).toHaveAttribute("data-following", "false");

    await userEvent.type(search, "{Enter}");
    expect(screen.getByTestId("log-match-count")).toHaveTextContent("3/3");
    expect(scroller().querySelector('mark[data-highlight="active"]')).toHaveTextContent("NEEDLE");

    await userEvent.click(screen.getByRole("button", { name: "Next match" }));
    expect(screen.getByTestId("log-match-count")).toHaveTextContent("1/3");

    await userEvent.click(screen.getByRole("button", { name: "Previous match" }));
    expect(screen.getByTestId("log-match-count")).toHaveTextContent("3/3");
    await userEvent.type(search, "{Shift>}{Enter}{/Shift}");
    expect(screen.getByTestId("log-match-count")).toHaveTextContent("2/3");
  });

  it("de-duplicates lines by index and resubscribes after a drop from the next line", async () => {
    const view = await openNewLog();
    push(view, lines(0, 10));
    push(view, lines(5, 15)); // overlaps the first batch
    await lineCount(15);
    expect(within(scroller()).getAllByText("line 7")).toHaveLength(1);

    act(() => {
      view.live.fireClosed();
    });
    await waitFor(() => {
      expect(logSubscriptions(view)[0]?.operation.variables).toEqual({ taskId: TASK, fromLine: 15 });
    });
    expect(logSubscriptions(view)).toHaveLength(1);
    expect(screen.getByTestId("log-status")).toHaveAttribute("data-status", "reconnecting");

    // The server may resend what it had in flight; nothing is doubled and nothing is missing.
    push(view, lines(13, 20));
    push(view, lines(20, 22), true);
    await lineCount(22);
    await waitFor(() => {
      expect(screen.getByTestId("log-status")).toHaveAttribute("data-status", "done");
    });
    for (let i = 12; i < 22; i += 1) expect(within(scroller()).getAllByText(`line ${i}`)).toHaveLength(1);

    // A finished stream is not resumed.
    const opened = view.graphql.subscriptions.length;
    act(() => {
      view.live.fireClosed();
    });
    expect(view.graphql.subscriptions).toHaveLength(opened);
  });

  it("opens a long log at its tail and pages older lines in with logLines", async () => {
    const view = renderWithProviders(<LogViewer taskId={TASK} initialCount={10_000} />, {});
    await waitFor(() => {
      expect(logSubscriptions(view)).toHaveLength(1);
    });
    // Only the newest lines are replayed over the socket.
    expect(logSubscriptions(view)[0]?.operation.variables).toEqual({ taskId: TASK, fromLine: 8000 });
    await lineCount(10_000);
    push(view, lines(8000, 10_000), true);
    await waitFor(() => {
      expect(within(scroller()).getByText("line 9999")).toBeInTheDocument();
    });

    // Scrolling to the top asks for the first chunk.
    fireEvent.wheel(scroller(), { deltaY: -120 });
    act(() => {
      scroller().scrollTop = 0;
    });
    await waitFor(() => {
      const pages = view.graphql.operations.filter((op) => operationName(op) === "TaskLogLines");
      expect(pages.map((op) => op.variables)).toContainEqual({ id: TASK, fromLine: 0, limit: 1000 });
    });
  });
});
