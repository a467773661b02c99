import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { DatasetLineage, MadeBy } from "@/features/datasets/components/dataset-lineage";
import { renderWithProviders } from "@/testing/render";

const taskId = (pk: number) => btoa(`AlgorithmTask:${pk}`);
const datasetId = (pk: number) => btoa(`Dataset:${pk}`);

function step(pk: number, input: number | null, algorithm: string | null) {
  return {
    id: taskId(pk),
    status: "SUCCEEDED" as const,
    createdAt: "2026-01-01T00:00:00Z",
    reusedFrom: pk === 9 ? { id: taskId(4) } : null,
    algorithm: algorithm ? { id: `alg-${pk}`, name: algorithm } : null,
    spec: { algorithmName: `recorded-${pk}`, imageName: "busybox", digest: `sha256:${"a".repeat(64)}` },
    inputDataset: input === null ? null : { id: datasetId(input), name: `dataset-${input}` },
  };
}

describe("dataset provenance", () => {
  it("links the task that made the dataset", () => {
    renderWithProviders(<MadeBy producedBy={{ id: taskId(9) }} />);
    expect(screen.getByTestId("made-by")).toHaveTextContent("Made by task #9");
    expect(screen.getByRole("link", { name: "task #9" })).toHaveAttribute("href", "/tasks/9");
  });

  it("says nothing for an uploaded dataset", () => {
    renderWithProviders(<MadeBy producedBy={null} />);
    expect(screen.queryByText(/Made by/)).not.toBeInTheDocument();
  });

  it("walks back through tasks and their inputs, nearest first", () => {
    renderWithProviders(
      <DatasetLineage lineage={[step(9, 5, "Summarise"), step(3, 1, null)]} maxDepth={10} />,
    );
    const section = screen.getByRole("region", { name: "Lineage" });
    const links = within(section).getAllByRole("link");
    expect(links.map((link) => link.textContent)).toEqual(["task #9", "dataset-5", "task #3", "dataset-1"]);
    expect(within(section).getByText("Summarise")).toBeInTheDocument();
    // A deleted algorithm: the name its task recorded.
    expect(within(section).getByText("recorded-3")).toBeInTheDocument();
    expect(within(section).getByText("reused")).toBeInTheDocument();
    expect(section).toHaveTextContent("dataset-1 was uploaded");
  });
});
