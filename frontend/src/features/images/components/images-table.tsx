import { ActionIcon, Badge, Group, Stack, Table, Text, Tooltip } from "@mantine/core";
import { IconBrandDocker, IconRefresh, IconTrash } from "@tabler/icons-react";
import { useCallback, useEffect, type ReactNode } from "react";
import { ConfirmAction } from "@/components/confirm-button";
import { CopyText } from "@/components/copy-text";
import { ListTable } from "@/components/list-table";
import { ListView } from "@/components/list-view";
import { SortableTh } from "@/components/sortable-th";
import { notifyOutcome } from "@/components/notify-outcome";
import { EmptyState } from "@/components/states";
import { useDeleteImage } from "@/features/images/api/delete-image";
import { useImages } from "@/features/images/api/images";
import { usePullImageAgain } from "@/features/images/api/pull-image-again";
import { ImageStatusCell } from "@/features/images/components/image-status";
import type { ImageSource, ImageOrder } from "@/gql/graphql";
import { formatBytes, formatRelative, formatDateTime, shortDigest } from "@/lib/format";
import { listSorting } from "@/lib/list-sort";
import { outcomeOf } from "@/lib/operation-info";
import { useListState } from "@/lib/use-list-state";
import { usePoll } from "@/lib/use-poll";

const SORTING = listSorting<"name" | "created", ImageOrder>({
  columns: {
    name: (way) => ({ name: way }),
    created: (way) => ({ createdAt: way }),
  },
  fallback: { key: "created", descending: true },
  newestFirst: ["created"],
  tieBreak: { createdAt: "DESC" },
});

/** How often the list is re-read while an image is being pulled or verified. */
const PENDING_POLL_MS = 1500;

const SOURCE_LABELS: Readonly<Record<ImageSource, { label: string; color: string }>> = {
  FILE: { label: "Tarball", color: "grape" },
  REFERENCE: { label: "Registry", color: "blue" },
  LOCAL: { label: "Engine", color: "gray" },
};

interface ImagesTableProps {
  /** Changing it refetches the list (after an upload, which bypasses the GraphQL cache). */
  readonly refreshKey?: number;
  readonly emptyAction?: ReactNode;
  /** The signed-in user: only an image's owner is offered "Pull again". */
  readonly currentUserId: string;
}

export function ImagesTable({ refreshKey = 0, emptyAction, currentUserId }: ImagesTableProps) {
  const list = useListState(SORTING);
  const { sort, onSort } = list;
  const [{ data, fetching, error }, refetch] = useImages({
    first: list.pageSize,
    after: list.pager.after,
    search: list.search || null,
    ordering: list.ordering,
  });
  const [deleting, deleteImage] = useDeleteImage();
  const [pulling, pullAgain] = usePullImageAgain();

  useEffect(() => {
    if (refreshKey > 0) refetch({ requestPolicy: "network-only" });
  }, [refreshKey, refetch]);

  // A worker moves an image from PENDING to READY or FAILED; no event says so, so the list is re-read.
  const anyPending = data?.images.edges.some((edge) => edge.node.status === "PENDING") ?? false;
  const reread = useCallback(() => {
    refetch({ requestPolicy: "network-only" });
  }, [refetch]);
  usePoll(reread, anyPending, PENDING_POLL_MS);

  const remove = async (id: string, name: string) => {
    const result = await deleteImage({ id }, { additionalTypenames: ["DockerImage"] });
    const outcome = outcomeOf(result.data?.deleteImage, result.error);
    notifyOutcome(outcome, { success: `Image “${name}” deleted.`, failure: `Could not delete “${name}”` });
  };

  const pull = async (id: string, name: string) => {
    const result = await pullAgain({ id }, { additionalTypenames: ["DockerImage"] });
    const outcome = outcomeOf(result.data?.pullImageAgain, result.error);
    if (
      notifyOutcome(outcome, {
        success: `Pulling “${name}” again…`,
        failure: `Could not pull “${name}” again`,
      })
    )
      reread();
  };

  const images = data?.images.edges.map((edge) => edge.node) ?? [];
  return (
    <ListView
      list={list}
      noun="images"
      connection={data?.images}
      error={error}
      refetch={refetch}
      shown={images.length}
      empty={
        <EmptyState
          icon={<IconBrandDocker size={24} />}
          title="No images yet"
          description="Register a Docker image by its reference (e.g. alpine:3.20) or upload a tarball made with docker save."
          action={emptyAction}
        />
      }
    >
      <ListTable
        label="Images"
        minWidth={960}
        busy={fetching}
        noWrap
        head={
          <>
            <SortableTh label="Name" column="name" sort={sort} onSort={onSort} />
            <Table.Th>Source</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Image id</Table.Th>
            <Table.Th>Size</Table.Th>
            <Table.Th>Owner</Table.Th>
            <SortableTh label="Registered" column="created" sort={sort} onSort={onSort} />
            <Table.Th aria-label="Actions" />
          </>
        }
      >
        {images.map((image) => (
          <Table.Tr key={image.id} data-image-name={image.name}>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <Text fw={600} size="sm">
                  {image.name}
                </Text>
                {image.isPublic ? (
                  <Badge size="xs" variant="outline" color="gray">
                    public
                  </Badge>
                ) : null}
              </Group>
              {image.imageRef ? (
                <Text size="xs" c="dimmed" ff="monospace">
                  {image.imageRef}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={SOURCE_LABELS[image.source].color} size="sm">
                {SOURCE_LABELS[image.source].label}
              </Badge>
            </Table.Td>
            <Table.Td>
              <ImageStatusCell
                status={image.status}
                source={image.source}
                progress={image.progress}
                failureReason={image.failureReason}
                resolvedAt={image.resolvedAt}
              />
            </Table.Td>
            <Table.Td>
              <Stack gap={2}>
                {image.imageId ? (
                  <CopyText value={image.imageId} display={shortDigest(image.imageId)} label="image id" />
                ) : (
                  <Text size="xs" c="dimmed">
                    {image.status === "FAILED" ? "—" : "pinned when ready"}
                  </Text>
                )}
                {image.repoDigest ? (
                  <CopyText
                    value={image.repoDigest}
                    display={shortDigest(image.repoDigest)}
                    label="repo digest"
                  />
                ) : null}
                {image.architecture ? (
                  <Text size="xs" c="dimmed">
                    {image.architecture}
                  </Text>
                ) : null}
              </Stack>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatBytes(image.size)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{image.owner.username}</Text>
            </Table.Td>
            <Table.Td>
              <Tooltip label={formatDateTime(image.createdAt)} withArrow>
                <Text size="sm">{formatRelative(image.createdAt)}</Text>
              </Tooltip>
            </Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap" justify="flex-end">
                {image.source === "REFERENCE" && image.owner.id === currentUserId ? (
                  <Tooltip label="Pull again: pin what the reference names now" withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="blue"
                      aria-label={`Pull ${image.name} again`}
                      disabled={image.status === "PENDING"}
                      loading={pulling.fetching && pulling.operation?.variables.id === image.id}
                      onClick={() => void pull(image.id, image.name)}
                    >
                      <IconRefresh size={16} />
                    </ActionIcon>
                  </Tooltip>
                ) : null}
                <ConfirmAction
                  label={`Delete image ${image.name}`}
                  message={`Delete “${image.name}”? Algorithms that use it must be deleted first.`}
                  icon={<IconTrash size={16} />}
                  loading={deleting.fetching && deleting.operation?.variables.id === image.id}
                  onConfirm={() => remove(image.id, image.name)}
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </ListView>
  );
}
