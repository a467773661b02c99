import { ActionIcon, Badge, Button, Group, Table, Text, Tooltip } from "@mantine/core";
import { IconCpu, IconPencil, IconPlayerPlay, IconTrash, IconWorld } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import { ConfirmAction } from "@/components/confirm-button";
import { ListTable } from "@/components/list-table";
import { ListView } from "@/components/list-view";
import { SortableTh } from "@/components/sortable-th";
import { notifyOutcome } from "@/components/notify-outcome";
import { EmptyState } from "@/components/states";
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
import { listSorting } from "@/lib/list-sort";
import { outcomeOf } from "@/lib/operation-info";
import { useListState } from "@/lib/use-list-state";

const SORTING = listSorting<"name" | "updated" | "created", AlgorithmOrder>({
  columns: {
    name: (way) => ({ name: way }),
    updated: (way) => ({ updatedAt: way }),
    created: (way) => ({ createdAt: way }),
  },
  fallback: { key: "created", descending: true },
  newestFirst: ["updated", "created"],
  tieBreak: { createdAt: "DESC" },
});

interface AlgorithmsTableProps {
  readonly onRunStarted: (taskId: string) => void;
  readonly emptyAction?: ReactNode;
}

export function AlgorithmsTable({ onRunStarted, emptyAction }: AlgorithmsTableProps) {
  const list = useListState(SORTING);
  const { sort, onSort } = list;
  const [{ data, fetching, error }, refetch] = useAlgorithms({
    first: list.pageSize,
    after: list.pager.after,
    search: list.search || null,
    ordering: list.ordering,
  });
  const [deleting, deleteAlgorithm] = useDeleteAlgorithm();
  const [running, setRunning] = useState<RunnableAlgorithm | null>(null);

  const algorithms = data?.algorithms.edges.map((edge) => edge.node) ?? [];

  const remove = async (id: string, name: string) => {
    const result = await deleteAlgorithm({ id }, { additionalTypenames: ["Algorithm"] });
    const outcome = outcomeOf(result.data?.deleteAlgorithm, result.error);
    notifyOutcome(outcome, {
      success: `Algorithm “${name}” deleted.`,
      failure: `Could not delete “${name}”`,
    });
  };

  return (
    <>
      <ListView
        list={list}
        noun="algorithms"
        connection={data?.algorithms}
        error={error}
        refetch={refetch}
        shown={algorithms.length}
        empty={
          <EmptyState
            icon={<IconCpu size={24} />}
            title="No algorithms yet"
            description="An algorithm says how to run an image: its command, environment and limits."
            action={emptyAction}
          />
        }
      >
        <ListTable
          label="Algorithms"
          minWidth={820}
          busy={fetching}
          head={
            <>
              <SortableTh label="Name" column="name" sort={sort} onSort={onSort} />
              <Table.Th>Image</Table.Th>
              <Table.Th>Command</Table.Th>
              <Table.Th>Limits</Table.Th>
              <SortableTh label="Updated" column="updated" sort={sort} onSort={onSort} />
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
      </ListView>
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
