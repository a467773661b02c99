import { ActionIcon, Badge, Button, Group, Table, Text, Tooltip } from "@mantine/core";
import { IconCpu, IconPencil, IconPlayerPlay, IconTrash, IconWorld } from "@tabler/icons-react";
import { useEffect, useState, useMemo, type ReactNode } from "react";
import { Link } from "react-router";
import { ConfirmAction } from "@/components/confirm-button";
import { CursorPagination } from "@/components/cursor-pagination";
import { ListTable } from "@/components/list-table";
import { SortableTh } from "@/components/sortable-th";
import { SearchInput } from "@/components/search-input";
import { notifyOutcome } from "@/components/notify-outcome";
import { EmptyState, LoadingState, QueryErrorState } from "@/components/states";
import { paths } from "@/config/paths";
import type { AlgorithmOrder } from "@/gql/graphql";
import { useAlgorithms } from "@/features/algorithms/api/algorithms";
import { useDeleteAlgorithm } from "@/features/algorithms/api/delete-algorithm";
import {
  RunAlgorithmModal,
  type RunnableAlgorithm,
} from "@/features/algorithms/components/run-algorithm-modal";
import { imageReadiness } from "@/features/algorithms/utils/image-readiness";
import { formatDuration, formatRelative, formatDateTime } from "@/lib/format";
import { outcomeOf } from "@/lib/operation-info";
import { useCursorPager } from "@/lib/use-cursor-pager";
import { ariaSort, direction, useSortParam, type ListSort } from "@/lib/list-sort";
import { useSearchParam } from "@/lib/use-search-param";

const PAGE_SIZE = 25;

const SORT_KEYS = ["name", "updated", "created"] as const;
type AlgorithmSortKey = (typeof SORT_KEYS)[number];
const DEFAULT_SORT: ListSort<AlgorithmSortKey> = { key: "created", descending: true };
const NEWEST_FIRST: readonly AlgorithmSortKey[] = ["updated", "created"];

/** The API's ordering: the column, then newest first so equal values keep a stable order. */
function toOrdering(sort: ListSort<AlgorithmSortKey>): AlgorithmOrder[] {
  const way = direction(sort);
  switch (sort.key) {
    case "name":
      return [{ name: way }, { createdAt: "DESC" }];
    case "updated":
      return [{ updatedAt: way }, { createdAt: "DESC" }];
    case "created":
      return [{ createdAt: way }];
  }
}

interface AlgorithmsTableProps {
  readonly onRunStarted: (taskId: string) => void;
  readonly emptyAction?: ReactNode;
}

export function AlgorithmsTable({ onRunStarted, emptyAction }: AlgorithmsTableProps) {
  const pager = useCursorPager();
  // The search lives in the URL (?q=): a reload keeps it and a view can be shared.
  const [search, setSearch] = useSearchParam();
  const { sort, onSort } = useSortParam(SORT_KEYS, DEFAULT_SORT, NEWEST_FIRST);
  const ordering = useMemo(() => toOrdering(sort), [sort]);
  const { reset } = pager;
  useEffect(() => {
    reset();
  }, [search, sort, reset]);
  const [{ data, fetching, error }, refetch] = useAlgorithms({
    first: PAGE_SIZE,
    after: pager.after,
    search: search || null,
    ordering,
  });
  const [deleting, deleteAlgorithm] = useDeleteAlgorithm();
  const [running, setRunning] = useState<RunnableAlgorithm | null>(null);

  if (error && !data) {
    return <QueryErrorState error={error} refetch={refetch} />;
  }
  if (!data) return <LoadingState label="Loading algorithms…" />;

  const algorithms = data.algorithms.edges.map((edge) => edge.node);
  if (algorithms.length === 0 && pager.page === 1 && !search) {
    return (
      <EmptyState
        icon={<IconCpu size={24} />}
        title="No algorithms yet"
        description="An algorithm says how to run an image: its command, environment and limits."
        action={emptyAction}
      />
    );
  }

  const remove = async (id: string, name: string) => {
    const result = await deleteAlgorithm({ id }, { additionalTypenames: ["Algorithm"] });
    const outcome = outcomeOf(result.data?.deleteAlgorithm, result.error);
    notifyOutcome(outcome, {
      success: `Algorithm “${name}” deleted.`,
      failure: `Could not delete “${name}”`,
    });
  };

  const searchBox = (
    <SearchInput
      placeholder="Search by name"
      ariaLabel="Search algorithms by name"
      value={search}
      onSearch={setSearch}
      maw={320}
      mb="md"
    />
  );
  if (algorithms.length === 0) {
    return (
      <>
        {searchBox}
        <EmptyState title="No algorithm matches" description={`Nothing is named like “${search}”.`} />
      </>
    );
  }

  return (
    <>
      {searchBox}
      <ListTable
        label="Algorithms"
        minWidth={820}
        busy={fetching}
        head={
          <>
            <SortableTh
              label="Name"
              sorted={ariaSort(sort, "name")}
              onSort={() => {
                onSort("name");
              }}
            />
            <Table.Th>Image</Table.Th>
            <Table.Th>Command</Table.Th>
            <Table.Th>Limits</Table.Th>
            <SortableTh
              label="Updated"
              sorted={ariaSort(sort, "updated")}
              onSort={() => {
                onSort("updated");
              }}
            />
            <Table.Th style={{ textAlign: "right" }}>Actions</Table.Th>
          </>
        }
      >
        {algorithms.map((algorithm) => (
          <Table.Tr key={algorithm.id}>
            <Table.Td maw={260}>
              <Group gap={6} wrap="nowrap">
                <Text
                  component={Link}
                  to={paths.algorithm(algorithm.id)}
                  fw={600}
                  size="sm"
                  c="var(--mantine-color-anchor)"
                >
                  {algorithm.name}
                </Text>
                {algorithm.isPublic ? (
                  <Badge size="xs" variant="outline" color="gray">
                    public
                  </Badge>
                ) : null}
              </Group>
              {algorithm.description ? (
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {algorithm.description}
                </Text>
              ) : null}
              <Text size="xs" c="dimmed">
                by {algorithm.owner.username}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{algorithm.image.name}</Text>
              {imageReadiness(algorithm.image) !== "ready" ? (
                <Badge
                  size="xs"
                  variant="light"
                  color={algorithm.image.status === "FAILED" ? "red" : "yellow"}
                  data-image-status={algorithm.image.status}
                >
                  {algorithm.image.status === "FAILED" ? "image failed" : "image pending"}
                </Badge>
              ) : null}
            </Table.Td>
            <Table.Td maw={320}>
              <Text ff="monospace" size="xs" lineClamp={2} title={algorithm.command}>
                {algorithm.command || (
                  <Text span c="dimmed" size="xs">
                    image default
                  </Text>
                )}
              </Text>
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                <Badge variant="light" color="gray" size="sm" tt="none">
                  {algorithm.memoryMb} MB
                </Badge>
                <Badge variant="light" color="gray" size="sm" tt="none">
                  {algorithm.cpus} CPU
                </Badge>
                <Badge variant="light" color="gray" size="sm" tt="none">
                  {formatDuration(algorithm.timeoutS * 1000)}
                </Badge>
                {algorithm.gpu ? (
                  <Badge variant="light" color="violet" size="sm" tt="none">
                    GPU
                  </Badge>
                ) : null}
                {algorithm.cacheResults ? (
                  <Tooltip label="Reuses earlier identical results" withArrow>
                    <Badge variant="light" color="cyan" size="sm" tt="none">
                      reuse
                    </Badge>
                  </Tooltip>
                ) : null}
                {algorithm.network ? (
                  <Tooltip label="Network access" withArrow>
                    <Badge
                      variant="light"
                      color="orange"
                      size="sm"
                      tt="none"
                      leftSection={<IconWorld size={10} />}
                    >
                      net
                    </Badge>
                  </Tooltip>
                ) : null}
              </Group>
            </Table.Td>
            <Table.Td>
              <Tooltip label={formatDateTime(algorithm.updatedAt)} withArrow>
                <Text size="sm">{formatRelative(algorithm.updatedAt)}</Text>
              </Tooltip>
            </Table.Td>
            <Table.Td>
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconPlayerPlay size={14} />}
                  onClick={() => {
                    setRunning(algorithm);
                  }}
                  aria-label={`Run ${algorithm.name}`}
                >
                  Run
                </Button>
                <Tooltip label="Edit" withArrow>
                  <ActionIcon
                    component={Link}
                    to={paths.algorithm(algorithm.id)}
                    variant="subtle"
                    color="gray"
                    aria-label={`Edit ${algorithm.name}`}
                  >
                    <IconPencil size={16} />
                  </ActionIcon>
                </Tooltip>
                <ConfirmAction
                  label={`Delete algorithm ${algorithm.name}`}
                  message={`Delete “${algorithm.name}”? Its tasks keep the run spec they recorded.`}
                  icon={<IconTrash size={16} />}
                  loading={deleting.fetching && deleting.operation?.variables.id === algorithm.id}
                  onConfirm={() => remove(algorithm.id, algorithm.name)}
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <CursorPagination
        pager={pager}
        pageInfo={data.algorithms.pageInfo}
        pageSize={PAGE_SIZE}
        shown={algorithms.length}
        total={data.algorithms.totalCount}
        noun="algorithms"
      />
      <RunAlgorithmModal
        algorithm={running}
        onClose={() => {
          setRunning(null);
        }}
        onStarted={(taskId) => {
          setRunning(null);
          onRunStarted(taskId);
        }}
      />
    </>
  );
}
