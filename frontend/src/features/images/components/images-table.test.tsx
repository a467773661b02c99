import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fromValue } from "wonka";
import { ImagesTable } from "@/features/images/components/images-table";
import { renderWithProviders } from "@/testing/render";
import { createTestClient, dataResult, operationName } from "@/testing/test-client";

const ME = "VXNlcjox";
const HEX = "0123456789abcdef".repeat(4);

function image(pk: number, fields: Record<string, unknown>) {
  return {
    __typename: "DockerImage",
    id: btoa(`DockerImage:${pk}`),
    name: `image-${pk}`,
    imageRef: "",
    status: "READY",
    progress: "",
    failureReason: "",
    imageId: "",
    repoDigest: "",
    resolvedAt: null,
    size: 1024,
    architecture: "amd64",
    isPublic: false,
    createdAt: "2026-01-01T00:00:00Z",
    source: "FILE",
    owner: { __typename: "User", id: ME, username: "ada" },
    ...fields,
  };
}

function imagesPage(nodes: readonly Record<string, unknown>[]) {
  return {
    images: {
      __typename: "DockerImageConnection",
      totalCount: nodes.length,
      pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
      edges: nodes.map((node) => ({ __typename: "DockerImageEdge", node })),
    },
  };
}

function row(name: string): HTMLElement {
  const cell = screen.getByText(name, { selector: "p" });
  const tr = cell.closest("tr");
  if (!tr) throw new Error(`no row for ${name}`);
  return tr;
}

describe("ImagesTable", () => {
  it("shows status, progress, failure reason and the pinned ids", async () => {
    const graphql = createTestClient((operation) =>
      operationName(operation) === "Images"
        ? fromValue(
            dataResult(
              operation,
              imagesPage([
                image(1, {
                  name: "alpine",
                  source: "REFERENCE",
                  imageRef: "registry.example.org/team/alpine:3.20",
                  imageId: `sha256:${HEX}`,
                  repoDigest: `registry.example.org/team/alpine@sha256:${HEX}`,
                }),
                image(2, { name: "broken", status: "FAILED", failureReason: "could not pull x: not found" }),
                image(6, {
                  name: "moved",
                  source: "REFERENCE",
                  imageRef: "alpine:latest",
                  status: "FAILED",
                  failureReason: "could not pull alpine:latest: timeout",
                  imageId: `sha256:${HEX}`,
                  resolvedAt: "2026-01-01T00:00:00Z",
                }),
              ]),
            ),
          )
        : undefined,
    );
    renderWithProviders(<ImagesTable currentUserId={ME} />, { graphql });

    await screen.findByText("alpine", { selector: "p" });
    const ready = row("alpine");
    expect(within(ready).getByLabelText("Image status: Ready")).toBeInTheDocument();
    // Shortened, with the full value on hover and a copy button.
    const id = within(ready).getByText(HEX.slice(0, 12));
    expect(id).toHaveAttribute("title", `sha256:${HEX}`);
    expect(within(ready).getByText(`alpine@${HEX.slice(0, 12)}`)).toHaveAttribute(
      "title",
      `registry.example.org/team/alpine@sha256:${HEX}`,
    );
    expect(within(ready).getByRole("button", { name: "Copy image id" })).toBeInTheDocument();
    expect(within(ready).getByRole("button", { name: "Copy repo digest" })).toBeInTheDocument();

    const failed = row("broken");
    expect(within(failed).getByLabelText("Image status: Failed")).toBeInTheDocument();
    expect(within(failed).getByText("could not pull x: not found")).toBeInTheDocument();
    expect(within(failed).queryByText(/Tasks still run/)).not.toBeInTheDocument();
    // A failed pull again keeps the earlier pin, which tasks still run.
    expect(within(row("moved")).getByText(/Tasks still run the image pinned/)).toBeInTheDocument();
    // Only a registry image can be pulled again.
    expect(within(failed).queryByRole("button", { name: /Pull .* again/ })).not.toBeInTheDocument();
  });

  it("re-reads the list while an image is pending, until it is ready", async () => {
    let reads = 0;
    let pulled = false;
    const graphql = createTestClient((operation) => {
      if (operationName(operation) !== "Images") return undefined;
      reads += 1;
      return fromValue(
        dataResult(
          operation,
          imagesPage([
            image(3, {
              name: "busybox",
              source: "REFERENCE",
              imageRef: "busybox:1.36",
              status: pulled ? "READY" : "PENDING",
              progress: pulled ? "" : "Downloading 2/3 layers",
              imageId: pulled ? `sha256:${HEX}` : "",
            }),
          ]),
        ),
      );
    });
    renderWithProviders(<ImagesTable currentUserId={ME} />, { graphql });

    expect(await screen.findByLabelText("Image status: Pending")).toBeInTheDocument();
    expect(screen.getByText("Downloading 2/3 layers")).toBeInTheDocument();
    expect(screen.getByText("pinned when ready")).toBeInTheDocument();
    // A pull again is refused while the image is being pulled.
    expect(screen.getByRole("button", { name: "Pull busybox again" })).toBeDisabled();
    const before = reads;
    pulled = true;
    expect(
      await screen.findByLabelText("Image status: Ready", undefined, { timeout: 6000 }),
    ).toBeInTheDocument();
    expect(reads).toBeGreaterThan(before);
    expect(screen.getByText(HEX.slice(0, 12))).toBeInTheDocument();
    const settled = reads;
    await new Promise((resolve) => setTimeout(resolve, 1800));
    expect(reads).toBe(settled); // no more polling once nothing is pending
  });

  it("offers Pull again to the owner of a registry image only", async () => {
    const graphql = createTestClient((operation) => {
      const name = operationName(operation);
      if (name === "Images") {
        return fromValue(
          dataResult(
            operation,
            imagesPage([
              image(4, { name: "mine", source: "REFERENCE", imageRef: "alpine:3.20" }),
              image(5, {
                name: "theirs",
                source: "REFERENCE",
                imageRef: "alpine:3.19",
                isPublic: true,
                owner: { __typename: "User", id: "VXNlcjoy", username: "bob" },
              }),
            ]),
          ),
        );
      }
      if (name === "PullImageAgain") {
        return fromValue(
          dataResult(operation, {
            pullImageAgain: {
              __typename: "DockerImage",
              id: btoa("DockerImage:4"),
              status: "PENDING",
              progress: "",
              failureReason: "",
            },
          }),
        );
      }
      return undefined;
    });
    renderWithProviders(<ImagesTable currentUserId={ME} />, { graphql });

    await screen.findByText("mine", { selector: "p" });
    expect(
      within(row("theirs")).queryByRole("button", { name: "Pull theirs again" }),
    ).not.toBeInTheDocument();
    await userEvent.click(within(row("mine")).getByRole("button", { name: "Pull mine again" }));
    await waitFor(() => {
      expect(graphql.operations.find((op) => operationName(op) === "PullImageAgain")?.variables).toEqual({
        id: btoa("DockerImage:4"),
      });
    });
  });
});
