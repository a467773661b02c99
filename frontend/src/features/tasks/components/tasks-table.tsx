import { Group, Table, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconListDetails } from "@tabler/icons-react";
import { useCallback, useLayoutEffect, useMemo, useState, type ReactNode } from "react";
import { ListTable } from "@/components/list-table";
import { ListView } from "@/components/list-view";
import { SortableTh } from "@/components/sortable-th";
import { EmptyState } from "@/components/states";
import { useTaskUpdates } from "@/features/tasks/api/task-updates";
import { useTasks } from "@/features/tasks/api/tasks";
import { useTaskListParams } from "@/features/tasks/hooks/use-task-list-params";
import { CancelSelectedButton } from "@/features/tasks/components/cancel-selected-button";
import { TaskCards } from "@/features/tasks/components/task-cards";
import { TaskListFilterBar } from "@/features/tasks/components/task-list-filters";
import { SelectAllTasks, TaskRows } from "@/features/tasks/components/task-rows";
import { createRowsStore } from "@/features/tasks/utils/rows-store";
import { mergeLiveTasks, toTaskFilter } from "@/features/tasks/utils/live-tasks";
import { isActive } from "@/features/tasks/utils/status";
import { isDefaultSort } from "@/features/tasks/utils/task-sort";
import { useOnReconnect } from "@/lib/live-connection-context";
import { useNow } from "@/lib/use-now";

export function TasksTable({ emptyAction }: { readonly emptyAction?: ReactNode }) {
  // Filters, search, sort and page live in the URL: a reload keeps them and a view can be shared.
  const params = useTaskListParams();
  const { filters, sort, onSort, pager, pageSize } = params;
  const { search, statuses, algorithmId, setSearch, setStatuses, setAlgorithmId, setSort } = params;

  const [{ data, fetching, error }, refetch] = useTasks({
    first: pageSize,
    after: pager.after,
    filters: toTaskFilter(filters),
    ordering: params.ordering,
  });
  const [updates] = useTaskUpdates(null);
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
        !isDefaultSort(sort),
      ),
    [data, updates.data, filters, pager.page, sort],
  );
  // New tasks push older ones to the next page: a page never grows past its size, however many arrive.
  const tasks = merged.tasks.slice(0, pageSize);
  const anyActive = tasks.some((task) => isActive(task.status));

  // Only unfinished tasks on this page can be selected; a selected task that ends drops out by itself.
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const selectable = tasks.filter((task) => isActive(task.status)).map((task) => task.id);
  const chosen = selectable.filter((id) => selected.has(id));
  const toggle = useCallback(
    (id: string, on: boolean) => {
      setSelected((current) => {
        const next = new Set(current);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      });
    },
    [setSelected],
  );
  const [rowsStore] = useState(createRowsStore);
  const selectAll = useCallback(
    (on: boolean) => {
      const active = rowsStore.get().tasks.filter((task) => isActive(task.status));
      setSelected(new Set(on ? active.map((task) => task.id) : []));
    },
    [rowsStore, setSelected],
  );
  useLayoutEffect(() => {
    rowsStore.set({ tasks, selected, toggle, selectAll });
  });
  // The table's own props stay the same while only tasks change: its rows render from the store.
  const rows = useMemo(() => <TaskRows store={rowsStore} />, [rowsStore]);
  // The same head while only tasks change (`onSort` reads the sort from the URL when clicked).
  const head = useMemo(
    () => (
      <>
        <Table.Th w={40}>
          <SelectAllTasks store={rowsStore} />
        </Table.Th>
        <Table.Th>Task</Table.Th>
        <SortableTh label="Status" column="status" sort={sort} onSort={onSort} />
        <SortableTh label="Algorithm" column="algorithm" sort={sort} onSort={onSort} />
        <SortableTh label="Input" column="input" sort={sort} onSort={onSort} />
        <Table.Th>Output</Table.Th>
        <Table.Th>Waited</Table.Th>
        <Table.Th>Ran</Table.Th>
        <SortableTh label="Created" column="created" sort={sort} onSort={onSort} />
        <Table.Th aria-label="Actions" />
      </>
    ),
    [sort, rowsStore, onSort],
  );

  const compact = useMediaQuery("(max-width: 48em)");
  // The cards (phones) take the time from here; the table's rows tick in their own LiveText.
  const now = useNow(1000, anyActive && compact);
  const totalCount = data?.tasks.totalCount ?? null;
  // The same element while only tasks change, so that live updates skip the bar's render (Mantine's
  // comboboxes and responsive widths were a good part of each frame's work).
  const toolbar = useMemo(
    () => (
      <TaskListFilterBar
        search={search}
        statuses={statuses}
        algorithmId={algorithmId}
        setSearch={setSearch}
        setStatuses={setStatuses}
        setAlgorithmId={setAlgorithmId}
        sort={sort}
        setSort={setSort}
        compact={compact}
      />
    ),
    [search, statuses, algorithmId, setSearch, setStatuses, setAlgorithmId, sort, setSort, compact],
  );

  return (
    <ListView
      list={params}
      noun="tasks"
      connection={data?.tasks}
      error={error}
      refetch={refetch}
      shown={tasks.length}
      total={totalCount === null ? null : totalCount + merged.added - merged.removed}
      toolbar={toolbar}
      empty={
        <EmptyState
          icon={<IconListDetails size={24} />}
          title="No tasks yet"
          description="Run an algorithm on a dataset and its task shows up here, live."
          action={emptyAction}
        />
      }
      noMatch={
        <EmptyState
          title="No task matches"
          description="Change or clear the search and filters to see more tasks."
        />
      }
    >
      {selectable.length > 0 ? (
        <Group gap="sm" mb="xs" mih={36}>
          {/* The cards have no header row: their select-all box is here. */}
          {compact ? <SelectAllTasks store={rowsStore} label="All" /> : null}
          {chosen.length > 0 ? (
            <CancelSelectedButton
              taskIds={chosen}
              onDone={() => {
                setSelected(new Set());
              }}
            />
          ) : (
            <Text size="sm" c="dimmed">
              Select unfinished tasks to cancel several at once.
            </Text>
          )}
        </Group>
      ) : null}
      {compact ? (
        <TaskCards tasks={tasks} now={now} selected={selected} onSelect={toggle} />
      ) : (
        <ListTable label="Tasks" minWidth={940} busy={fetching} noWrap head={head}>
          {rows}
        </ListTable>
      )}
    </ListView>
  );
}
