import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { fromValue } from "wonka";
import { TasksTable } from "@/features/tasks/components/tasks-table";
import type { TaskFieldsFragment, TaskStatus } from "@/gql/graphql";
import { renderWithProviders } from "@/testing/render";
import { createTestClient, dataResult, operationName } from "@/testing/test-client";

function task(pk: number, status: TaskStatus): TaskFieldsFragment & { __typename: "AlgorithmTask" } {
  return {
    __typename: "AlgorithmTask",
    id: btoa(`AlgorithmTask:${pk}`),
    status,
    exitCode: null,
    failureReason: "",
    createdAt: `2026-01-0${pk}T00:00:00Z`,
    queuedAt: null,
    startedAt: null,
    finishedAt: null,
    logLineCount: 0,
    algorithm: null,
    spec: { algorithmName: `algo ${pk}`, imageName: "busybox" },
    inputDataset: null,
    outputDataset: null,
    owner: { id: "u", username: "ada" },
  };
}

const TASKS = [task(3, "RUNNING"), task(2, "SUCCEEDED"), task(1, "QUEUED")];

/** Answers the tasks list with TASKS and a bulk cancel with one task cancelled, one already finished. */
function tasksClient() {
  return createTestClient((operation) => {
    const name = operationName(operation);
    if (name === "Tasks") {
      return fromValue(
        dataResult(operation, {
          tasks: {
            totalCount: TASKS.length,
            pageInfo: { hasNextPage: false, endCursor: null },
            edges: TASKS.map((node) => ({ node })),
          },
        }),
      );
    }
    if (name === "CancelTasks") {
      return fromValue(
        dataResult(operation, {
          cancelTasks: {
            __typename: "CancelTasksResult",
            cancelledCount: 1,
            results: [
              { id: TASKS[0]!.id, code: "CANCELLED", message: "Cancelled.", task: TASKS[0] },
              {
                id: TASKS[2]!.id,
                code: "FINISHED",
                message: "The task has already finished (failed).",
                task: TASKS[2],
              },
            ],
          },
        }),
      );
    }
    return undefined;
  });
}

describe("TasksTable", () => {
  it("sorts by a column through the API and cancels the selected tasks after confirming", async () => {
    const graphql = tasksClient();
    renderWithProviders(<TasksTable />, { graphql });
    const table = await screen.findByRole("table", { name: "Tasks" });
    const ops = (name: string) => graphql.operations.filter((op) => operationName(op) === name);

    // Sorting: the header says how (aria-sort) and the query asks the API for that order.
    const statusHeader = screen.getByRole("button", { name: "Sort by status" }).closest("th");
    expect(statusHeader).toHaveAttribute("aria-sort", "none");
    await userEvent.click(screen.getByRole("button", { name: "Sort by status" }));
    await waitFor(() => {
      expect(statusHeader).toHaveAttribute("aria-sort", "ascending");
    });
    expect(ops("Tasks").at(-1)?.variables).toMatchObject({
      ordering: [{ status: "ASC" }, { createdAt: "DESC" }],
    });

    // Only unfinished tasks have a checkbox.
    expect(within(table).getAllByRole("checkbox", { name: /Select task/ })).toHaveLength(2);
    await userEvent.click(within(table).getByRole("checkbox", { name: "Select task #3" }));
    await userEvent.click(within(table).getByRole("checkbox", { name: "Select task #1" }));
    await userEvent.click(screen.getByRole("button", { name: "Cancel selected (2)" }));
    const dialog = await screen.findByRole("dialog", { name: "Cancel 2 tasks?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Keep it" }));
    expect(ops("CancelTasks")).toHaveLength(0);

    await userEvent.click(screen.getByRole("button", { name: "Cancel selected (2)" }));
    await userEvent.click(await screen.findByRole("button", { name: "Cancel 2 tasks" }));
    await waitFor(() => {
      expect(ops("CancelTasks")).toHaveLength(1);
    });
    expect(ops("CancelTasks")[0]?.variables).toEqual({ ids: [TASKS[0]!.id, TASKS[2]!.id] });
  });

  it("on a phone, sorts from a menu and cancels the cards selected, after confirming", async () => {
    // A phone's width: Mantine's useMediaQuery reads it from matchMedia.
    const matchMedia = window.matchMedia.bind(window);
    vi.spyOn(window, "matchMedia").mockImplementation((query: string) =>
      Object.assign(matchMedia(query), { matches: query === "(max-width: 48em)" }),
    );
    const graphql = tasksClient();
    renderWithProviders(<TasksTable />, { graphql });
    const cards = await screen.findByRole("list", { name: "Tasks" });
    expect(screen.queryByRole("table", { name: "Tasks" })).not.toBeInTheDocument();
    const ops = (name: string) => graphql.operations.filter((op) => operationName(op) === name);

    // No headers to click: the sort is a menu, each column both ways.
    const sortMenu = screen.getByRole("textbox", { name: "Sort" });
    expect(sortMenu).toHaveValue("Created, newest first");
    await userEvent.click(sortMenu);
    await userEvent.click(await screen.findByRole("option", { name: "Status, Z to A" }));
    await waitFor(() => {
      expect(ops("Tasks").at(-1)?.variables).toMatchObject({
        ordering: [{ status: "DESC" }, { createdAt: "DESC" }],
      });
    });
    expect(sortMenu).toHaveValue("Status, Z to A");

    // Only unfinished tasks can be selected; "All" takes every one of them on the page.
    expect(within(cards).getAllByRole("checkbox", { name: /Select task/ })).toHaveLength(2);
    await userEvent.click(screen.getByRole("checkbox", { name: "Select all unfinished tasks on this page" }));
    expect(within(cards).getByRole("checkbox", { name: "Select task #3" })).toBeChecked();
    expect(within(cards).getByRole("checkbox", { name: "Select task #1" })).toBeChecked();
    await userEvent.click(screen.getByRole("button", { name: "Cancel selected (2)" }));
    const dialog = await screen.findByRole("dialog", { name: "Cancel 2 tasks?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Keep it" }));
    expect(ops("CancelTasks")).toHaveLength(0);

    await userEvent.click(within(cards).getByRole("checkbox", { name: "Select task #1" }));
    await userEvent.click(screen.getByRole("button", { name: "Cancel selected (1)" }));
    await userEvent.click(await screen.findByRole("button", { name: "Cancel 1 task" }));
    await waitFor(() => {
      expect(ops("CancelTasks")).toHaveLength(1);
    });
    expect(ops("CancelTasks")[0]?.variables).toEqual({ ids: [TASKS[0]!.id] });
  });
});
