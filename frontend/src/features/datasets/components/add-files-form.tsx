import { Button, Group, Stack } from "@mantine/core";
import { IconUpload } from "@tabler/icons-react";
import { useEffect, useMemo, useState, type SubmitEvent } from "react";
import { GeneralErrors } from "@/components/form-errors";
import { UploadProgress } from "@/components/upload-progress";
import { useAddDatasetFilesUpload } from "@/features/datasets/api/add-dataset-files";
import { useDatasetLimits } from "@/features/datasets/api/dataset-limits";
import { FilePicker } from "@/features/datasets/components/file-picker";
import { PickedFilesList } from "@/features/datasets/components/picked-files-list";
import { ResumableNotice } from "@/features/datasets/components/resumable-notice";
import { ResumableUploadsList } from "@/features/datasets/components/resumable-uploads-list";
import { useResumableUploads } from "@/features/datasets/hooks/use-resumable-uploads";
import { mergePicked, splitBySize, type PickedFile } from "@/features/datasets/utils/picked-files";
import { datasetLimitsSentence, filesError } from "@/features/datasets/utils/validate-dataset";
import { NO_ERRORS, uploadOutcomeOf, type FormErrors } from "@/lib/operation-info";
import { isUploadBusy } from "@/lib/use-upload";

interface AddFilesFormProps {
  readonly datasetId: string;
  /** Files the dataset holds already (counted against the installation's limit). */
  readonly fileCount?: number;
  readonly onAdded: () => void;
  readonly onCancel: () => void;
}

export function AddFilesForm({ datasetId, fileCount = 0, onAdded, onCancel }: AddFilesFormProps) {
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const upload = useAddDatasetFilesUpload();
  const resumable = useResumableUploads();
  const limits = useDatasetLimits();
  const { small, large } = useMemo(() => splitBySize(files), [files]);
  const busy = isUploadBusy(upload.state) || resumable.running;
  const { check } = resumable;

  useEffect(() => {
    void check(large);
  }, [check, large]);

  const finish = () => {
    setFiles([]);
    upload.reset();
    resumable.reset();
    onAdded();
  };

  const resume = async () => {
    if (await resumable.resume()) finish();
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const problem = filesError(files, limits, { existingCount: fileCount });
    if (problem) {
      setErrors({ fields: { files: problem }, general: [] });
      return;
    }
    setErrors(NO_ERRORS);
    if (small.length > 0) {
      const result = await upload.start({
        input: {
          id: datasetId,
          files: small.map((item) => item.file),
          paths: small.map((item) => item.path),
        },
      });
      if (!result) return;
      const outcome = uploadOutcomeOf(result, (data) => data.addDatasetFiles, ["files", "paths"]);
      if (!outcome.ok) {
        setErrors(outcome.errors);
        upload.reset();
        return;
      }
    }
    if (large.length > 0 && !(await resumable.run(large, { datasetId }))) return;
    finish();
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
          hint={limits ? datasetLimitsSentence(limits) : undefined}
        />
        <PickedFilesList
          files={files}
          upload={upload.state}
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
