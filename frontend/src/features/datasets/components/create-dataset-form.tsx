import { Button, Group, Stack, TextInput } from "@mantine/core";
import { IconUpload } from "@tabler/icons-react";
import { useState, type SubmitEvent } from "react";
import { GeneralErrors } from "@/components/form-errors";
import { UploadProgress } from "@/components/upload-progress";
import { useCreateDatasetUpload } from "@/features/datasets/api/create-dataset";
import { FilePicker } from "@/features/datasets/components/file-picker";
import { PickedFilesList } from "@/features/datasets/components/picked-files-list";
import { mergePicked, type PickedFile } from "@/features/datasets/utils/picked-files";
import { NO_ERRORS, uploadOutcomeOf, type FormErrors } from "@/lib/operation-info";
import { isUploadBusy } from "@/lib/use-upload";

const FIELDS = ["name", "files", "paths"] as const;

interface CreateDatasetFormProps {
  readonly onCreated: (dataset: { id: string; name: string }) => void;
  readonly onCancel?: () => void;
}

export function CreateDatasetForm({ onCreated, onCancel }: CreateDatasetFormProps) {
  const [name, setName] = useState("");
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const upload = useCreateDatasetUpload();
  const busy = isUploadBusy(upload.state);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!name.trim()) missing.name = "Give the dataset a name.";
    if (files.length === 0) missing.files = "Add at least one file.";
    if (Object.keys(missing).length > 0) {
      setErrors({ fields: missing, general: [] });
      return;
    }
    setErrors(NO_ERRORS);
    const result = await upload.start({
      input: {
        name: name.trim(),
        files: files.map((item) => item.file),
        paths: files.map((item) => item.path),
      },
    });
    if (!result) return;
    const outcome = uploadOutcomeOf(result, (data) => data.createDataset, FIELDS);
    if (!outcome.ok) {
      setErrors(outcome.errors);
      upload.reset();
    } else onCreated(outcome.value);
  };

  const fileError = [errors.fields.files, errors.fields.paths].filter(Boolean).join(" ") || undefined;

  return (
    <form onSubmit={submit} noValidate aria-label="Create a dataset">
      <Stack gap="md">
        <GeneralErrors messages={errors.general} />
        <TextInput
          label="Name"
          placeholder="Survey images 2024"
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
          }}
          error={errors.fields.name}
          disabled={busy}
          required
          maw={480}
        />
        <FilePicker
          onPicked={(picked) => {
            setFiles((current) => mergePicked(current, picked));
            setErrors((current) => ({ ...current, fields: { ...current.fields, files: "", paths: "" } }));
            if (upload.state.phase !== "idle") upload.reset();
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
        <UploadProgress state={upload.state} onCancel={upload.cancel} label="Dataset upload" />
        <Group justify="flex-end" gap="sm">
          {onCancel ? (
            <Button variant="default" onClick={onCancel} disabled={busy}>
              Cancel
            </Button>
          ) : null}
          {files.length > 0 && !busy ? (
            <Button
              variant="subtle"
              color="gray"
              onClick={() => {
                setFiles([]);
                upload.reset();
              }}
            >
              Clear files
            </Button>
          ) : null}
          <Button type="submit" loading={busy} leftSection={<IconUpload size={16} />}>
            Create dataset
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
