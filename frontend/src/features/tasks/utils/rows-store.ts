import type { TaskFieldsFragment } from "@/gql/graphql";

/** What the table's body shows: the page's tasks and which of them are selected. */
export interface RowsState {
  readonly tasks: readonly TaskFieldsFragment[];
  readonly selected: ReadonlySet<string>;
  readonly toggle: (taskId: string, on: boolean) => void;
  readonly selectAll: (on: boolean) => void;
}

/**
 * The rows' state outside React's tree, so that a frame of live updates renders the rows (and the
 * select-all box) without rendering the table around them. A render of Mantine's `Table` gives its
 * context a new value, and React then walks every cell under it looking for readers: that walk was
 * most of what remained of the long tasks while 300 tasks changed state.
 */
export function createRowsStore() {
  let state: RowsState = {
    tasks: [],
    selected: new Set(),
    toggle: () => undefined,
    selectAll: () => undefined,
  };
  const listeners = new Set<() => void>();
  const get = (): RowsState => state;
  const set = (next: RowsState): void => {
    if (next === state) return;
    state = next;
    listeners.forEach((listener) => {
      listener();
    });
  };
  const subscribe = (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  return { get, set, subscribe };
}

export type RowsStore = ReturnType<typeof createRowsStore>;
