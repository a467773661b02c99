import { FilePicker } from "@/features/datasets/components/file-picker";
import { PickedFilesList } from "@/features/datasets/components/picked-files-list";
import { ResumableNotice } from "@/features/datasets/components/resumable-notice";
import { ResumableUploadsList } from "@/features/datasets/components/resumable-uploads-list";
import type { DatasetFiles } from "@/features/datasets/hooks/use-dataset-files";
import type { PickedFile } from "@/features/datasets/utils/picked-files";
import { datasetLimitsSentence } from "@/features/datasets/utils/validate-dataset";
import type { FormErrors } from "@/lib/operation-info";
import type { UploadState } from "@/lib/use-upload";

interface DatasetFilesFieldsProps {
  readonly files: DatasetFiles;
  /** The request that carries the picked small files (their per-file progress). */
  readonly upload: UploadState;
  readonly onPicked: (picked: PickedFile[]) => void;
  /** After the unfinished large files were continued: what follows them. */
  readonly onResume: () => void;
  readonly disabled: boolean;
  /** The form's errors: those of the files and their paths are shown at the picker. */
  readonly errors: FormErrors;
}

/** Where a dataset's files are picked, listed with their progress, and the large ones paused or resumed. */
export function DatasetFilesFields(props: DatasetFilesFieldsProps) {
  const { files, upload, onPicked, onResume, disabled, errors } = props;
  const { resumable, limits } = files;
  const error = [errors.fields.files, errors.fields.paths].filter(Boolean).join(" ") || undefined;
  return (
    <>
      <FilePicker
        onPicked={onPicked}
        disabled={disabled}
        error={error}
        hint={limits ? datasetLimitsSentence(limits) : undefined}
      />
      <PickedFilesList files={files.files} upload={upload} onRemove={files.remove} />
      <ResumableNotice files={files.large} previous={resumable.previous} />
      <ResumableUploadsList
        items={resumable.items}
        running={resumable.running}
        paused={resumable.paused}
        onPause={resumable.pause}
        onDiscard={() => void resumable.discard()}
        onResume={onResume}
      />
    </>
  );
}
