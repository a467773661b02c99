import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RegisterImageForm } from "@/features/images/components/register-image-form";
import { FakeXhr } from "@/testing/fake-xhr";
import { renderWithProviders } from "@/testing/render";

let restore: () => void;
beforeEach(() => {
  restore = FakeXhr.install();
  document.cookie = "csrftoken=test-token";
});
afterEach(() => {
  restore();
});

async function startUpload() {
  const onRegistered = vi.fn();
  const { container } = renderWithProviders(<RegisterImageForm onRegistered={onRegistered} />);
  await userEvent.type(screen.getByRole("textbox", { name: "Name" }), "busybox");
  const input = container.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error("no file input");
  await userEvent.upload(input, new File(["x".repeat(1000)], "busybox.tar", { type: "application/x-tar" }));
  await userEvent.click(screen.getByRole("button", { name: "Register image" }));
  await waitFor(() => {
    expect(FakeXhr.instances).toHaveLength(1);
  });
  return { onRegistered, xhr: FakeXhr.last() };
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
