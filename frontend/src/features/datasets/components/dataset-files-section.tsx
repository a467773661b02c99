import { Badge, Button, Group, Paper, Text, Title } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { FileTreeView, type TreeItem } from "@/features/datasets/components/file-tree-view";
import type { DatasetDetailState } from "@/features/datasets/hooks/use-dataset-detail";

interface DatasetFilesSectionProps {
  readonly detail: DatasetDetailState;
  /** All the dataset's files, of which `detail.files` are the pages loaded so far. */
  readonly totalCount: number | null;
  /** Clicking a file's name opens its preview. */
  readonly onOpen: (file: TreeItem) => void;
}

/** The dataset's files as a tree: select some to remove them, load more a page at a time. */
export function DatasetFilesSection({ detail, totalCount, onOpen }: DatasetFilesSectionProps) {
  const { files } = detail;
  return (
    <Paper withBorder radius="md">
      <Group
        justify="space-between"
        px="md"
        py="sm"
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        <Group gap="xs">
          <Title order={4}>Files</Title>
          {detail.fetching ? (
            <Badge variant="light" color="gray" size="sm">
              refreshing
            </Badge>
          ) : null}
        </Group>
        <SelectionActions detail={detail} />
      </Group>
      {files.length === 0 ? (
        <Text c="dimmed" size="sm" p="md">
          This dataset has no files.
        </Text>
      ) : (
        <FileTreeView
          root={detail.tree}
          selected={detail.selected}
          selectable
          onOpen={onOpen}
          onSelect={detail.select}
        />
      )}
      {detail.hasNextPage ? (
        <Group justify="center" p="sm">
          <Button
            variant="default"
            size="xs"
            loading={detail.loadingMore}
            onClick={() => void detail.loadMore()}
          >
            Load more files ({files.length.toLocaleString()} of {totalCount?.toLocaleString()})
          </Button>
        </Group>
      ) : null}
    </Paper>
  );
}

/** How many files are selected, with clearing and removing them; a hint while none are. */
function SelectionActions({ detail }: { readonly detail: DatasetDetailState }) {
  const { selected } = detail;
  return (
    <Group gap="xs">
      {selected.size > 0 ? (
        <>
          <Text size="sm" c="dimmed">
            {selected.size.toLocaleString()} selected
          </Text>
          <Button size="xs" variant="subtle" color="gray" onClick={detail.clearSelection}>
            Clear
          </Button>
          <Button
            size="xs"
            color="red"
            leftSection={<IconTrash size={14} />}
            loading={detail.removing}
            onClick={() => void detail.removeSelected()}
          >
            Remove selected
          </Button>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          Select files to remove them
        </Text>
      )}
    </Group>
  );
}
