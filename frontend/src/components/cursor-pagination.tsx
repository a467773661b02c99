import { Button, Group, Text } from "@mantine/core";
import { IconChevronLeft, IconChevronRight } from "@tabler/icons-react";

interface CursorPaginationProps {
  readonly page: number;
  readonly pageSize: number;
  readonly shown: number;
  readonly total: number | null | undefined;
  readonly hasNextPage: boolean;
  readonly onNext: () => void;
  readonly onPrevious: () => void;
  readonly noun: string;
}

export function CursorPagination(props: CursorPaginationProps) {
  const { page, pageSize, shown, total, hasNextPage, onNext, onPrevious, noun } = props;
  const first = shown === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = (page - 1) * pageSize + shown;
  if (page === 1 && !hasNextPage && shown <= pageSize && (total ?? 0) <= pageSize) {
    return (
      <Text size="xs" c="dimmed" mt="sm">
        {(total ?? shown).toLocaleString()} {noun}
      </Text>
    );
  }
  return (
    <Group justify="space-between" mt="sm" wrap="wrap" gap="xs">
      <Text size="xs" c="dimmed">
        {first.toLocaleString()}–{last.toLocaleString()}
        {typeof total === "number" ? ` of ${total.toLocaleString()}` : ""} {noun}
      </Text>
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconChevronLeft size={14} />}
          onClick={onPrevious}
          disabled={page <= 1}
        >
          Previous
        </Button>
        <Button
          size="xs"
          variant="default"
          rightSection={<IconChevronRight size={14} />}
          onClick={onNext}
          disabled={!hasNextPage}
        >
          Next
        </Button>
      </Group>
    </Group>
  );
}
