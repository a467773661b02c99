import { Badge, Button, Collapse, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDownload, IconFilePlus, IconTrash } from "@tabler/icons-react";
import { useCallback, useMemo, useState, type ReactNode } from "react";
import { useClient } from "urql";
import { ConfirmButton } from "@/components/confirm-button";
import { notifyOutcome } from "@/components/notify-outcome";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { PageHeader } from "@/components/page-header";
import { DatasetQuery, useDataset } from "@/features/datasets/api/dataset";
import { useDeleteDataset } from "@/features/datasets/api/delete-dataset";
import { useRemoveDatasetFiles } from "@/features/datasets/api/remove-dataset-files";
import { useDatasetLineage } from "@/features/datasets/api/dataset-lineage";
import { AddFilesForm } from "@/features/datasets/components/add-files-form";
import { DatasetLineage, MadeBy } from "@/features/datasets/components/dataset-lineage";
import { FilePreview } from "@/features/datasets/components/file-preview";
import { FileTreeView, type TreeItem } from "@/features/datasets/components/file-tree-view";
import { buildFileTree } from "@/features/datasets/utils/file-tree";
import { formatBytes, formatDateTime } from "@/lib/format";
import { errorMessage, outcomeOf } from "@/lib/operation-info";

const FILES_PAGE = 100;
const LINEAGE_DEPTH = 10;

interface DatasetDetailProps {
  readonly id: string;
  readonly onDeleted: () => void;
  readonly breadcrumbs?: ReactNode;
}

export function DatasetDetail({ id, onDeleted, breadcrumbs }: DatasetDetailProps) {
  const client = useClient();
  const [{ data, error, fetching }, refetch] = useDataset({ id, first: FILES_PAGE, after: null });
  const [provenance] = useDatasetLineage(id, LINEAGE_DEPTH);
  const origin = provenance.data?.dataset ?? null;
  const [more, setMore] = useState<{
    files: TreeItem[];
    endCursor: string | null;
    hasNextPage: boolean;
  } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [adding, setAdding] = useState(false);
  const [previewing, setPreviewing] = useState<TreeItem | null>(null);
  const [removing, removeFiles] = useRemoveDatasetFiles();
  const [deleting, deleteDataset] = useDeleteDataset();

  const dataset = data?.dataset ?? null;
  const files = useMemo<TreeItem[]>(
    () => [...(dataset?.files.edges.map((edge) => edge.node) ?? []), ...(more?.files ?? [])],
    [dataset, more],
  );
  const tree = useMemo(() => buildFileTree(files), [files]);
  const pageInfo = more ?? dataset?.files.pageInfo;

  const refresh = useCallback(() => {
    setMore(null);
    setSelected(new Set());
    refetch({ requestPolicy: "network-only" });
  }, [refetch]);

  const loadMore = async () => {
    if (!pageInfo?.endCursor) return;
    setLoadingMore(true);
    const result = await client
      .query(
        DatasetQuery,
        { id, first: FILES_PAGE, after: pageInfo.endCursor },
        { requestPolicy: "network-only" },
      )
      .toPromise();
    setLoadingMore(false);
    const page = result.data?.dataset?.files;
    if (!page) {
      notifications.show({
        color: "red",
        message: result.error ? errorMessage(result.error) : "Could not load more files.",
      });
      return;
    }
    setMore((current) => ({
      files: [...(current?.files ?? []), ...page.edges.map((edge) => edge.node)],
      endCursor: page.pageInfo.endCursor ?? null,
      hasNextPage: page.pageInfo.hasNextPage,
    }));
  };

  const removeSelected = async () => {
    const paths = [...selected];
    const result = await removeFiles(
      { input: { id, paths } },
      { additionalTypenames: ["DatasetFile", "Dataset"] },
    );
    const outcome = outcomeOf(result.data?.removeDatasetFiles, result.error);
    const removed = notifyOutcome(outcome, {
      success: `Removed ${paths.length.toLocaleString()} ${paths.length === 1 ? "file" : "files"}.`,
      failure: "Could not remove the files",
    });
    if (removed) refresh();
  };

  const removeDataset = async () => {
    if (!dataset) return;
    const result = await deleteDataset({ id }, { additionalTypenames: ["Dataset"] });
    const outcome = outcomeOf(result.data?.deleteDataset, result.error);
    const deleted = notifyOutcome(outcome, {
      success: `Dataset “${dataset.name}” deleted.`,
      failure: "Could not delete the dataset",
    });
    if (deleted) onDeleted();
  };

  if (error && !data) return <ErrorState message={errorMessage(error)} onRetry={refresh} />;
  if (!data) return <LoadingState label="Loading the dataset…" />;
  if (!dataset) {
    return (
      <EmptyState title="Dataset not found" description="It was deleted, or it belongs to someone else." />
    );
  }

  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow={breadcrumbs}
        title={dataset.name}
        description={`Created ${formatDateTime(dataset.createdAt)} by ${dataset.owner.username}`}
        actions={
          <>
            <Button
              component="a"
              href={dataset.downloadUrl}
              download
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              Download zip
            </Button>
            <Button
              variant={adding ? "light" : "filled"}
              leftSection={<IconFilePlus size={16} />}
              onClick={() => {
                setAdding((value) => !value);
              }}
              aria-expanded={adding}
            >
              Add files
            </Button>
            <ConfirmButton
              title="Delete this dataset?"
              message={`“${dataset.name}” and its ${dataset.fileCount.toLocaleString()} files will be deleted. Tasks that used it keep their records.`}
              confirmLabel="Delete dataset"
              leftSection={<IconTrash size={16} />}
              loading={deleting.fetching}
              onConfirm={removeDataset}
            >
              Delete
            </ConfirmButton>
          </>
        }
      />
      {origin ? <MadeBy producedBy={origin.producedBy} /> : null}
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
        <Stat label="Files" value={dataset.fileCount.toLocaleString()} />
        <Stat label="Size" value={formatBytes(dataset.size)} />
        <Stat label="Updated" value={formatDateTime(dataset.updatedAt)} />
      </SimpleGrid>
      <Collapse in={adding}>
        <Paper withBorder radius="md" p="lg">
          <Title order={4} mb="md">
            Add files
          </Title>
          {adding ? (
            <AddFilesForm
              datasetId={id}
              fileCount={dataset.fileCount}
              onAdded={() => {
                setAdding(false);
                notifications.show({ color: "teal", message: "Files added." });
                refresh();
              }}
              onCancel={() => {
                setAdding(false);
              }}
            />
          ) : null}
        </Paper>
      </Collapse>
      <Paper withBorder radius="md">
        <Group
          justify="space-between"
          px="md"
          py="sm"
          style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
        >
          <Group gap="xs">
            <Title order={4}>Files</Title>
            {fetching ? (
              <Badge variant="light" color="gray" size="sm">
                refreshing
              </Badge>
            ) : null}
          </Group>
          <Group gap="xs">
            {selected.size > 0 ? (
              <>
                <Text size="sm" c="dimmed">
                  {selected.size.toLocaleString()} selected
                </Text>
                <Button
                  size="xs"
                  variant="subtle"
                  color="gray"
                  onClick={() => {
                    setSelected(new Set());
                  }}
                >
                  Clear
                </Button>
                <Button
                  size="xs"
                  color="red"
                  leftSection={<IconTrash size={14} />}
                  loading={removing.fetching}
                  onClick={() => void removeSelected()}
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
        </Group>
        {files.length === 0 ? (
          <Text c="dimmed" size="sm" p="md">
            This dataset has no files.
          </Text>
        ) : (
          <FileTreeView
            root={tree}
            selected={selected}
            selectable
            onOpen={setPreviewing}
            onSelect={(paths, checked) => {
              setSelected((current) => {
                const next = new Set(current);
                for (const path of paths) {
                  if (checked) next.add(path);
                  else next.delete(path);
                }
                return next;
              });
            }}
          />
        )}
        {pageInfo?.hasNextPage ? (
          <Group justify="center" p="sm">
            <Button variant="default" size="xs" loading={loadingMore} onClick={() => void loadMore()}>
              Load more files ({files.length.toLocaleString()} of {dataset.files.totalCount?.toLocaleString()}
              )
            </Button>
          </Group>
        ) : null}
      </Paper>
      {origin ? <DatasetLineage lineage={origin.lineage} maxDepth={LINEAGE_DEPTH} /> : null}
      <FilePreview
        file={previewing}
        onClose={() => {
          setPreviewing(null);
        }}
      />
    </Stack>
  );
}

function Stat({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={600} size="lg">
        {value}
      </Text>
    </Paper>
  );
}
