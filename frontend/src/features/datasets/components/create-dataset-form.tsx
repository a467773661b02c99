import { Button, Group, Stack, TextInput } from "@mantine/core";
import { useInputState } from "@mantine/hooks";
import { IconUpload } from "@tabler/icons-react";
import { useState, type SubmitEvent } from "react";
import { GeneralErrors } from "@/components/form-errors";
import { UploadProgress } from "@/components/upload-progress";
import { useCreateDatasetUpload } from "@/features/datasets/api/create-dataset";
import { DatasetFilesFields } from "@/features/datasets/components/dataset-files-fields";
import { useDatasetFiles } from "@/features/datasets/hooks/use-dataset-files";
import { datasetNameError, filesError } from "@/features/datasets/utils/validate-dataset";
import { fieldProblems, NO_ERRORS, sendUpload, type FormErrors } from "@/lib/operation-info";
import { isUploadBusy } from "@/lib/use-upload";

const FIELDS = ["name", "files", "paths"] as const;

interface CreateDatasetFormProps {
  readonly onCreated: (dataset: { id: string; name: string }) => void;
  readonly onCancel?: () => void;
}

export function CreateDatasetForm({ onCreated, onCancel }: CreateDatasetFormProps) {
  const [name, setName] = useInputState("");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const upload = useCreateDatasetUpload();
  const files = useDatasetFiles();
  const { resumable, addSmall, limits, large } = files;
  const busy = isUploadBusy(upload.state) || files.busy;

  // The large files made the dataset; the small ones follow in one multipart request.
  const finish = async (datasetId: string) => {
    if (await files.addSmallFiles(datasetId, setErrors)) onCreated({ id: datasetId, name: name.trim() });
  };

  const resume = async () => {
    const done = await resumable.resume();
    if (done) await finish(done.datasetId);
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    // Everything is checked at once, before uploading; the server checks again.
    const problems = fieldProblems({
      name: datasetNameError(name, limits),
      files: filesError(files.files, limits),
    });
    if (problems) {
      setErrors(problems);
      return;
    }
    setErrors(NO_ERRORS);
    if (large.length > 0) {
      const done = await resumable.run(large, { datasetName: name.trim() });
      if (done) await finish(done.datasetId);
      return;
    }
    const input = {
      name: name.trim(),
      files: files.files.map((item) => item.file),
      paths: files.files.map((item) => item.path),
    };
    const dataset = await sendUpload(upload, { input }, (data) => data.createDataset, FIELDS, setErrors);
    if (dataset) onCreated(dataset);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Create a dataset">
      <Stack gap="md">
        <GeneralErrors messages={errors.general} />
        <TextInput
          label="Name"
          description={limits ? `At most ${String(limits.maxNameLength)} characters.` : undefined}
          placeholder="Survey images 2024"
          value={name}
          onChange={setName}
          error={errors.fields.name}
          disabled={busy}
          required
          maw={480}
        />
        <DatasetFilesFields
          files={files}
          upload={large.length > 0 ? addSmall.state : upload.state}
          onPicked={(picked) => {
            files.pick(picked);
            setErrors((current) => ({ ...current, fields: { ...current.fields, files: "", paths: "" } }));
            if (upload.state.phase !== "idle") upload.reset();
          }}
          onResume={() => void resume()}
          disabled={busy}
          errors={errors}
        />
        <UploadProgress state={upload.state} onCancel={upload.cancel} label="Dataset upload" />
        <UploadProgress state={addSmall.state} onCancel={addSmall.cancel} label="Small files upload" />
        <Group justify="flex-end" gap="sm">
          {onCancel ? (
            <Button variant="default" onClick={onCancel} disabled={busy}>
              Cancel
            </Button>
          ) : null}
          {files.files.length > 0 && !busy ? (
            <Button
              variant="subtle"
              color="gray"
              onClick={() => {
                files.clear();
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
