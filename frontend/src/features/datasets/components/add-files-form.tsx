import { Button, Group, Stack } from "@mantine/core";
import { IconUpload } from "@tabler/icons-react";
import { useState, type SubmitEvent } from "react";
import { GeneralErrors } from "@/components/form-errors";
import { UploadProgress } from "@/components/upload-progress";
import { DatasetFilesFields } from "@/features/datasets/components/dataset-files-fields";
import { useDatasetFiles } from "@/features/datasets/hooks/use-dataset-files";
import { filesError } from "@/features/datasets/utils/validate-dataset";
import { NO_ERRORS, type FormErrors } from "@/lib/operation-info";

interface AddFilesFormProps {
  readonly datasetId: string;
  /** Files the dataset holds already (counted against the installation's limit). */
  readonly fileCount?: number;
  readonly onAdded: () => void;
  readonly onCancel: () => void;
}

export function AddFilesForm({ datasetId, fileCount = 0, onAdded, onCancel }: AddFilesFormProps) {
  const files = useDatasetFiles();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const { resumable, addSmall, busy } = files;

  const finish = () => {
    files.clear();
    onAdded();
  };

  const resume = async () => {
    if (await resumable.resume()) finish();
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const problem = filesError(files.files, files.limits, { existingCount: fileCount });
    if (problem) {
      setErrors({ fields: { files: problem }, general: [] });
      return;
    }
    setErrors(NO_ERRORS);
    if (!(await files.addSmallFiles(datasetId, setErrors))) return;
    if (files.large.length > 0 && !(await resumable.run(files.large, { datasetId }))) return;
    finish();
  };

  const count = files.files.length;
  return (
    <form onSubmit={submit} noValidate aria-label="Add files">
      <Stack gap="md">
        <GeneralErrors messages={errors.general} />
        <DatasetFilesFields
          files={files}
          upload={addSmall.state}
          onPicked={(picked) => {
            files.pick(picked);
            setErrors(NO_ERRORS);
          }}
          onResume={() => void resume()}
          disabled={busy}
          errors={errors}
        />
        <UploadProgress state={addSmall.state} onCancel={addSmall.cancel} label="Files upload" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            Close
          </Button>
          <Button type="submit" loading={busy} leftSection={<IconUpload size={16} />} disabled={count === 0}>
            Add {count > 0 ? count.toLocaleString() : ""} {count === 1 ? "file" : "files"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
