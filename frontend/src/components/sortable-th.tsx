import { Group, Table, Text, UnstyledButton } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconArrowsSort } from "@tabler/icons-react";
import { ariaSort, type ListSort } from "@/lib/list-sort";

interface SortableThProps<K extends string> {
  readonly label: string;
  /** The column this header sorts by. */
  readonly column: K;
  /** How the list is sorted now. */
  readonly sort: ListSort<K>;
  /** A click: `useListState`'s `onSort`. */
  readonly onSort: (column: K) => void;
  readonly align?: "left" | "right";
}

/** A column header that sorts the list when clicked and says how it is sorted (`aria-sort`). */
export function SortableTh<K extends string>({
  label,
  column,
  sort,
  onSort,
  align = "left",
}: SortableThProps<K>) {
  const sorted = ariaSort(sort, column);
  const Icon =
    sorted === "ascending" ? IconArrowUp : sorted === "descending" ? IconArrowDown : IconArrowsSort;
  return (
    <Table.Th aria-sort={sorted} style={align === "right" ? { textAlign: "right" } : undefined}>
      <UnstyledButton
        onClick={() => {
          onSort(column);
        }}
        aria-label={`Sort by ${label.toLowerCase()}`}
      >
        <Group gap={4} wrap="nowrap" justify={align === "right" ? "flex-end" : "flex-start"}>
          <Text fw={700} size="sm" inherit>
            {label}
          </Text>
          <Icon size={14} opacity={sorted === "none" ? 0.4 : 1} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
