import { Button } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useNavigate } from "react-router";
import { describe, expect, it } from "vitest";
import { useTaskEndNotices } from "@/features/tasks/hooks/use-task-end-notices";
import type { TaskFieldsFragment, TaskStatus } from "@/gql/graphql";
import { renderWithProviders } from "@/testing/render";
import { operationName } from "@/testing/test-client";
import { makeResult } from "@urql/core";

const ME = "VXNlcjox";

function task(status: TaskStatus, pk = 12): TaskFieldsFragment {
  return {
    id: btoa(`AlgorithmTask:${String(pk)}`),
    status,
    exitCode: status === "FAILED" ? 137 : null,
    failureReason: status === "FAILED" ? "Out of memory" : "",
    createdAt: new Date().toISOString(),
    queuedAt: null,
    startedAt: null,
    finishedAt: status === "RUNNING" ? null : new Date(Date.now() + 1000).toISOString(),
    logLineCount: 0,
    algorithm: { id: "QWxnb3JpdGhtOjE=", name: "concat" },
    spec: { algorithmName: "concat", imageName: "busybox" },
    inputDataset: { id: "RGF0YXNldDox", name: "inputs", fileCount: 1, size: 1, downloadUrl: "/d" },
    outputDataset: null,
    owner: { id: ME, username: "ada" },
  };
}

function Harness() {
  useTaskEndNotices(ME);
  const navigate = useNavigate();
  return (
    <>
      <Notifications />
      <Button onClick={() => void navigate("/tasks/12")}>Open the task</Button>
    </>
  );
}

describe("useTaskEndNotices", () => {
  it("notifies in the app and marks the tab when my task ends, until I open it", async () => {
    const { graphql } = renderWithProviders(<Harness />);
    const updates = () =>
      graphql.subscriptions.filter(
        (entry) => operationName(entry.operation) === "TaskUpdates" && !entry.closed,
      );
    await waitFor(() => {
      expect(updates().length).toBeGreaterThan(0);
    });
    const push = (status: TaskStatus) => {
      act(() => {
        for (const entry of updates()) {
          entry.subject.next(makeResult(entry.operation, { data: { taskUpdates: task(status) } }));
        }
      });
    };
    push("RUNNING");
    expect(document.title).toBe("OASIS");
    push("FAILED");

    expect(await screen.findByText("Task #12 failed")).toBeInTheDocument();
    expect(screen.getByText("concat on inputs: Out of memory")).toBeInTheDocument();
    await waitFor(() => {
      expect(document.title).toBe("(1) OASIS");
    });
    expect(document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.dataset.badge).toBe("failed");

    await userEvent.click(screen.getByRole("button", { name: "Open the task" }));
    await waitFor(() => {
      expect(document.title).toBe("OASIS");
    });
    expect(document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.dataset.badge).toBe("");
  });

  it("sums up many endings at once in one notice that keeps counting", async () => {
    const { graphql } = renderWithProviders(<Harness />);
    const updates = () =>
      graphql.subscriptions.filter(
        (entry) => operationName(entry.operation) === "TaskUpdates" && !entry.closed,
      );
    await waitFor(() => {
      expect(updates().length).toBeGreaterThan(0);
    });
    const push = (status: TaskStatus, pks: number[]) => {
      act(() => {
        for (const pk of pks) {
          for (const entry of updates()) {
            entry.subject.next(makeResult(entry.operation, { data: { taskUpdates: task(status, pk) } }));
          }
        }
      });
    };
    const pks = [21, 22, 23, 24, 25, 26];
    push("RUNNING", pks);
    push("CANCELLED", pks.slice(0, 5));
    expect(await screen.findByText("5 tasks ended")).toBeInTheDocument();
    expect(screen.getByText("5 cancelled")).toBeInTheDocument();
    expect(screen.queryByText("Task #21 cancelled")).not.toBeInTheDocument();
    push("FAILED", [26]); // soon after: counted in the same notice
    expect(await screen.findByText("6 tasks ended")).toBeInTheDocument();
    expect(screen.getByText("1 failed, 5 cancelled")).toBeInTheDocument();
    expect(screen.getAllByText(/tasks ended$/)).toHaveLength(1);
  });
});
