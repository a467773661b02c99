import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { fromValue } from "wonka";
import { DatasetDetail } from "@/features/datasets/components/dataset-detail";
import { renderWithProviders } from "@/testing/render";
import { createTestClient, dataResult, operationName, type TestClient } from "@/testing/test-client";

const DATASET_ID = btoa("Dataset:3");

function file(path: string) {
  return {
    __typename: "DatasetFile",
    id: btoa(`DatasetFile:${path}`),
    path,
    size: 10,
    sha256: "0".repeat(64),
    downloadUrl: `/files/${path}`,
  };
}

/** The dataset with one page of its two files: the first (`after` null) or the second. */
function dataset(after: string | null) {
  const page = after === null ? [file("inputs/a.txt")] : [file("inputs/b.txt")];
  const endCursor = after === null ? "c1" : null;
  return {
    __typename: "Dataset",
    id: DATASET_ID,
    name: "scans",
    size: 20,
    fileCount: 2,
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-02T00:00:00Z",
    downloadUrl: "/datasets/3.zip",
    owner: { __typename: "User", id: "VXNlcjox", username: "ada" },
    files: {
      __typename: "DatasetFileConnection",
      totalCount: 2,
      pageInfo: { __typename: "PageInfo", hasNextPage: endCursor !== null, endCursor },
      edges: page.map((node) => ({ __typename: "DatasetFileEdge", node })),
    },
  };
}

/** Answers the dataset's queries, and each mutation named in `answers` with that data. */
function client({ found = true, answers = {} }: { found?: boolean; answers?: Record<string, unknown> } = {}) {
  return createTestClient((operation) => {
    const name = operationName(operation);
    if (name === "Dataset") {
      const { after } = operation.variables as { after: string | null };
      return fromValue(dataResult(operation, { dataset: found ? dataset(after) : null }));
    }
    if (name === "DatasetLineage") {
      const lineage = { __typename: "Dataset", id: DATASET_ID, producedBy: null, lineage: [] };
      return fromValue(dataResult(operation, { dataset: found ? lineage : null }));
    }
    if (name && name in answers) {
      return fromValue(dataResult(operation, answers[name] as Record<string, unknown>));
    }
    return undefined;
  });
}

function operationsNamed(graphql: TestClient, name: string) {
  return graphql.operations.filter((operation) => operationName(operation) === name);
}

describe("DatasetDetail", () => {
  it("shows the dataset and loads its files a page at a time", async () => {
    const user = userEvent.setup();
    renderWithProviders(<DatasetDetail id={DATASET_ID} onDeleted={vi.fn()} />, { graphql: client() });

    expect(await screen.findByRole("heading", { name: "scans" })).toBeInTheDocument();
    expect(screen.getByText(/^Created .* by ada$/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Download zip" })).toHaveAttribute("href", "/datasets/3.zip");
    expect(screen.getByRole("heading", { name: "Files" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Preview inputs/a.txt" })).toBeInTheDocument();
    expect(screen.queryByTestId("made-by")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Load more files (1 of 2)" }));
    expect(await screen.findByRole("button", { name: "Preview inputs/b.txt" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Preview inputs/a.txt" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Load more files/ })).not.toBeInTheDocument();
  });

  it("removes the selected files, then fetches the list again", async () => {
    const user = userEvent.setup();
    const removed = { __typename: "Dataset", id: DATASET_ID, fileCount: 1, size: 10 };
    const graphql = client({ answers: { RemoveDatasetFiles: { removeDatasetFiles: removed } } });
    renderWithProviders(<DatasetDetail id={DATASET_ID} onDeleted={vi.fn()} />, { graphql });

    expect(await screen.findByText("Select files to remove them")).toBeInTheDocument();
    await user.click(screen.getByRole("checkbox", { name: "Select inputs/a.txt" }));
    expect(screen.getByText("1 selected")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Clear" }));
    expect(screen.getByText("Select files to remove them")).toBeInTheDocument();

    await user.click(screen.getByRole("checkbox", { name: "Select inputs/a.txt" }));
    const fetched = operationsNamed(graphql, "Dataset").length;
    await user.click(screen.getByRole("button", { name: "Remove selected" }));

    await waitFor(() => {
      expect(operationsNamed(graphql, "Dataset").length).toBeGreaterThan(fetched);
    });
    expect(operationsNamed(graphql, "RemoveDatasetFiles")[0]?.variables).toEqual({
      input: { id: DATASET_ID, paths: ["inputs/a.txt"] },
    });
    expect(screen.getByText("Select files to remove them")).toBeInTheDocument();
  });

  it("opens and closes the add-files form", async () => {
    const user = userEvent.setup();
    renderWithProviders(<DatasetDetail id={DATASET_ID} onDeleted={vi.fn()} />, { graphql: client() });

    const toggle = await screen.findByRole("button", { name: "Add files" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "false");
  });

  it("deletes the dataset once confirmed", async () => {
    const user = userEvent.setup();
    const onDeleted = vi.fn();
    const deleted = { __typename: "Deleted", id: DATASET_ID };
    const graphql = client({ answers: { DeleteDataset: { deleteDataset: deleted } } });
    renderWithProviders(<DatasetDetail id={DATASET_ID} onDeleted={onDeleted} />, { graphql });

    await user.click(await screen.findByRole("button", { name: "Delete" }));
    expect(screen.getByText(/“scans” and its 2 files will be deleted/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Delete dataset" }));

    await waitFor(() => {
      expect(onDeleted).toHaveBeenCalledTimes(1);
    });
    expect(operationsNamed(graphql, "DeleteDataset")[0]?.variables).toEqual({ id: DATASET_ID });
  });

  it("says so when there is no such dataset", async () => {
    renderWithProviders(<DatasetDetail id={DATASET_ID} onDeleted={vi.fn()} />, {
      graphql: client({ found: false }),
    });
    expect(await screen.findByText("Dataset not found")).toBeInTheDocument();
  });
});
