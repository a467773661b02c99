import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { fromValue } from "wonka";
import { TaskDetail } from "@/features/tasks/components/task-detail";
import { renderWithProviders } from "@/testing/render";
import { createTestClient, dataResult, operationName, type TestClient } from "@/testing/test-client";

const HEX = "0123456789abcdef".repeat(4);
const TASK_ID = btoa("AlgorithmTask:12");

function task(fields: Record<string, unknown> = {}) {
  return {
    __typename: "AlgorithmTask",
    id: TASK_ID,
    status: "SUCCEEDED",
    exitCode: 0,
    failureReason: "",
    createdAt: "2026-01-01T00:00:00Z",
    queuedAt: "2026-01-01T00:00:00Z",
    startedAt: "2026-01-01T00:00:01Z",
    finishedAt: "2026-01-01T00:00:03Z",
    logLineCount: 1,
    algorithm: null,
    spec: {
      __typename: "TaskSpec",
      digest: `sha256:${"f".repeat(64)}`,
      algorithmName: "Concatenate (deleted since)",
      imageName: "busybox",
      imageSource: "REFERENCE",
      imageRef: "registry.example.org/team/busybox:1.36",
      imageId: `sha256:${HEX}`,
      repoDigest: `registry.example.org/team/busybox@sha256:${HEX}`,
      command: ["/bin/sh", "-c", "cat input/* > output/all.txt"],
      entrypoint: null,
      environment: [{ __typename: "EnvironmentVariable", name: "GREETING", value: "hello world" }],
      gpu: false,
      network: true,
      memoryMb: 512,
      cpus: 1.5,
      timeoutS: 300,
    },
    specDigest: `sha256:${"f".repeat(64)}`,
    inputDigest: `sha256:${"e".repeat(64)}`,
    reusedFrom: { __typename: "AlgorithmTask", id: btoa("AlgorithmTask:7") },
    rerunOf: { __typename: "AlgorithmTask", id: btoa("AlgorithmTask:11") },
    inputDataset: {
      __typename: "Dataset",
      id: "RGF0YXNldDox",
      name: "inputs",
      fileCount: 2,
      size: 12,
      downloadUrl: "/d/1",
    },
    outputDataset: null,
    owner: { __typename: "User", id: "VXNlcjox", username: "ada" },
    ...fields,
  };
}

function client(rerunAnswer: Record<string, unknown>, taskFields: Record<string, unknown> = {}) {
  return createTestClient((operation) => {
    const name = operationName(operation);
    if (name === "Task") return fromValue(dataResult(operation, { task: task(taskFields) }));
    if (name === "RerunTask") return fromValue(dataResult(operation, { rerunTask: rerunAnswer }));
    return undefined;
  });
}

function rerunVariables(graphql: TestClient) {
  return graphql.operations.find((operation) => operationName(operation) === "RerunTask")?.variables;
}

describe("TaskDetail", () => {
  it("shows the recorded run spec and where the result came from", async () => {
    const graphql = client({});
    renderWithProviders(<TaskDetail id={TASK_ID} renderLogs={() => null} onRerunStarted={vi.fn()} />, {
      graphql,
    });

    // The algorithm was deleted: the name the spec recorded stands in.
    expect(await screen.findByRole("heading", { name: /Concatenate \(deleted since\)/ })).toBeInTheDocument();
    expect(screen.getByText("algorithm deleted")).toBeInTheDocument();

    const spec = screen.getByRole("table", { name: "Run spec" });
    const value = (label: string) => {
      const row = within(spec).getByRole("rowheader", { name: label }).closest("tr");
      if (!row) throw new Error(label);
      return row;
    };
    expect(value("Image")).toHaveTextContent("busybox");
    expect(value("Image")).toHaveTextContent("registry");
    expect(value("Image")).toHaveTextContent("registry.example.org/team/busybox:1.36");
    expect(within(value("Image id")).getByText(HEX.slice(0, 12))).toHaveAttribute("title", `sha256:${HEX}`);
    expect(value("Repo digest")).toHaveTextContent(`busybox@${HEX.slice(0, 12)}`);
    expect(value("Command")).toHaveTextContent("/bin/sh -c 'cat input/* > output/all.txt'");
    expect(value("Entrypoint")).toHaveTextContent("the image's ENTRYPOINT");
    expect(value("Environment")).toHaveTextContent("GREETING=hello world");
    expect(value("Resources")).toHaveTextContent("512 MB");
    expect(value("Resources")).toHaveTextContent("1.5 CPU");
    expect(value("Resources")).toHaveTextContent("timeout 5m 00s");
    expect(value("Resources")).toHaveTextContent("no GPU");
    expect(value("Resources")).toHaveTextContent("network");
    expect(value("Spec digest")).toHaveTextContent("f".repeat(12));
    expect(value("Input digest")).toHaveTextContent("e".repeat(12));

    const provenance = screen.getByTestId("task-provenance");
    expect(within(provenance).getByRole("link", { name: "task #7" })).toHaveAttribute("href", "/tasks/7");
    expect(provenance).toHaveTextContent("Reused from task #7");
    expect(provenance).toHaveTextContent("Re-run of task #11");
  });

  it("re-runs the task with the chosen options and opens the new task", async () => {
    const newId = btoa("AlgorithmTask:13");
    const graphql = client(
      { __typename: "AlgorithmTask", id: newId, status: "QUEUED" },
      { algorithm: { __typename: "Algorithm", id: "QWxnb3JpdGhtOjc=", name: "Concatenate" } },
    );
    const onRerunStarted = vi.fn();
    renderWithProviders(<TaskDetail id={TASK_ID} renderLogs={() => null} onRerunStarted={onRerunStarted} />, {
      graphql,
    });
    await userEvent.click(await screen.findByRole("button", { name: "Re-run" }));
    const dialog = await screen.findByRole("dialog", { name: "Re-run this task" });
    await userEvent.click(
      within(dialog).getByRole("checkbox", { name: "Use the algorithm's current definition" }),
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Re-run" }));
    await waitFor(() => {
      expect(onRerunStarted).toHaveBeenCalledWith(newId);
    });
    expect(rerunVariables(graphql)).toEqual({
      input: { id: TASK_ID, useCurrentAlgorithm: true, reuse: false },
    });
  });

  it("shows why a re-run was refused, and offers only the recorded spec once the algorithm is gone", async () => {
    const graphql = client({
      __typename: "OperationInfo",
      messages: [
        {
          kind: "VALIDATION",
          message: "The image this task ran was deleted or is not yours to use.",
          field: null,
          code: "no_image",
        },
      ],
    });
    const onRerunStarted = vi.fn();
    renderWithProviders(<TaskDetail id={TASK_ID} renderLogs={() => null} onRerunStarted={onRerunStarted} />, {
      graphql,
    });
    await userEvent.click(await screen.findByRole("button", { name: "Re-run" }));
    const dialog = await screen.findByRole("dialog", { name: "Re-run this task" });
    expect(
      within(dialog).getByRole("checkbox", { name: "Use the algorithm's current definition" }),
    ).toBeDisabled();
    await userEvent.click(
      within(dialog).getByRole("checkbox", { name: "Reuse an earlier identical result" }),
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Re-run" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "The image this task ran was deleted or is not yours to use.",
    );
    expect(rerunVariables(graphql)).toEqual({
      input: { id: TASK_ID, useCurrentAlgorithm: false, reuse: true },
    });
    expect(onRerunStarted).not.toHaveBeenCalled();
  });
});
