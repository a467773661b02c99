import { Group, Table, Text, UnstyledButton } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconArrowsSort } from "@tabler/icons-react";

interface SortableThProps {
  readonly label: string;
  /** How the list is sorted by this column (`aria-sort`). */
  readonly sorted: "ascending" | "descending" | "none";
  readonly onSort: () => void;
  readonly align?: "left" | "right";
}

/** A column header that sorts the list when clicked and says how it is sorted (`aria-sort`). */
export function SortableTh({ label, sorted, onSort, align = "left" }: SortableThProps) {
  const Icon =
    sorted === "ascending" ? IconArrowUp : sorted === "descending" ? IconArrowDown : IconArrowsSort;
  return (
    <Table.Th aria-sort={sorted} style={align === "right" ? { textAlign: "right" } : undefined}>
      <UnstyledButton onClick={onSort} aria-label={`Sort by ${label.toLowerCase()}`}>
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
