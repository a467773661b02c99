import { Collapse, Paper, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { AddFilesForm } from "@/features/datasets/components/add-files-form";

interface AddFilesPanelProps {
  readonly opened: boolean;
  readonly datasetId: string;
  readonly fileCount: number;
  readonly onClose: () => void;
  /** After the files were added and the panel closed: the dataset's files are to be fetched again. */
  readonly onAdded: () => void;
}

/** The add-files form, folding open under the header. */
export function AddFilesPanel({ opened, datasetId, fileCount, onClose, onAdded }: AddFilesPanelProps) {
  return (
    <Collapse in={opened}>
      <Paper withBorder radius="md" p="lg">
        <Title order={4} mb="md">
          Add files
        </Title>
        {/* Mounted only while open, so each opening starts with an empty form. */}
        {opened ? (
          <AddFilesForm
            datasetId={datasetId}
            fileCount={fileCount}
            onAdded={() => {
              onClose();
              notifications.show({ color: "teal", message: "Files added." });
              onAdded();
            }}
            onCancel={onClose}
          />
        ) : null}
      </Paper>
    </Collapse>
  );
}
