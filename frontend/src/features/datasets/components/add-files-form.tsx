import { Button, Group, Stack } from "@mantine/core";
import { IconUpload } from "@tabler/icons-react";
import { useState, type SubmitEvent } from "react";
import { GeneralErrors } from "@/components/form-errors";
import { UploadProgress } from "@/components/upload-progress";
import { useAddDatasetFilesUpload } from "@/features/datasets/api/add-dataset-files";
import { FilePicker } from "@/features/datasets/components/file-picker";
import { PickedFilesList } from "@/features/datasets/components/picked-files-list";
import { mergePicked, type PickedFile } from "@/features/datasets/utils/picked-files";
import { NO_ERRORS, uploadOutcomeOf, type FormErrors } from "@/lib/operation-info";
import { isUploadBusy } from "@/lib/use-upload";

interface AddFilesFormProps {
  readonly datasetId: string;
  readonly onAdded: () => void;
  readonly onCancel: () => void;
}

export function AddFilesForm({ datasetId, onAdded, onCancel }: AddFilesFormProps) {
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const upload = useAddDatasetFilesUpload();
  const busy = isUploadBusy(upload.state);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (files.length === 0) {
      setErrors({ fields: { files: "Add at least one file." }, general: [] });
      return;
    }
    setErrors(NO_ERRORS);
    const result = await upload.start({
      input: { id: datasetId, files: files.map((item) => item.file), paths: files.map((item) => item.path) },
    });
    if (!result) return;
    const outcome = uploadOutcomeOf(result, (data) => data.addDatasetFiles, ["files", "paths"]);
    if (!outcome.ok) {
      setErrors(outcome.errors);
      upload.reset();
      return;
    }
    setFiles([]);
    upload.reset();
    onAdded();
  };

  const fileError = [errors.fields.files, errors.fields.paths].filter(Boolean).join(" ") || undefined;

  return (
    <form onSubmit={submit} noValidate aria-label="Add files">
      <Stack gap="md">
        <GeneralErrors messages={errors.general} />
        <FilePicker
          onPicked={(picked) => {
            setFiles((current) => mergePicked(current, picked));
            setErrors(NO_ERRORS);
          }}
          disabled={busy}
          error={fileError}
        />
        <PickedFilesList
          files={files}
          upload={upload.state}
          onRemove={(path) => {
            setFiles((current) => current.filter((item) => item.path !== path));
          }}
        />
        <UploadProgress state={upload.state} onCancel={upload.cancel} label="Files upload" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            Close
          </Button>
          <Button
            type="submit"
            loading={busy}
            leftSection={<IconUpload size={16} />}
            disabled={files.length === 0}
          >
            Add {files.length > 0 ? files.length.toLocaleString() : ""}{" "}
            {files.length === 1 ? "file" : "files"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
