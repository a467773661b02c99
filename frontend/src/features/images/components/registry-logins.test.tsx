import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fromValue } from "wonka";
import { RegistryLogins } from "@/features/images/components/registry-logins";
import { renderWithProviders } from "@/testing/render";
import { createTestClient, dataResult, operationName, type TestClient } from "@/testing/test-client";

function client(setAnswer: Record<string, unknown>) {
  return createTestClient((operation) => {
    const name = operationName(operation);
    if (name === "RegistryCredentials") {
      return fromValue(
        dataResult(operation, {
          registryCredentials: [
            {
              __typename: "RegistryCredential",
              host: "registry.example.org:5000",
              username: "ada",
              createdAt: "2026-01-01T00:00:00Z",
            },
          ],
        }),
      );
    }
    if (name === "SetRegistryCredential") {
      return fromValue(dataResult(operation, { setRegistryCredential: setAnswer }));
    }
    if (name === "DeleteRegistryCredential") {
      return fromValue(
        dataResult(operation, {
          deleteRegistryCredential: { __typename: "Deleted", id: "registry.example.org:5000" },
        }),
      );
    }
    return undefined;
  });
}

function sent(graphql: TestClient, name: string) {
  return graphql.operations.find((operation) => operationName(operation) === name)?.variables;
}

async function fillAndSave() {
  await userEvent.type(screen.getByRole("textbox", { name: "Registry host" }), "ghcr.io");
  await userEvent.type(screen.getByRole("textbox", { name: "Username" }), "ada");
  await userEvent.type(screen.getByLabelText(/Password or token/), "s3cret");
  await userEvent.click(screen.getByRole("button", { name: "Save login" }));
}

describe("RegistryLogins", () => {
  it("lists logins by host, adds one and removes one", async () => {
    const graphql = client({
      __typename: "RegistryCredential",
      host: "ghcr.io",
      username: "ada",
      createdAt: "2026-01-02T00:00:00Z",
    });
    renderWithProviders(<RegistryLogins />, { graphql });

    const table = await screen.findByRole("table", { name: "Registry logins" });
    expect(within(table).getByText("registry.example.org:5000")).toBeInTheDocument();
    expect(within(table).getByText("ada")).toBeInTheDocument();

    await fillAndSave();
    await waitFor(() => {
      expect(sent(graphql, "SetRegistryCredential")).toEqual({
        input: { host: "ghcr.io", username: "ada", password: "s3cret" },
      });
    });
    // The form is emptied for the next one (and the password not kept on screen).
    await waitFor(() => {
      expect(screen.getByLabelText(/Password or token/)).toHaveValue("");
    });

    await userEvent.click(
      screen.getByRole("button", { name: "Remove the login for registry.example.org:5000" }),
    );
    await userEvent.click(await screen.findByRole("button", { name: "Remove" }));
    await waitFor(() => {
      expect(sent(graphql, "DeleteRegistryCredential")).toEqual({ host: "registry.example.org:5000" });
    });
  });

  it("shows the server's message on the field it names", async () => {
    const graphql = client({
      __typename: "OperationInfo",
      messages: [
        {
          kind: "VALIDATION",
          message: "Give a registry host such as registry.example.org:5000 (no scheme, no path).",
          field: "host",
          code: "invalid",
        },
      ],
    });
    renderWithProviders(<RegistryLogins />, { graphql });
    await screen.findByRole("table", { name: "Registry logins" });
    await fillAndSave();
    await waitFor(() => {
      expect(screen.getByRole("textbox", { name: "Registry host" })).toHaveAccessibleDescription(
        expect.stringContaining("no scheme, no path") as string,
      );
    });
    expect(screen.getByLabelText(/Password or token/)).toHaveValue("s3cret");
  });
});
