import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ResourcePanel } from "@/features/tasks/components/resource-panel";
import { renderWithProviders } from "@/testing/render";

const MB = 1024 * 1024;

describe("ResourcePanel", () => {
  it("shows the peak memory beside the limit and CPU and memory over the run", () => {
    renderWithProviders(
      <ResourcePanel
        resources={{
          peakMemoryBytes: 450 * MB,
          memoryLimitBytes: 512 * MB,
          samples: [
            { seconds: 0, cpuPercent: 5, memoryBytes: 10 * MB },
            { seconds: 30, cpuPercent: 180, memoryBytes: 450 * MB },
            { seconds: 60, cpuPercent: 90, memoryBytes: 200 * MB },
          ],
        }}
      />,
    );
    expect(screen.getByTestId("peak-memory")).toHaveTextContent("450 MB of 512 MB (88%)");
    expect(screen.getByText(/CPU \(peak 180% of one CPU\)/)).toBeInTheDocument();
    expect(screen.getByRole("img", { name: "CPU over the run" }).querySelector("polyline")).toHaveAttribute(
      "points",
    );
    expect(screen.getByRole("img", { name: "Memory over the run" })).toBeInTheDocument();
    expect(screen.getByText(/3 samples over 1m 00s/)).toBeInTheDocument();
  });

  it("says when there is nothing yet", () => {
    renderWithProviders(<ResourcePanel resources={null} />);
    expect(screen.getByRole("region", { name: "Resources" })).toHaveTextContent("once the container runs");
  });
});
