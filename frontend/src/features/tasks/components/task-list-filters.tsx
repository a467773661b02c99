import { Group, MultiSelect, Select } from "@mantine/core";
import { SearchInput } from "@/components/search-input";
import { SortSelect } from "@/components/sort-select";
import type { TaskStatus } from "@/gql/graphql";
import { useAlgorithmOptions } from "@/features/tasks/api/algorithm-options";
import { STATUS_META, TASK_STATUSES } from "@/features/tasks/utils/status";
import { TASK_SORT_LABELS, TASK_SORTING, type TaskSort } from "@/features/tasks/utils/task-sort";

interface TaskListFiltersProps {
  readonly search: string;
  readonly statuses: readonly TaskStatus[];
  readonly algorithmId: string | null;
  readonly setSearch: (value: string) => void;
  readonly setStatuses: (value: readonly TaskStatus[]) => void;
  readonly setAlgorithmId: (value: string | null) => void;
  readonly sort: TaskSort;
  readonly setSort: (value: TaskSort) => void;
  /** Phones: the cards have no column headers, so the sort is chosen here. */
  readonly compact: boolean;
}

/**
 * Search, status and algorithm above the tasks list (and the sort, on a phone); the search reaches the
 * URL after a pause in typing.
 */
export function TaskListFilterBar(props: TaskListFiltersProps) {
  const { search, statuses, algorithmId, setSearch, setStatuses, setAlgorithmId, sort, setSort } = props;
  const [algorithms] = useAlgorithmOptions();
  return (
    <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
      <SearchInput
        label="Search"
        placeholder="Task number, algorithm, dataset, failure…"
        value={search}
        onSearch={setSearch}
        w={{ base: "100%", xs: 300 }}
      />
      <MultiSelect
        label="Status"
        placeholder={statuses.length === 0 ? "Any status" : undefined}
        data={TASK_STATUSES.map((status) => ({ value: status, label: STATUS_META[status].label }))}
        value={[...statuses]}
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
      {props.compact ? (
        <SortSelect
          sorting={TASK_SORTING}
          labels={TASK_SORT_LABELS}
          sort={sort}
          onChange={setSort}
          w={{ base: "100%", xs: 260 }}
        />
      ) : null}
    </Group>
  );
}
