import { ActionIcon, Group, Table, Text, Tooltip } from "@mantine/core";
import { IconDatabase, IconDownload, IconTrash } from "@tabler/icons-react";
import { useEffect, useMemo, type ReactNode } from "react";
import { Link } from "react-router";
import { ConfirmAction } from "@/components/confirm-button";
import { CursorPagination } from "@/components/cursor-pagination";
import { ListTable } from "@/components/list-table";
import { SortableTh } from "@/components/sortable-th";
import { SearchInput } from "@/components/search-input";
import { notifyOutcome } from "@/components/notify-outcome";
import { EmptyState, LoadingState, QueryErrorState } from "@/components/states";
import { paths } from "@/config/paths";
import type { DatasetOrder } from "@/gql/graphql";
import { useDatasets } from "@/features/datasets/api/datasets";
import { useDeleteDataset } from "@/features/datasets/api/delete-dataset";
import { formatBytes, formatDateTime, formatRelative } from "@/lib/format";
import { outcomeOf } from "@/lib/operation-info";
import { useCursorPager } from "@/lib/use-cursor-pager";
import { ariaSort, direction, useSortParam, type ListSort } from "@/lib/list-sort";
import { useSearchParam } from "@/lib/use-search-param";

const PAGE_SIZE = 25;

const SORT_KEYS = ["name", "size", "created"] as const;
type DatasetSortKey = (typeof SORT_KEYS)[number];
const DEFAULT_SORT: ListSort<DatasetSortKey> = { key: "created", descending: true };
const NEWEST_FIRST: readonly DatasetSortKey[] = ["size", "created"];

/** The API's ordering: the column, then newest first so equal values keep a stable order. */
function toOrdering(sort: ListSort<DatasetSortKey>): DatasetOrder[] {
  const way = direction(sort);
  switch (sort.key) {
    case "name":
      return [{ name: way }, { createdAt: "DESC" }];
    case "size":
      return [{ size: way }, { createdAt: "DESC" }];
    case "created":
      return [{ createdAt: way }];
  }
}

export function DatasetsTable({ emptyAction }: { readonly emptyAction?: ReactNode }) {
  const pager = useCursorPager();
  // The search lives in the URL (?q=): a reload keeps it and a view can be shared.
  const [debounced, setSearch] = useSearchParam();
  const { sort, onSort } = useSortParam(SORT_KEYS, DEFAULT_SORT, NEWEST_FIRST);
  const ordering = useMemo(() => toOrdering(sort), [sort]);
  const { reset } = pager;
  useEffect(() => {
    reset();
  }, [debounced, sort, reset]);
  const [{ data, fetching, error }, refetch] = useDatasets({
    first: PAGE_SIZE,
    after: pager.after,
    search: debounced || null,
    ordering,
  });
  const [deleting, deleteDataset] = useDeleteDataset();

  const remove = async (id: string, name: string) => {
    const result = await deleteDataset({ id }, { additionalTypenames: ["Dataset"] });
    const outcome = outcomeOf(result.data?.deleteDataset, result.error);
    notifyOutcome(outcome, { success: `Dataset “${name}” deleted.`, failure: `Could not delete “${name}”` });
  };

  const searchBox = (
    <SearchInput
      placeholder="Search by name"
      ariaLabel="Search datasets by name"
      value={debounced}
      onSearch={setSearch}
      maw={320}
      mb="md"
    />
  );

  if (error && !data) {
    return <QueryErrorState error={error} refetch={refetch} />;
  }
  if (!data) return <LoadingState label="Loading datasets…" />;

  const datasets = data.datasets.edges.map((edge) => edge.node);
  if (datasets.length === 0 && pager.page === 1 && !debounced) {
    return (
      <EmptyState
        icon={<IconDatabase size={24} />}
        title="No datasets yet"
        description="A dataset is a set of files an algorithm reads from its input/ folder. Drop files or whole folders to create one."
        action={emptyAction}
      />
    );
  }

  return (
    <>
      {searchBox}
      {datasets.length === 0 ? (
        <EmptyState title="No dataset matches" description={`Nothing is named like “${debounced}”.`} />
      ) : (
        <ListTable
          label="Datasets"
          minWidth={640}
          busy={fetching}
          noWrap
          head={
            <>
              <SortableTh
                label="Name"
                sorted={ariaSort(sort, "name")}
                onSort={() => {
                  onSort("name");
                }}
              />
              <Table.Th style={{ textAlign: "right" }}>Files</Table.Th>
              <SortableTh
                label="Size"
                sorted={ariaSort(sort, "size")}
                onSort={() => {
                  onSort("size");
                }}
                align="right"
              />
              <Table.Th>Owner</Table.Th>
              <SortableTh
                label="Created"
                sorted={ariaSort(sort, "created")}
                onSort={() => {
                  onSort("created");
                }}
              />
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
      )}
      <CursorPagination
        pager={pager}
        pageInfo={data.datasets.pageInfo}
        pageSize={PAGE_SIZE}
        shown={datasets.length}
        total={data.datasets.totalCount}
        noun="datasets"
      />
    </>
  );
}
