import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { fromValue } from "wonka";
import { RunAlgorithmModal } from "@/features/algorithms/components/run-algorithm-modal";
import { renderWithProviders } from "@/testing/render";
import { createTestClient, dataResult, operationName, type TestClient } from "@/testing/test-client";

const ALGORITHM = { id: "QWxnb3JpdGhtOjc=", name: "Concatenate", cacheResults: true };
const DATASET = "RGF0YXNldDoz";

function client(runAnswer: Record<string, unknown>) {
  return createTestClient((operation) => {
    const name = operationName(operation);
    if (name === "RunDatasetOptions") {
      return fromValue(
        dataResult(operation, {
          datasets: {
            __typename: "DatasetConnection",
            totalCount: 1,
            edges: [
              {
                __typename: "DatasetEdge",
                node: { __typename: "Dataset", id: DATASET, name: "inputs", fileCount: 2, size: 12 },
              },
            ],
          },
        }),
      );
    }
    if (name === "RunAlgorithm") return fromValue(dataResult(operation, { runAlgorithm: runAnswer }));
    return undefined;
  });
}

function runVariables(graphql: TestClient) {
  return graphql.operations.filter((operation) => operationName(operation) === "RunAlgorithm").at(-1)
    ?.variables;
}

async function chooseDatasetAndRun() {
  await userEvent.click(screen.getByRole("textbox", { name: "Input dataset" }));
  await userEvent.click(await screen.findByRole("option", { name: /inputs/ }));
  await userEvent.click(screen.getByRole("button", { name: "Run" }));
}

describe("RunAlgorithmModal", () => {
  it("leaves reuse to the algorithm unless the user changes it", async () => {
    const graphql = client({ __typename: "AlgorithmTask", id: "QWxnb3JpdGhtVGFzazo5", status: "QUEUED" });
    const onStarted = vi.fn();
    renderWithProviders(<RunAlgorithmModal algorithm={ALGORITHM} onClose={vi.fn()} onStarted={onStarted} />, {
      graphql,
    });
    const reuse = await screen.findByRole("checkbox", { name: "Reuse an earlier identical result" });
    expect(reuse).toBeChecked(); // the algorithm's cacheResults
    await chooseDatasetAndRun();
    await waitFor(() => {
      expect(onStarted).toHaveBeenCalledWith("QWxnb3JpdGhtVGFzazo5");
    });
    expect(runVariables(graphql)).toEqual({
      input: { algorithmId: ALGORITHM.id, inputDatasetId: DATASET, reuse: null },
    });

    await userEvent.click(reuse);
    await userEvent.click(screen.getByRole("button", { name: "Run" }));
    await waitFor(() => {
      expect(runVariables(graphql)).toMatchObject({ input: { reuse: false } });
    });
  });

  it("says clearly why the server refused the algorithm (its image is not ready)", async () => {
    const message = "The image busybox is still being prepared; try again when it is ready.";
    const graphql = client({
      __typename: "OperationInfo",
      messages: [{ kind: "VALIDATION", message, field: "algorithmId", code: "invalid" }],
    });
    const onStarted = vi.fn();
    renderWithProviders(<RunAlgorithmModal algorithm={ALGORITHM} onClose={vi.fn()} onStarted={onStarted} />, {
      graphql,
    });
    await chooseDatasetAndRun();
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("This algorithm cannot run yet")).toBeInTheDocument();
    expect(alert).toHaveTextContent(message);
    expect(onStarted).not.toHaveBeenCalled();
  });

  it("shows the limits the task runs with, and asks for a dataset before sending", async () => {
    const graphql = client({});
    const algorithm = { ...ALGORITHM, memoryMb: 2048, cpus: 0.5, timeoutS: 90 };
    renderWithProviders(<RunAlgorithmModal algorithm={algorithm} onClose={vi.fn()} onStarted={vi.fn()} />, {
      graphql,
    });
    expect(await screen.findByTestId("run-limits")).toHaveTextContent(
      "Runs with 2,048 MB of memory and 0.5 CPUs, stopped after 1m 30s",
    );
    await userEvent.click(screen.getByRole("button", { name: "Run" }));
    expect(screen.getByRole("textbox", { name: "Input dataset" })).toHaveAccessibleDescription(
      expect.stringContaining("Choose the dataset to run on."),
    );
    expect(runVariables(graphql)).toBeUndefined();
  });
});
