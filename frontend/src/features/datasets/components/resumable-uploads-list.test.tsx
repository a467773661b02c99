import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ResumableUploadsList } from "@/features/datasets/components/resumable-uploads-list";
import { renderWithProviders } from "@/testing/render";

const item = {
  path: "scan.bin",
  size: 40 * 1024 * 1024,
  loaded: 10 * 1024 * 1024,
  phase: "paused",
  error: null,
  resumes: false,
} as const;

describe("ResumableUploadsList", () => {
  it("discards a paused upload only once confirmed", async () => {
    const onDiscard = vi.fn();
    renderWithProviders(
      <ResumableUploadsList
        items={[item]}
        running={false}
        paused
        onPause={vi.fn()}
        onResume={vi.fn()}
        onDiscard={onDiscard}
      />,
    );
    expect(screen.getByText(/Paused · 10\.0 MB \/ 40\.0 MB/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Discard the upload" }));
    await userEvent.click(screen.getByRole("button", { name: "Keep" }));
    expect(onDiscard).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: "Discard the upload" }));
    await userEvent.click(screen.getByRole("button", { name: "Discard" }));
    expect(onDiscard).toHaveBeenCalledTimes(1);
  });

  it("offers nothing to discard once the upload is done", () => {
    renderWithProviders(
      <ResumableUploadsList
        items={[{ ...item, phase: "done", loaded: item.size }]}
        running={false}
        paused={false}
        onPause={vi.fn()}
        onResume={vi.fn()}
        onDiscard={vi.fn()}
      />,
    );
    expect(screen.queryByRole("button", { name: "Discard the upload" })).not.toBeInTheDocument();
  });
});
