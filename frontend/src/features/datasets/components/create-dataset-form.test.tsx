import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { CreateDatasetForm } from "@/features/datasets/components/create-dataset-form";
import { FakeXhr } from "@/testing/fake-xhr";
import { renderWithProviders } from "@/testing/render";

function file(name: string, size: number, relativePath?: string): File {
  const created = new File(["x".repeat(size)], name, { type: "text/plain" });
  if (relativePath) Object.defineProperty(created, "webkitRelativePath", { value: relativePath });
  return created;
}

FakeXhr.installForEachTest();

async function pickAndSubmit() {
  const onCreated = vi.fn();
  renderWithProviders(<CreateDatasetForm onCreated={onCreated} />);
  await userEvent.type(screen.getByRole("textbox", { name: "Name" }), "Survey");
  await userEvent.upload(screen.getByTestId("dataset-files-input"), [file("a.txt", 60)]);
  await userEvent.upload(screen.getByTestId("dataset-folder-input"), [file("c.txt", 40, "photos/sub/c.txt")]);
  const list = screen.getByRole("list", { name: "Files to upload" });
  expect(list).toHaveTextContent("a.txt");
  expect(list).toHaveTextContent("photos/sub/c.txt");
  await userEvent.click(screen.getByRole("button", { name: "Create dataset" }));
  return { onCreated, xhr: await FakeXhr.first() };
}

describe("CreateDatasetForm upload", () => {
  it("sends one multipart request with the relative paths and the CSRF header", async () => {
    const { xhr } = await pickAndSubmit();
    expect(xhr.method).toBe("POST");
    expect(xhr.url).toBe("/graphql");
    expect(xhr.headers["X-CSRFToken"]).toBe("test-token");
    const body = xhr.body;
    if (!body) throw new Error("no body");
    const operations = JSON.parse(body.get("operations") as string) as {
      variables: { input: { name: string; files: unknown[]; paths: string[] } };
    };
    expect(operations.variables.input).toEqual({
      name: "Survey",
      files: [null, null],
      paths: ["a.txt", "photos/sub/c.txt"],
    });
    expect(JSON.parse(body.get("map") as string)).toEqual({
      0: ["variables.input.files.0"],
      1: ["variables.input.files.1"],
    });
    expect((body.get("0") as File).name).toBe("a.txt");
    expect((body.get("1") as File).name).toBe("c.txt");
  });

  it("shows total and per-file progress, and cancels", async () => {
    await pickAndSubmit();
    const xhr = FakeXhr.last();
    // 60 + 40 bytes of files in a 200-byte request: half sent means 50 bytes of files.
    act(() => {
      xhr.progress(100, 200);
    });
    expect(screen.getByRole("progressbar", { name: "Dataset upload progress" })).toHaveAttribute(
      "aria-valuenow",
      "50",
    );
    expect(screen.getByText("Uploading… 50%")).toBeInTheDocument();
    const first = screen.getByRole("progressbar", { name: "a.txt upload progress" });
    const second = screen.getByRole("progressbar", { name: "photos/sub/c.txt upload progress" });
    expect(Number(first.getAttribute("aria-valuenow"))).toBeCloseTo((50 / 60) * 100, 0);
    expect(second).toHaveAttribute("aria-valuenow", "0");

    act(() => {
      xhr.progress(170, 200);
    });
    expect(screen.getByRole("progressbar", { name: "a.txt upload progress" })).toHaveAttribute(
      "aria-valuenow",
      "100",
    );
    expect(
      Number(
        screen
          .getByRole("progressbar", { name: "photos/sub/c.txt upload progress" })
          .getAttribute("aria-valuenow"),
      ),
    ).toBeCloseTo(62.5, 0);

    await userEvent.click(screen.getByRole("button", { name: "Cancel upload" }));
    expect(xhr.aborted).toBe(true);
    expect(await screen.findByText("Upload cancelled")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Create dataset" })).toBeEnabled();
  });

  it("reports the created dataset", async () => {
    const { onCreated, xhr } = await pickAndSubmit();
    act(() => {
      xhr.progress(200, 200);
    });
    expect(screen.getByText("Processing on the server…")).toBeInTheDocument();
    act(() => {
      xhr.respond(200, {
        data: {
          createDataset: {
            __typename: "Dataset",
            id: "RGF0YXNldDox",
            name: "Survey",
            fileCount: 2,
            size: 100,
          },
        },
      });
    });
    await waitFor(() => {
      expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ id: "RGF0YXNldDox", name: "Survey" }));
    });
  });

  it("shows the server's validation messages next to the fields", async () => {
    const { onCreated, xhr } = await pickAndSubmit();
    act(() => {
      xhr.respond(200, {
        data: {
          createDataset: {
            __typename: "OperationInfo",
            messages: [
              {
                kind: "VALIDATION",
                message: "A dataset with this name exists.",
                field: "name",
                code: "unique",
              },
              {
                kind: "VALIDATION",
                message: "File path 'a.txt' is given twice.",
                field: "paths",
                code: "invalid",
              },
              { kind: "ERROR", message: "Storage is full.", field: null, code: null },
            ],
          },
        },
      });
    });
    const name = await screen.findByRole("textbox", { name: "Name" });
    await waitFor(() => {
      expect(name).toHaveAttribute("aria-invalid", "true");
    });
    expect(name).toHaveAccessibleDescription(expect.stringContaining("A dataset with this name exists."));
    expect(screen.getByText("File path 'a.txt' is given twice.")).toBeInTheDocument();
    expect(within(screen.getAllByRole("alert")[0]!).getByText("Storage is full.")).toBeInTheDocument();
    expect(onCreated).not.toHaveBeenCalled();
  });

  it("explains a refused request that is not GraphQL (e.g. too large)", async () => {
    await pickAndSubmit();
    act(() => {
      FakeXhr.last().respond(413, "<html>Request Entity Too Large</html>");
    });
    expect(await screen.findByText("The upload is larger than the server accepts.")).toBeInTheDocument();
  });
});
