import { Checkbox } from "@mantine/core";
import { useSyncExternalStore } from "react";
import { TaskRow } from "@/features/tasks/components/task-row";
import { isActive } from "@/features/tasks/utils/status";
import type { RowsState, RowsStore } from "@/features/tasks/utils/rows-store";

function useRows(store: RowsStore): RowsState {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/** The table's body rows, rendered from the store. */
export function TaskRows({ store }: { readonly store: RowsStore }) {
  const { tasks, selected, toggle } = useRows(store);
  return tasks.map((task) => (
    <TaskRow key={task.id} task={task} selected={selected.has(task.id)} onSelect={toggle} />
  ));
}

/** The box that selects every unfinished task on the page: in the table's header, above the cards. */
export function SelectAllTasks({ store, label }: { readonly store: RowsStore; readonly label?: string }) {
  const { tasks, selected, selectAll } = useRows(store);
  const selectable = tasks.filter((task) => isActive(task.status));
  const chosen = selectable.filter((task) => selected.has(task.id)).length;
  return (
    <Checkbox
      label={label}
      aria-label="Select all unfinished tasks on this page"
      checked={chosen > 0 && chosen === selectable.length}
      indeterminate={chosen > 0 && chosen < selectable.length}
      disabled={selectable.length === 0}
      onChange={(event) => {
        selectAll(event.currentTarget.checked);
      }}
    />
  );
}
