import { Button, Group, Stack, TextInput } from "@mantine/core";
import { IconUpload } from "@tabler/icons-react";
import { useEffect, useMemo, useState, type SubmitEvent } from "react";
import { GeneralErrors } from "@/components/form-errors";
import { UploadProgress } from "@/components/upload-progress";
import { useAddDatasetFilesUpload } from "@/features/datasets/api/add-dataset-files";
import { useCreateDatasetUpload } from "@/features/datasets/api/create-dataset";
import { useDatasetLimits } from "@/features/datasets/api/dataset-limits";
import { FilePicker } from "@/features/datasets/components/file-picker";
import { PickedFilesList } from "@/features/datasets/components/picked-files-list";
import { ResumableNotice } from "@/features/datasets/components/resumable-notice";
import { ResumableUploadsList } from "@/features/datasets/components/resumable-uploads-list";
import { useResumableUploads } from "@/features/datasets/hooks/use-resumable-uploads";
import { mergePicked, splitBySize, type PickedFile } from "@/features/datasets/utils/picked-files";
import {
  datasetLimitsSentence,
  datasetNameError,
  filesError,
} from "@/features/datasets/utils/validate-dataset";
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
  const addSmall = useAddDatasetFilesUpload();
  const resumable = useResumableUploads();
  const limits = useDatasetLimits();
  const { small, large } = useMemo(() => splitBySize(files), [files]);
  const busy = isUploadBusy(upload.state) || isUploadBusy(addSmall.state) || resumable.running;
  const { check } = resumable;

  useEffect(() => {
    void check(large);
  }, [check, large]);

  // The large files made the dataset; the small ones follow in one multipart request.
  const finish = async (datasetId: string) => {
    if (small.length > 0) {
      const result = await addSmall.start({
        input: {
          id: datasetId,
          files: small.map((item) => item.file),
          paths: small.map((item) => item.path),
        },
      });
      if (!result) return;
      const outcome = uploadOutcomeOf(result, (data) => data.addDatasetFiles, FIELDS);
      if (!outcome.ok) {
        setErrors(outcome.errors);
        return;
      }
    }
    onCreated({ id: datasetId, name: name.trim() });
  };

  const resume = async () => {
    const done = await resumable.resume();
    if (done) await finish(done.datasetId);
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    // Everything is checked at once, before uploading; the server checks again.
    const missing: Record<string, string> = {};
    const nameError = datasetNameError(name, limits);
    if (nameError) missing.name = nameError;
    const fileProblem = filesError(files, limits);
    if (fileProblem) missing.files = fileProblem;
    if (Object.keys(missing).length > 0) {
      setErrors({ fields: missing, general: [] });
      return;
    }
    setErrors(NO_ERRORS);
    if (large.length > 0) {
      const done = await resumable.run(large, { datasetName: name.trim() });
      if (done) await finish(done.datasetId);
      return;
    }
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
          description={limits ? `At most ${String(limits.maxNameLength)} characters.` : undefined}
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
          hint={limits ? datasetLimitsSentence(limits) : undefined}
        />
        <PickedFilesList
          files={files}
          upload={large.length > 0 ? addSmall.state : upload.state}
          onRemove={(path) => {
            setFiles((current) => current.filter((item) => item.path !== path));
          }}
        />
        <ResumableNotice files={large} previous={resumable.previous} />
        <ResumableUploadsList
          items={resumable.items}
          running={resumable.running}
          paused={resumable.paused}
          onPause={resumable.pause}
          onDiscard={() => void resumable.discard()}
          onResume={() => void resume()}
        />
        <UploadProgress state={upload.state} onCancel={upload.cancel} label="Dataset upload" />
        <UploadProgress state={addSmall.state} onCancel={addSmall.cancel} label="Small files upload" />
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
                addSmall.reset();
                resumable.reset();
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
