import { Paper, Table } from "@mantine/core";
import { memo, type ReactNode } from "react";

interface ListTableProps {
  /** The table's accessible name. */
  readonly label: string;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  readonly minWidth: number;
  /** True while a refetch is under way (the rows shown may be stale). */
  readonly busy: boolean;
  /** Keep every cell on one line. */
  readonly noWrap?: boolean;
  /** The header row's cells (`Table.Th`). */
  readonly head: ReactNode;
  /** The body rows (`Table.Tr`). */
  readonly children: ReactNode;
}

/**
 * The bordered, horizontally scrolling table that every list page uses. Memoised: a table whose props
 * did not change is not rendered again (its rows may still render on their own, see TaskRows).
 */
export const ListTable = memo(function ListTable({
  label,
  minWidth,
  busy,
  noWrap = false,
  head,
  children,
}: ListTableProps) {
  return (
    <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
      <Table.ScrollContainer minWidth={minWidth} type="native">
        <Table
          styles={noWrap ? { td: { whiteSpace: "nowrap" } } : undefined}
          verticalSpacing="sm"
          highlightOnHover
          aria-label={label}
          aria-busy={busy}
        >
          <Table.Thead>
            <Table.Tr>{head}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>{children}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
});
