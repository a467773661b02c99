import { Anchor, Group, MultiSelect, Select, Table, Text, Tooltip } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconListDetails } from "@tabler/icons-react";
import { useCallback, useMemo, type ReactNode } from "react";
import { Link } from "react-router";
import { CursorPagination } from "@/components/cursor-pagination";
import { ListTable } from "@/components/list-table";
import { EmptyState, LoadingState, QueryErrorState } from "@/components/states";
import { paths } from "@/config/paths";
import type { TaskStatus } from "@/gql/graphql";
import { useAlgorithmOptions } from "@/features/tasks/api/algorithm-options";
import { useTaskUpdates } from "@/features/tasks/api/task-updates";
import { useTasks } from "@/features/tasks/api/tasks";
import { useTaskListParams } from "@/features/tasks/hooks/use-task-list-params";
import { CancelTaskButton } from "@/features/tasks/components/cancel-task-button";
import { StatusBadge } from "@/features/tasks/components/status-badge";
import { TaskCards } from "@/features/tasks/components/task-cards";
import { mergeLiveTasks, taskNumber, toTaskFilter } from "@/features/tasks/utils/live-tasks";
import { isActive, STATUS_META, TASK_STATUSES } from "@/features/tasks/utils/status";
import { durationBetween, formatBytes, formatDateTime, formatDuration, formatRelative } from "@/lib/format";
import { useOnReconnect } from "@/lib/live-connection-context";
import { useNow } from "@/lib/use-now";

const PAGE_SIZE = 25;

export function TasksTable({ emptyAction }: { readonly emptyAction?: ReactNode }) {
  // Filters and page live in the URL: a reload keeps them and a view can be shared.
  const { filters, statuses, algorithmId, setStatuses, setAlgorithmId, pager } = useTaskListParams(PAGE_SIZE);

  const [{ data, fetching, error }, refetch] = useTasks({
    first: PAGE_SIZE,
    after: pager.after,
    filters: toTaskFilter(filters),
  });
  const [updates] = useTaskUpdates(null);
  const [algorithms] = useAlgorithmOptions();
  useOnReconnect(
    useCallback(() => {
      refetch({ requestPolicy: "network-only" });
    }, [refetch]),
  );

  const merged = useMemo(
    () =>
      mergeLiveTasks(
        data?.tasks.edges.map((edge) => edge.node) ?? [],
        updates.data,
        filters,
        pager.page === 1,
      ),
    [data, updates.data, filters, pager.page],
  );
  const anyActive = merged.tasks.some((task) => isActive(task.status));
  const now = useNow(1000, anyActive);

  const compact = useMediaQuery("(max-width: 48em)");
  const filtered = statuses.length > 0 || algorithmId !== null;
  const filterBar = (
    <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
      <MultiSelect
        label="Status"
        placeholder={statuses.length === 0 ? "Any status" : undefined}
        data={TASK_STATUSES.map((status) => ({ value: status, label: STATUS_META[status].label }))}
        value={statuses}
        onChange={(value) => {
          setStatuses(value as TaskStatus[]);
        }}
        clearable
        w={{ base: "100%", xs: 300 }}
      />
      <Select
        label="Algorithm"
        placeholder="Any algorithm"
        data={(algorithms.data?.algorithms.edges ?? []).map(({ node }) => ({
          value: node.id,
          label: node.name,
        }))}
        value={algorithmId}
        onChange={setAlgorithmId}
        searchable
        clearable
        nothingFoundMessage="No algorithm"
        w={{ base: "100%", xs: 260 }}
      />
    </Group>
  );

  let body: ReactNode;
  if (error && !data) {
    body = <QueryErrorState error={error} refetch={refetch} />;
  } else if (!data) {
    body = <LoadingState label="Loading tasks…" />;
  } else if (merged.tasks.length === 0) {
    body = filtered ? (
      <EmptyState title="No task matches" description="Change or clear the filters to see more tasks." />
    ) : (
      <EmptyState
        icon={<IconListDetails size={24} />}
        title="No tasks yet"
        description="Run an algorithm on a dataset and its task shows up here, live."
        action={emptyAction}
      />
    );
  } else {
    body = (
      <>
        {compact ? (
          <TaskCards tasks={merged.tasks} now={now} />
        ) : (
          <ListTable
            label="Tasks"
            minWidth={900}
            busy={fetching}
            noWrap
            head={
              <>
                <Table.Th>Task</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Algorithm</Table.Th>
                <Table.Th>Input</Table.Th>
                <Table.Th>Output</Table.Th>
                <Table.Th>Waited</Table.Th>
                <Table.Th>Ran</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th aria-label="Actions" />
              </>
            }
          >
            {merged.tasks.map((task) => (
              <Table.Tr key={task.id} data-task-id={task.id}>
                <Table.Td>
                  <Anchor component={Link} to={paths.task(task.id)} fw={600} size="sm">
                    Task {taskNumber(task.id)}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    by {task.owner.username}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={task.status} size="sm" />
                  {task.status === "FAILED" && task.exitCode !== null ? (
                    <Text size="xs" c="dimmed">
                      exit {task.exitCode}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{task.algorithm?.name ?? task.spec.algorithmName}</Text>
                  <Text size="xs" c="dimmed">
                    {task.spec.imageName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {task.inputDataset ? (
                    <>
                      <Anchor component={Link} to={paths.dataset(task.inputDataset.id)} size="sm">
                        {task.inputDataset.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {task.inputDataset.fileCount.toLocaleString()} files ·{" "}
                        {formatBytes(task.inputDataset.size)}
                      </Text>
                    </>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {task.outputDataset ? (
                    <Anchor component={Link} to={paths.dataset(task.outputDataset.id)} size="sm">
                      {task.outputDataset.fileCount.toLocaleString()} files
                    </Anchor>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {formatDuration(
                      durationBetween(
                        task.queuedAt ?? task.createdAt,
                        task.startedAt ?? task.finishedAt,
                        now,
                      ),
                    )}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={task.status === "RUNNING" ? 600 : undefined}>
                    {formatDuration(durationBetween(task.startedAt, task.finishedAt, now))}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Tooltip label={formatDateTime(task.createdAt)} withArrow>
                    <Text size="sm">{formatRelative(task.createdAt, now)}</Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td style={{ textAlign: "right" }}>
                  {isActive(task.status) ? (
                    <CancelTaskButton taskId={task.id} ariaLabel={`Cancel task ${taskNumber(task.id)}`} />
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
        <CursorPagination
          pager={pager}
          pageInfo={data.tasks.pageInfo}
          pageSize={PAGE_SIZE}
          shown={merged.tasks.length}
          total={
            data.tasks.totalCount === null ? null : data.tasks.totalCount + merged.added - merged.removed
          }
          noun="tasks"
        />
      </>
    );
  }

  return (
    <>
      {filterBar}
      {body}
    </>
  );
}
