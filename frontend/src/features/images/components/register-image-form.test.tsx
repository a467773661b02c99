import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { RegisterImageForm } from "@/features/images/components/register-image-form";
import { FakeXhr } from "@/testing/fake-xhr";
import { fromValue } from "wonka";
import { renderWithProviders } from "@/testing/render";
import { createTestClient, dataResult, operationName } from "@/testing/test-client";

FakeXhr.installForEachTest();

async function startUpload() {
  const onRegistered = vi.fn();
  const { container } = renderWithProviders(<RegisterImageForm onRegistered={onRegistered} />);
  await userEvent.type(screen.getByRole("textbox", { name: "Name" }), "busybox");
  const input = container.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error("no file input");
  await userEvent.upload(input, new File(["x".repeat(1000)], "busybox.tar", { type: "application/x-tar" }));
  await userEvent.click(screen.getByRole("button", { name: "Register image" }));
  return { onRegistered, xhr: await FakeXhr.first() };
}

describe("RegisterImageForm tarball upload", () => {
  it("shows progress and can be cancelled", async () => {
    const { xhr, onRegistered } = await startUpload();
    const operations = JSON.parse(xhr.body?.get("operations") as string) as { variables: unknown };
    expect(operations.variables).toEqual({ input: { name: "busybox", imageFile: null, isPublic: false } });
    act(() => {
      xhr.progress(250, 1000);
    });
    expect(screen.getByRole("progressbar", { name: "Image upload progress" })).toHaveAttribute(
      "aria-valuenow",
      "25",
    );
    await userEvent.click(screen.getByRole("button", { name: "Cancel upload" }));
    expect(xhr.aborted).toBe(true);
    expect(await screen.findByText("Upload cancelled")).toBeInTheDocument();
    expect(onRegistered).not.toHaveBeenCalled();
  });

  it("shows the server's validation message next to the file field", async () => {
    const { xhr } = await startUpload();
    act(() => {
      xhr.progress(1000, 1000);
      xhr.respond(200, {
        data: {
          registerImage: {
            __typename: "OperationInfo",
            messages: [
              {
                kind: "VALIDATION",
                message: "This is not a docker save archive.",
                field: "imageFile",
                code: "invalid",
              },
            ],
          },
        },
      });
    });
    expect(await screen.findByText("This is not a docker save archive.")).toBeInTheDocument();
    expect(screen.queryByRole("progressbar", { name: "Image upload progress" })).not.toBeInTheDocument();
  });
});

describe("RegisterImageForm by reference", () => {
  it("registers a PENDING image and shows a taken name on the Name field", async () => {
    let answer: Record<string, unknown> = {
      __typename: "OperationInfo",
      messages: [
        {
          kind: "VALIDATION",
          message: "You already have an image named 'alpine'.",
          field: "name",
          code: "unique",
        },
      ],
    };
    const graphql = createTestClient((operation) =>
      operationName(operation) === "RegisterImage"
        ? fromValue(dataResult(operation, { registerImage: answer }))
        : undefined,
    );
    const onRegistered = vi.fn();
    renderWithProviders(<RegisterImageForm onRegistered={onRegistered} />, { graphql });
    await userEvent.click(screen.getByRole("radio", { name: "From a registry" }));
    await userEvent.type(screen.getByRole("textbox", { name: "Name" }), "alpine");
    await userEvent.type(screen.getByRole("textbox", { name: "Image reference" }), "alpine:3.20");
    await userEvent.click(screen.getByRole("button", { name: "Register image" }));

    const name = screen.getByRole("textbox", { name: "Name" });
    await waitFor(() => {
      expect(name).toHaveAttribute("aria-invalid", "true");
    });
    expect(name).toHaveAccessibleDescription(
      expect.stringContaining("You already have an image named") as string,
    );
    expect(onRegistered).not.toHaveBeenCalled();

    answer = { __typename: "DockerImage", id: "RG9ja2VySW1hZ2U6Mg==", name: "alpine-2", status: "PENDING" };
    await userEvent.clear(name);
    await userEvent.type(name, "alpine-2");
    await userEvent.click(screen.getByRole("button", { name: "Register image" }));
    await waitFor(() => {
      expect(onRegistered).toHaveBeenCalledWith(
        expect.objectContaining({ name: "alpine-2", status: "PENDING" }),
      );
    });
    expect(graphql.operations.at(-1)?.variables).toEqual({
      input: { name: "alpine-2", imageRef: "alpine:3.20", isPublic: false },
    });
  });
});
