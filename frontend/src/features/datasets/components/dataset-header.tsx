import { Button } from "@mantine/core";
import { IconDownload, IconFilePlus, IconTrash } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { PageHeader } from "@/components/page-header";
import type { DatasetQuery } from "@/gql/graphql";
import { formatDateTime } from "@/lib/format";

type Dataset = NonNullable<DatasetQuery["dataset"]>;

interface DatasetHeaderProps {
  readonly dataset: Pick<Dataset, "name" | "createdAt" | "owner" | "downloadUrl" | "fileCount">;
  readonly breadcrumbs?: ReactNode;
  /** Whether the add-files form is open; the button toggles it. */
  readonly adding: boolean;
  readonly onToggleAdding: () => void;
  readonly deleting: boolean;
  readonly onDelete: () => Promise<void>;
}

/** The dataset's name, who made it when, and what can be done with it: download, add files, delete. */
export function DatasetHeader({
  dataset,
  breadcrumbs,
  adding,
  onToggleAdding,
  deleting,
  onDelete,
}: DatasetHeaderProps) {
  return (
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
            onClick={onToggleAdding}
            aria-expanded={adding}
          >
            Add files
          </Button>
          <ConfirmButton
            title="Delete this dataset?"
            message={`“${dataset.name}” and its ${dataset.fileCount.toLocaleString()} files will be deleted. Tasks that used it keep their records.`}
            confirmLabel="Delete dataset"
            leftSection={<IconTrash size={16} />}
            loading={deleting}
            onConfirm={onDelete}
          >
            Delete
          </ConfirmButton>
        </>
      }
    />
  );
}
