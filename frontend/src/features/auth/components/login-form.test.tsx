import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { fromValue } from "wonka";
import { LoginForm } from "@/features/auth/components/login-form";
import { renderWithProviders } from "@/testing/render";
import { createTestClient, dataResult, operationName } from "@/testing/test-client";

function loginClient(answer: (variables: { username: string; password: string }) => Record<string, unknown>) {
  return createTestClient((operation) =>
    operationName(operation) === "Login"
      ? fromValue(
          dataResult(operation, {
            login: answer(operation.variables as { username: string; password: string }),
          }),
        )
      : undefined,
  );
}

describe("LoginForm", () => {
  it("asks for both fields before sending anything", async () => {
    const graphql = loginClient(() => ({}));
    renderWithProviders(<LoginForm onSignedIn={vi.fn()} />, { graphql });
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(screen.getByRole("textbox", { name: "Username" })).toHaveAccessibleDescription(
      "Enter your username.",
    );
    expect(screen.getByText("Enter your password.")).toBeInTheDocument();
    expect(graphql.operations).toHaveLength(0);
  });

  it("shows the server's message when the password is wrong", async () => {
    const graphql = loginClient(() => ({
      __typename: "OperationInfo",
      messages: [
        { kind: "VALIDATION", message: "Wrong username or password.", field: null, code: "invalid_login" },
      ],
    }));
    const onSignedIn = vi.fn();
    renderWithProviders(<LoginForm onSignedIn={onSignedIn} />, { graphql });
    await userEvent.type(screen.getByRole("textbox", { name: "Username" }), "ada");
    await userEvent.type(screen.getByLabelText(/Password/), "nope");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Wrong username or password.");
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it("signs in with the typed credentials (Enter submits)", async () => {
    const graphql = loginClient(({ username }) => ({
      __typename: "User",
      id: "VXNlcjox",
      username,
      isStaff: false,
    }));
    const onSignedIn = vi.fn();
    renderWithProviders(<LoginForm onSignedIn={onSignedIn} />, { graphql });
    await userEvent.type(screen.getByRole("textbox", { name: "Username" }), "  ada ");
    await userEvent.type(screen.getByLabelText(/Password/), "secret{Enter}");
    await waitFor(() => {
      expect(onSignedIn).toHaveBeenCalledWith(expect.objectContaining({ username: "ada" }));
    });
    expect(graphql.operations[0]?.variables).toEqual({ username: "ada", password: "secret" });
  });
});
