import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { CancelTaskButton } from "@/features/tasks/components/cancel-task-button";
import { renderWithProviders } from "@/testing/render";
import { operationName } from "@/testing/test-client";

const TASK = "QWxnb3JpdGhtVGFzazox";

describe("CancelTaskButton", () => {
  it("asks first; keeping the task sends nothing, confirming cancels it", async () => {
    const view = renderWithProviders(<CancelTaskButton taskId={TASK} ariaLabel="Cancel task #1" />);
    const cancels = () => view.graphql.operations.filter((op) => operationName(op) === "CancelTask");

    await userEvent.click(screen.getByRole("button", { name: "Cancel task #1" }));
    const dialog = await screen.findByRole("dialog", { name: "Cancel task #1?" });
    expect(dialog).toHaveTextContent("cannot be resumed");
    await userEvent.click(screen.getByRole("button", { name: "Keep running" }));
    await waitFor(() => {
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });
    expect(cancels()).toHaveLength(0);

    await userEvent.click(screen.getByRole("button", { name: "Cancel task #1" }));
    await userEvent.click(await screen.findByRole("button", { name: /^Cancel task$/ }));
    await waitFor(() => {
      expect(cancels()).toHaveLength(1);
    });
    expect(cancels()[0]?.variables).toEqual({ id: TASK });
  });
});
