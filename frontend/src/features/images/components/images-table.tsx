import { Badge, Group, Table, Text, Tooltip } from "@mantine/core";
import { IconBrandDocker, IconTrash } from "@tabler/icons-react";
import { useEffect, type ReactNode } from "react";
import { ConfirmAction } from "@/components/confirm-button";
import { CopyText } from "@/components/copy-text";
import { CursorPagination } from "@/components/cursor-pagination";
import { ListTable } from "@/components/list-table";
import { notifyOutcome } from "@/components/notify-outcome";
import { EmptyState, LoadingState, QueryErrorState } from "@/components/states";
import { useDeleteImage } from "@/features/images/api/delete-image";
import { useImages } from "@/features/images/api/images";
import { formatBytes, formatRelative, formatDateTime } from "@/lib/format";
import { outcomeOf } from "@/lib/operation-info";
import { useCursorPager } from "@/lib/use-cursor-pager";

const PAGE_SIZE = 25;

interface ImagesTableProps {
  /** Changing it refetches the list (after an upload, which bypasses the GraphQL cache). */
  readonly refreshKey?: number;
  readonly emptyAction?: ReactNode;
}

export function ImagesTable({ refreshKey = 0, emptyAction }: ImagesTableProps) {
  const pager = useCursorPager();
  const [{ data, fetching, error }, refetch] = useImages({ first: PAGE_SIZE, after: pager.after });
  const [deleting, deleteImage] = useDeleteImage();

  useEffect(() => {
    if (refreshKey > 0) refetch({ requestPolicy: "network-only" });
  }, [refreshKey, refetch]);

  if (error && !data) {
    return <QueryErrorState error={error} refetch={refetch} />;
  }
  if (!data) return <LoadingState label="Loading images…" />;

  const images = data.images.edges.map((edge) => edge.node);
  if (images.length === 0 && pager.page === 1) {
    return (
      <EmptyState
        icon={<IconBrandDocker size={24} />}
        title="No images yet"
        description="Register a Docker image by its reference (e.g. alpine:3.20) or upload a tarball made with docker save."
        action={emptyAction}
      />
    );
  }

  const remove = async (id: string, name: string) => {
    const result = await deleteImage({ id }, { additionalTypenames: ["DockerImage"] });
    const outcome = outcomeOf(result.data?.deleteImage, result.error);
    notifyOutcome(outcome, { success: `Image “${name}” deleted.`, failure: `Could not delete “${name}”` });
  };

  return (
    <>
      <ListTable
        label="Images"
        minWidth={760}
        busy={fetching}
        noWrap
        head={
          <>
            <Table.Th>Name</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th>Image id</Table.Th>
            <Table.Th>Size</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Registered</Table.Th>
            <Table.Th aria-label="Actions" />
          </>
        }
      >
        {images.map((image) => (
          <Table.Tr key={image.id}>
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
              <Badge variant="light" color={image.source === "FILE" ? "grape" : "blue"} size="sm">
                {image.source === "FILE" ? "Tarball" : "Registry"}
              </Badge>
            </Table.Td>
            <Table.Td>
              {image.digest ? (
                <CopyText
                  value={image.digest}
                  display={image.digest.replace(/^sha256:/, "").slice(0, 12)}
                  label="image id"
                />
              ) : (
                <Text size="xs" c="dimmed">
                  pending
                </Text>
              )}
              {image.architecture ? (
                <Text size="xs" c="dimmed">
                  {image.architecture}
                </Text>
              ) : null}
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
              <ConfirmAction
                label={`Delete image ${image.name}`}
                message={`Delete “${image.name}”? Algorithms that use it must be deleted first.`}
                icon={<IconTrash size={16} />}
                loading={deleting.fetching && deleting.operation?.variables.id === image.id}
                onConfirm={() => remove(image.id, image.name)}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <CursorPagination
        pager={pager}
        pageInfo={data.images.pageInfo}
        pageSize={PAGE_SIZE}
        shown={images.length}
        total={data.images.totalCount}
        noun="images"
      />
    </>
  );
}
