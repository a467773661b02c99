import { ActionIcon, Group, Table, Text, Tooltip } from "@mantine/core";
import { IconDatabase, IconDownload, IconTrash } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { ConfirmAction } from "@/components/confirm-button";
import { ListTable } from "@/components/list-table";
import { ListView } from "@/components/list-view";
import { SortableTh } from "@/components/sortable-th";
import { notifyOutcome } from "@/components/notify-outcome";
import { EmptyState } from "@/components/states";
import { paths } from "@/config/paths";
import type { DatasetOrder } from "@/gql/graphql";
import { useDatasets } from "@/features/datasets/api/datasets";
import { useDeleteDataset } from "@/features/datasets/api/delete-dataset";
import { formatBytes, formatDateTime, formatRelative } from "@/lib/format";
import { listSorting } from "@/lib/list-sort";
import { outcomeOf } from "@/lib/operation-info";
import { useListState } from "@/lib/use-list-state";

const SORTING = listSorting<"name" | "size" | "created", DatasetOrder>({
  columns: {
    name: (way) => ({ name: way }),
    size: (way) => ({ size: way }),
    created: (way) => ({ createdAt: way }),
  },
  fallback: { key: "created", descending: true },
  newestFirst: ["size", "created"],
  tieBreak: { createdAt: "DESC" },
});

export function DatasetsTable({ emptyAction }: { readonly emptyAction?: ReactNode }) {
  const list = useListState(SORTING);
  const { sort, onSort } = list;
  const [{ data, fetching, error }, refetch] = useDatasets({
    first: list.pageSize,
    after: list.pager.after,
    search: list.search || null,
    ordering: list.ordering,
  });
  const [deleting, deleteDataset] = useDeleteDataset();

  const remove = async (id: string, name: string) => {
    const result = await deleteDataset({ id }, { additionalTypenames: ["Dataset"] });
    const outcome = outcomeOf(result.data?.deleteDataset, result.error);
    notifyOutcome(outcome, { success: `Dataset “${name}” deleted.`, failure: `Could not delete “${name}”` });
  };

  const datasets = data?.datasets.edges.map((edge) => edge.node) ?? [];
  return (
    <ListView
      list={list}
      noun="datasets"
      connection={data?.datasets}
      error={error}
      refetch={refetch}
      shown={datasets.length}
      empty={
        <EmptyState
          icon={<IconDatabase size={24} />}
          title="No datasets yet"
          description="A dataset is a set of files an algorithm reads from its input/ folder. Drop files or whole folders to create one."
          action={emptyAction}
        />
      }
    >
      <ListTable
        label="Datasets"
        minWidth={640}
        busy={fetching}
        noWrap
        head={
          <>
            <SortableTh label="Name" column="name" sort={sort} onSort={onSort} />
            <Table.Th style={{ textAlign: "right" }}>Files</Table.Th>
            <SortableTh label="Size" column="size" sort={sort} onSort={onSort} align="right" />
            <Table.Th>Owner</Table.Th>
            <SortableTh label="Created" column="created" sort={sort} onSort={onSort} />
            <Table.Th style={{ textAlign: "right" }}>Actions</Table.Th>
          </>
        }
      >
        {datasets.map((dataset) => (
          <Table.Tr key={dataset.id}>
            <Table.Td>
              <Text
                component={Link}
                to={paths.dataset(dataset.id)}
                fw={600}
                size="sm"
                c="var(--mantine-color-anchor)"
              >
                {dataset.name}
              </Text>
            </Table.Td>
            <Table.Td style={{ textAlign: "right" }}>
              <Text size="sm">{dataset.fileCount.toLocaleString()}</Text>
            </Table.Td>
            <Table.Td style={{ textAlign: "right" }}>
              <Text size="sm">{formatBytes(dataset.size)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{dataset.owner.username}</Text>
            </Table.Td>
            <Table.Td>
              <Tooltip label={formatDateTime(dataset.createdAt)} withArrow>
                <Text size="sm">{formatRelative(dataset.createdAt)}</Text>
              </Tooltip>
            </Table.Td>
            <Table.Td>
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <Tooltip label="Download as zip" withArrow>
                  <ActionIcon
                    component="a"
                    href={dataset.downloadUrl}
                    download
                    variant="subtle"
                    color="gray"
                    aria-label={`Download ${dataset.name} as zip`}
                  >
                    <IconDownload size={16} />
                  </ActionIcon>
                </Tooltip>
                <ConfirmAction
                  label={`Delete dataset ${dataset.name}`}
                  message={`Delete “${dataset.name}” and its ${dataset.fileCount.toLocaleString()} files?`}
                  icon={<IconTrash size={16} />}
                  loading={deleting.fetching && deleting.operation?.variables.id === dataset.id}
                  onConfirm={() => remove(dataset.id, dataset.name)}
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </ListView>
  );
}
