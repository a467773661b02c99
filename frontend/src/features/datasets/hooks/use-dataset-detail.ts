import { notifications } from "@mantine/notifications";
import { useCallback, useMemo, useState } from "react";
import { useClient } from "urql";
import { notifyOutcome } from "@/components/notify-outcome";
import { DatasetQuery, useDataset } from "@/features/datasets/api/dataset";
import { useDatasetLineage } from "@/features/datasets/api/dataset-lineage";
import { useDeleteDataset } from "@/features/datasets/api/delete-dataset";
import { useRemoveDatasetFiles } from "@/features/datasets/api/remove-dataset-files";
import type { TreeItem } from "@/features/datasets/components/file-tree-view";
import { buildFileTree } from "@/features/datasets/utils/file-tree";
import { errorMessage, outcomeOf } from "@/lib/operation-info";

const FILES_PAGE = 100;
export const LINEAGE_DEPTH = 10;

/** The pages loaded after the first one, which comes with the dataset's own query. */
interface MoreFiles {
  files: TreeItem[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/**
 * What the dataset page shows and does: the dataset with its files a page at a time (as a tree), where
 * it came from, the files selected for removal, and removing them or deleting the whole dataset.
 */
export function useDatasetDetail(id: string, onDeleted: () => void) {
  const { data, error, fetching, refetch, dataset, forgetMore, ...pages } = useDatasetPages(id);
  const [provenance] = useDatasetLineage(id, LINEAGE_DEPTH);
  const { selected, select, clear: clearSelection } = useFileSelection();
  const [removing, removeFiles] = useRemoveDatasetFiles();
  const [deleting, deleteDataset] = useDeleteDataset();

  // The later pages and the selection describe the old file list: both go when it is fetched again.
  const refresh = useCallback(() => {
    forgetMore();
    clearSelection();
    refetch({ requestPolicy: "network-only" });
  }, [forgetMore, clearSelection, refetch]);

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

  return {
    ...pages,
    /** Whether the dataset's query has answered (`dataset` is then null if it found none). */
    loaded: Boolean(data),
    error,
    fetching,
    dataset,
    /** Who made the dataset and the tasks behind it; null until that separate query answers. */
    origin: provenance.data?.dataset ?? null,
    selected,
    select,
    clearSelection,
    removing: removing.fetching,
    deleting: deleting.fetching,
    refresh,
    removeSelected,
    removeDataset,
  };
}

export type DatasetDetailState = ReturnType<typeof useDatasetDetail>;

/** The dataset's query, and its files: the first page comes with it, later pages are fetched on demand. */
function useDatasetPages(id: string) {
  const client = useClient();
  const [{ data, error, fetching }, refetch] = useDataset({ id, first: FILES_PAGE, after: null });
  const [more, setMore] = useState<MoreFiles | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const dataset = data?.dataset ?? null;
  const files = useMemo<TreeItem[]>(
    () => [...(dataset?.files.edges.map((edge) => edge.node) ?? []), ...(more?.files ?? [])],
    [dataset, more],
  );
  const tree = useMemo(() => buildFileTree(files), [files]);
  const pageInfo = more ?? dataset?.files.pageInfo;

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

  const forgetMore = useCallback(() => {
    setMore(null);
  }, []);

  return {
    data,
    error,
    fetching,
    refetch,
    dataset,
    files,
    tree,
    hasNextPage: pageInfo?.hasNextPage ?? false,
    loadingMore,
    loadMore,
    forgetMore,
  };
}

/** The paths of the files ticked in the tree. */
function useFileSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());

  const clear = useCallback(() => {
    setSelected(new Set());
  }, []);

  const select = (paths: readonly string[], checked: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const path of paths) {
        if (checked) next.add(path);
        else next.delete(path);
      }
      return next;
    });
  };

  return { selected, select, clear };
}
