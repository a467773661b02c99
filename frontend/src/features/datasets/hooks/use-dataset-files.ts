import { useEffect, useMemo, useState } from "react";
import { useAddDatasetFilesUpload } from "@/features/datasets/api/add-dataset-files";
import { useDatasetLimits } from "@/features/datasets/api/dataset-limits";
import { useResumableUploads } from "@/features/datasets/hooks/use-resumable-uploads";
import { mergePicked, splitBySize, type PickedFile } from "@/features/datasets/utils/picked-files";
import { sendUpload, type FormErrors } from "@/lib/operation-info";
import { isUploadBusy } from "@/lib/use-upload";

const FIELDS = ["files", "paths"];

/**
 * The files picked for a dataset and their two ways up: the small ones in one multipart request
 * (`addDatasetFiles`), the large ones one by one through resumable sessions.
 */
export function useDatasetFiles() {
  const [files, setFiles] = useState<PickedFile[]>([]);
  const addSmall = useAddDatasetFilesUpload();
  const resumable = useResumableUploads();
  const limits = useDatasetLimits();
  const { small, large } = useMemo(() => splitBySize(files), [files]);
  const { check } = resumable;

  // An unfinished session from before, for a large file picked again, is offered to be continued.
  useEffect(() => {
    void check(large);
  }, [check, large]);

  /** Sends the small files to the dataset; false if that was cancelled or refused (`onErrors`). */
  const addSmallFiles = async (datasetId: string, onErrors: (errors: FormErrors) => void) => {
    if (small.length === 0) return true;
    const input = {
      id: datasetId,
      files: small.map((item) => item.file),
      paths: small.map((item) => item.path),
    };
    const added = await sendUpload(addSmall, { input }, (data) => data.addDatasetFiles, FIELDS, onErrors);
    return added !== null;
  };

  return {
    files,
    small,
    large,
    limits,
    resumable,
    /** The small files' request. */
    addSmall,
    addSmallFiles,
    busy: isUploadBusy(addSmall.state) || resumable.running,
    pick: (picked: PickedFile[]) => {
      setFiles((current) => mergePicked(current, picked));
    },
    remove: (path: string) => {
      setFiles((current) => current.filter((item) => item.path !== path));
    },
    clear: () => {
      setFiles([]);
      addSmall.reset();
      resumable.reset();
    },
  };
}

export type DatasetFiles = ReturnType<typeof useDatasetFiles>;
