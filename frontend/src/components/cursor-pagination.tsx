import { Button, Group, Text } from "@mantine/core";
import { IconChevronLeft, IconChevronRight } from "@tabler/icons-react";
import { countNoun, formatCount } from "@/lib/format";
import type { ListPager } from "@/lib/use-list-state";

interface CursorPaginationProps {
  readonly pager: ListPager;
  /** The connection's `pageInfo` for the page shown. */
  readonly pageInfo: { readonly hasNextPage: boolean };
  readonly pageSize: number;
  readonly shown: number;
  readonly total: number | null | undefined;
  /** Plural ("images"); one of them is written without the final "s". */
  readonly noun: string;
}

/** "1–25 of 80 images" with Previous / Next, driven by a `useListState`'s pager. */
export function CursorPagination(props: CursorPaginationProps) {
  const { pager, pageInfo, pageSize, shown, total, noun } = props;
  const { page } = pager;
  const { hasNextPage } = pageInfo;
  const first = shown === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = (page - 1) * pageSize + shown;
  if (page === 1 && !hasNextPage && shown <= pageSize && (total ?? 0) <= pageSize) {
    return (
      <Text size="xs" c="dimmed" mt="sm">
        {countNoun(total ?? shown, noun)}
      </Text>
    );
  }
  return (
    <Group justify="space-between" mt="sm" wrap="wrap" gap="xs">
      <Text size="xs" c="dimmed">
        {shown === 0 ? (
          `No ${noun} on page ${formatCount(page)}`
        ) : (
          <>
            {formatCount(first)}–{formatCount(last)}
            {typeof total === "number" ? ` of ${formatCount(total)}` : ""}{" "}
            {total === 1 ? noun.replace(/s$/, "") : noun}
          </>
        )}
      </Text>
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconChevronLeft size={14} />}
          onClick={pager.previous}
          disabled={page <= 1}
        >
          Previous
        </Button>
        <Button
          size="xs"
          variant="default"
          rightSection={<IconChevronRight size={14} />}
          onClick={pager.next}
          disabled={!hasNextPage}
        >
          Next
        </Button>
      </Group>
    </Group>
  );
}
