import { Alert } from "@mantine/core";
import { IconPlayerPlay } from "@tabler/icons-react";
import type { PickedFile } from "@/features/datasets/utils/picked-files";

interface ResumableNoticeProps {
  readonly files: readonly PickedFile[];
  /** Unfinished sessions keyed by `${size}:${path}`. */
  readonly previous: ReadonlyMap<string, unknown>;
}

/** Says which picked files will continue an unfinished upload (same path and size) instead of starting over. */
export function ResumableNotice({ files, previous }: ResumableNoticeProps) {
  const matches = files.filter((item) => previous.has(`${item.file.size}:${item.path}`));
  if (matches.length === 0) return null;
  return (
    <Alert color="blue" icon={<IconPlayerPlay size={16} />} title="Unfinished uploads found">
      {matches.map((item) => item.path).join(", ")} {matches.length === 1 ? "was" : "were"} partly uploaded
      before; uploading will continue from the parts already sent.
    </Alert>
  );
}
