import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { fromValue } from "wonka";
import { AlgorithmForm } from "@/features/algorithms/components/algorithm-form";
import type { AlgorithmFieldsFragment } from "@/gql/graphql";
import { INSTALLATION_LIMITS } from "@/testing/limits";
import { renderWithProviders } from "@/testing/render";
import { createTestClient, dataResult, operationName } from "@/testing/test-client";

const IMAGE = {
  __typename: "DockerImage",
  id: "RG9ja2VySW1hZ2U6MQ==",
  name: "busybox",
  imageRef: "",
  source: "FILE",
  status: "READY",
  resolvedAt: "2026-01-01T00:00:00Z",
};

const EXISTING: AlgorithmFieldsFragment = {
  id: "QWxnb3JpdGhtOjc=",
  name: "Concatenate",
  description: "",
  command: "cat input/*",
  entrypoint: "",
  environment: { THREADS: "4", MODE: "fast" },
  gpu: false,
  memoryMb: 512,
  cpus: 1,
  timeoutS: 600,
  network: false,
  cacheResults: false,
  isPublic: false,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
  image: { id: IMAGE.id, name: "busybox", imageRef: "", status: "READY", resolvedAt: "2026-01-01T00:00:00Z" },
  owner: { id: "VXNlcjox", username: "ada" },
};

function client(mutationAnswer: Record<string, unknown>) {
  return createTestClient((operation) => {
    const name = operationName(operation);
    if (name === "AlgorithmLimits") {
      return fromValue(dataResult(operation, { installationLimits: INSTALLATION_LIMITS }));
    }
    if (name === "AlgorithmImageOptions") {
      return fromValue(
        dataResult(operation, {
          images: {
            __typename: "DockerImageConnection",
            totalCount: 1,
            edges: [
              {
                __typename: "DockerImageEdge",
                node: { ...IMAGE, owner: { __typename: "User", username: "ada" } },
              },
            ],
          },
        }),
      );
    }
    if (name === "CreateAlgorithm")
      return fromValue(dataResult(operation, { createAlgorithm: mutationAnswer }));
    if (name === "UpdateAlgorithm")
      return fromValue(dataResult(operation, { updateAlgorithm: mutationAnswer }));
    return undefined;
  });
}

function mutation(graphql: ReturnType<typeof createTestClient>, name: string) {
  return graphql.operations.find((operation) => operationName(operation) === name);
}

describe("AlgorithmForm", () => {
  it("edits the environment as rows and sends it as an object", async () => {
    const graphql = client({ ...EXISTING, __typename: "Algorithm" });
    const onSaved = vi.fn();
    renderWithProviders(<AlgorithmForm onSaved={onSaved} />, { graphql });

    await userEvent.type(screen.getByRole("textbox", { name: "Name" }), "Concatenate");
    await userEvent.click(screen.getByRole("textbox", { name: "Image" }));
    await userEvent.click(await screen.findByRole("option", { name: "busybox" }));
    await userEvent.type(screen.getByRole("textbox", { name: "Command" }), "cat input/a");

    const group = screen.getByRole("group", { name: "Environment variables" });
    expect(within(group).getByText("No variables.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Add variable" }));
    await userEvent.click(screen.getByRole("button", { name: "Add variable" }));
    await userEvent.click(screen.getByRole("button", { name: "Add variable" }));
    await userEvent.type(screen.getByRole("textbox", { name: "Variable 1 name" }), "THREADS");
    await userEvent.type(screen.getByRole("textbox", { name: "Variable 1 value" }), "4");
    await userEvent.type(screen.getByRole("textbox", { name: "Variable 2 name" }), "1BAD");
    await userEvent.type(screen.getByRole("textbox", { name: "Variable 3 name" }), "DROP_ME");

    // A name the server would refuse is caught before sending.
    await userEvent.click(screen.getByRole("button", { name: "Create algorithm" }));
    expect(screen.getByRole("textbox", { name: "Variable 2 name" })).toHaveAccessibleDescription(
      "Letters, digits and _ only; not starting with a digit.",
    );
    expect(mutation(graphql, "CreateAlgorithm")).toBeUndefined();

    await userEvent.click(screen.getByRole("button", { name: "Remove variable DROP_ME" }));
    await userEvent.clear(screen.getByRole("textbox", { name: "Variable 2 name" }));
    await userEvent.type(screen.getByRole("textbox", { name: "Variable 2 name" }), "MODE");
    await userEvent.type(screen.getByRole("textbox", { name: "Variable 2 value" }), "a b=c");
    expect(screen.queryByRole("textbox", { name: "Variable 3 name" })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("checkbox", { name: "Reuse earlier results" }));
    await userEvent.click(screen.getByRole("button", { name: "Create algorithm" }));
    await waitFor(() => {
      expect(onSaved).toHaveBeenCalled();
    });
    expect(mutation(graphql, "CreateAlgorithm")?.variables).toEqual({
      input: expect.objectContaining({
        name: "Concatenate",
        imageId: IMAGE.id,
        command: "cat input/a",
        environment: { THREADS: "4", MODE: "a b=c" },
        memoryMb: null,
        gpu: false,
        cacheResults: true,
      }) as unknown,
    });
  });

  it("checks every field at once before sending, with the limits shown up front and nothing clamped", async () => {
    const graphql = client({ __typename: "OperationInfo", messages: [] });
    renderWithProviders(<AlgorithmForm onSaved={vi.fn()} />, { graphql });
    const memory = screen.getByRole("textbox", { name: "Memory (MB)" });
    await waitFor(() => {
      expect(memory).toHaveAccessibleDescription(expect.stringContaining("6–16,384 MB"));
    });
    await userEvent.type(memory, "99999999999");
    const timeout = screen.getByRole("textbox", { name: "Timeout (seconds)" });
    await userEvent.type(timeout, "-5");
    await userEvent.tab();
    expect(timeout).toHaveValue("-5");
    await userEvent.click(screen.getByRole("button", { name: "Create algorithm" }));

    expect(await screen.findByText("Give the algorithm a name.")).toBeInTheDocument();
    expect(screen.getByText("Choose an image.")).toBeInTheDocument();
    expect(memory).toHaveAccessibleDescription(expect.stringContaining("Memory is between 6 and 16,384 MB."));
    expect(timeout).toHaveAccessibleDescription(
      expect.stringContaining("The timeout is between 1 and 86,400 seconds."),
    );
    expect(timeout).toHaveValue("-5");
    expect(graphql.operations.filter((op) => op.kind === "mutation")).toHaveLength(0);
  });

  it("shows OperationInfo messages next to the fields they name", async () => {
    const graphql = client({
      __typename: "OperationInfo",
      messages: [
        {
          kind: "VALIDATION",
          message: "Memory is between 6 and 4096 MB.",
          field: "memoryMb",
          code: "invalid",
        },
        {
          kind: "VALIDATION",
          message: "OASIS_INPUT_DIR is set by OASIS.",
          field: "environment",
          code: "invalid",
        },
        {
          kind: "VALIDATION",
          message: "Cannot split it like a shell would.",
          field: "command",
          code: "invalid",
        },
        { kind: "PERMISSION", message: "Only the owner may change this algorithm.", field: null, code: null },
      ],
    });
    const onSaved = vi.fn();
    renderWithProviders(<AlgorithmForm algorithm={EXISTING} onSaved={onSaved} />, { graphql });

    // The existing environment is shown as rows.
    expect(screen.getByRole("textbox", { name: "Variable 1 name" })).toHaveValue("THREADS");
    expect(screen.getByRole("textbox", { name: "Variable 2 value" })).toHaveValue("fast");

    const memory = screen.getByRole("textbox", { name: "Memory (MB)" });
    await userEvent.clear(memory);
    // Within the default limits the form knows; this installation's server allows less and says so.
    await userEvent.type(memory, "8192");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));

    await waitFor(() => {
      expect(memory).toHaveAccessibleDescription(expect.stringContaining("Memory is between 6 and 4096 MB."));
    });
    expect(memory).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("textbox", { name: "Command" })).toHaveAccessibleDescription(
      expect.stringContaining("Cannot split it like a shell would."),
    );
    expect(screen.getByText("OASIS_INPUT_DIR is set by OASIS.")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Only the owner may change this algorithm.");
    expect(mutation(graphql, "UpdateAlgorithm")?.variables).toMatchObject({
      id: EXISTING.id,
      input: { memoryMb: 8192, environment: { THREADS: "4", MODE: "fast" } },
    });
    expect(onSaved).not.toHaveBeenCalled();
  });
});

describe("AlgorithmForm image readiness", () => {
  it("warns when the chosen image has not been pinned yet", async () => {
    const graphql = client({});
    // An image not in the options list (e.g. on a later page): the algorithm's own copy is used.
    const pending = {
      ...EXISTING,
      image: {
        id: "RG9ja2VySW1hZ2U6OQ==",
        name: "slow",
        imageRef: "slow:1",
        status: "PENDING" as const,
        resolvedAt: null,
      },
    };
    renderWithProviders(<AlgorithmForm algorithm={pending} onSaved={vi.fn()} />, { graphql });
    expect(
      await screen.findByText(
        "This image is still being pulled or verified; tasks can run once it is ready.",
      ),
    ).toBeInTheDocument();
  });
});
