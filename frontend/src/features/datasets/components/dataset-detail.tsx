import { Stack } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { AddFilesPanel } from "@/features/datasets/components/add-files-panel";
import { DatasetFilesSection } from "@/features/datasets/components/dataset-files-section";
import { DatasetHeader } from "@/features/datasets/components/dataset-header";
import { DatasetLineage, MadeBy } from "@/features/datasets/components/dataset-lineage";
import { DatasetStats } from "@/features/datasets/components/dataset-stats";
import { FilePreview } from "@/features/datasets/components/file-preview";
import type { TreeItem } from "@/features/datasets/components/file-tree-view";
import { LINEAGE_DEPTH, useDatasetDetail } from "@/features/datasets/hooks/use-dataset-detail";
import { errorMessage } from "@/lib/operation-info";

interface DatasetDetailProps {
  readonly id: string;
  readonly onDeleted: () => void;
  readonly breadcrumbs?: ReactNode;
}

/**
 * The dataset page, top to bottom: header with its actions, maker, stats, the add-files form, the
 * files, the lineage. The data and what can be done to it live in `useDatasetDetail`.
 */
export function DatasetDetail({ id, onDeleted, breadcrumbs }: DatasetDetailProps) {
  const detail = useDatasetDetail(id, onDeleted);
  const [adding, setAdding] = useState(false);
  const [previewing, setPreviewing] = useState<TreeItem | null>(null);
  const { dataset, origin } = detail;

  if (detail.error && !detail.loaded) {
    return <ErrorState message={errorMessage(detail.error)} onRetry={detail.refresh} />;
  }
  if (!detail.loaded) return <LoadingState label="Loading the dataset…" />;
  if (!dataset) {
    return (
      <EmptyState title="Dataset not found" description="It was deleted, or it belongs to someone else." />
    );
  }

  return (
    <Stack gap="lg">
      <DatasetHeader
        dataset={dataset}
        breadcrumbs={breadcrumbs}
        adding={adding}
        onToggleAdding={() => {
          setAdding((value) => !value);
        }}
        deleting={detail.deleting}
        onDelete={detail.removeDataset}
      />
      {origin ? <MadeBy producedBy={origin.producedBy} /> : null}
      <DatasetStats dataset={dataset} />
      <AddFilesPanel
        opened={adding}
        datasetId={id}
        fileCount={dataset.fileCount}
        onClose={() => {
          setAdding(false);
        }}
        onAdded={detail.refresh}
      />
      <DatasetFilesSection detail={detail} totalCount={dataset.files.totalCount} onOpen={setPreviewing} />
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
