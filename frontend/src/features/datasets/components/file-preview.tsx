import {
  Alert,
  Anchor,
  Button,
  Code,
  CopyButton,
  Group,
  Image,
  Loader,
  Modal,
  ScrollArea,
  Stack,
  Text,
} from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import type { TreeItem } from "@/features/datasets/components/file-tree-view";
import { decodePreview, PREVIEW_BYTES, previewKind } from "@/features/datasets/utils/preview-kind";
import { formatBytes } from "@/lib/format";

const IMAGE_PREVIEW_BYTES = 10 * 1024 * 1024;
const IMAGE_TYPES: Readonly<Record<string, string>> = { svg: "image/svg+xml", jpg: "image/jpeg" };

type Loaded =
  | { readonly state: "loading" }
  | { readonly state: "text"; readonly text: string; readonly partial: boolean }
  | { readonly state: "image"; readonly url: string }
  | { readonly state: "none"; readonly why: string };

/** A file of a dataset: its first bytes as text or the image, its size, SHA-256 and a download link. */
export function FilePreview({
  file,
  onClose,
}: {
  readonly file: TreeItem | null;
  readonly onClose: () => void;
}) {
  return (
    <Modal opened={file !== null} onClose={onClose} title={file?.path ?? ""} size="xl" centered>
      {file ? <PreviewBody file={file} /> : null}
    </Modal>
  );
}

function PreviewBody({ file }: { readonly file: TreeItem }) {
  const kind = previewKind(file.path);
  const tooBig = kind === "image" && file.size > IMAGE_PREVIEW_BYTES;
  const [loaded, setLoaded] = useState<Loaded>(() =>
    kind === "none" || tooBig || file.size === 0
      ? { state: "none", why: file.size === 0 ? "The file is empty." : "No preview for this kind of file." }
      : { state: "loading" },
  );

  useEffect(() => {
    if (loaded.state !== "loading") return;
    const abort = new AbortController();
    let url: string | null = null;
    // The download checks ownership on the server; only the first bytes of a text file are read.
    const headers: HeadersInit = kind === "text" ? { Range: `bytes=0-${String(PREVIEW_BYTES - 1)}` } : {};
    fetch(file.downloadUrl, { headers, credentials: "same-origin", signal: abort.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${String(response.status)}`);
        const bytes = new Uint8Array(await response.arrayBuffer());
        if (kind === "text") {
          const text = decodePreview(bytes.slice(0, PREVIEW_BYTES));
          setLoaded(
            text === null
              ? { state: "none", why: "The file is not text." }
              : { state: "text", text, partial: file.size > PREVIEW_BYTES },
          );
        } else {
          const ext = file.path.slice(file.path.lastIndexOf(".") + 1).toLowerCase();
          url = URL.createObjectURL(new Blob([bytes], { type: IMAGE_TYPES[ext] ?? `image/${ext}` }));
          setLoaded({ state: "image", url });
        }
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) {
          setLoaded({ state: "none", why: `Could not load a preview (${String(error)}).` });
        }
      });
    return () => {
      abort.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [file, kind, loaded.state]);

  return (
    <Stack gap="md">
      <Group gap="lg" wrap="wrap">
        <Text size="sm">
          <b>Size</b> {formatBytes(file.size)} ({file.size.toLocaleString()} bytes)
        </Text>
        <Button
          component="a"
          href={file.downloadUrl}
          download
          size="xs"
          variant="light"
          leftSection={<IconDownload size={14} />}
        >
          Download
        </Button>
      </Group>
      {file.sha256 ? (
        <Group gap="xs" wrap="nowrap" data-testid="file-sha256">
          <Text size="sm" fw={700}>
            SHA-256
          </Text>
          <Code style={{ overflowWrap: "anywhere" }}>{file.sha256}</Code>
          <CopyButton value={file.sha256}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="subtle" onClick={copy}>
                {copied ? "Copied" : "Copy"}
              </Button>
            )}
          </CopyButton>
        </Group>
      ) : null}
      {loaded.state === "loading" ? <Loader size="sm" aria-label="Loading the preview" /> : null}
      {loaded.state === "text" ? (
        <>
          <ScrollArea.Autosize mah="55vh" type="auto">
            <Code block data-testid="file-preview-text">
              {loaded.text}
            </Code>
          </ScrollArea.Autosize>
          {loaded.partial ? (
            <Text size="xs" c="dimmed">
              The first {formatBytes(PREVIEW_BYTES)} of {formatBytes(file.size)};{" "}
              <Anchor href={file.downloadUrl} download size="xs">
                download
              </Anchor>{" "}
              the whole file.
            </Text>
          ) : null}
        </>
      ) : null}
      {loaded.state === "image" ? (
        <Image src={loaded.url} alt={file.path} mah="60vh" fit="contain" data-testid="file-preview-image" />
      ) : null}
      {loaded.state === "none" ? (
        <Alert variant="light" color="gray">
          {loaded.why}
        </Alert>
      ) : null}
    </Stack>
  );
}
