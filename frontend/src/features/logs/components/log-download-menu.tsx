import { Button, Loader, Menu } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { logDownloadHref } from "@/features/logs/api/log-download-url";

interface LogDownloadMenuProps {
  /** Where the whole stored log downloads from; without it the browser saves what it can fetch. */
  readonly url: string | null;
  readonly fileName: string;
  /** Lines in the log (nothing to download without any). */
  readonly count: number;
  /** How far the browser's download is (0 to 1), or null when none is running. */
  readonly progress: number | null;
  /** Saves the log from the browser (useLogDownload). */
  readonly onDownload: () => Promise<void>;
}

/** Download: the stored log as written, as plain text with stream labels, or its stderr only. */
export function LogDownloadMenu({ url, fileName, count, progress, onDownload }: LogDownloadMenuProps) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="xs"
          variant="default"
          leftSection={progress === null ? <IconDownload size={14} /> : <Loader size={12} />}
          disabled={progress !== null || count === 0}
        >
          {progress === null ? "Download" : `${String(Math.round(progress * 100))}%`}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {url ? (
          <>
            <Menu.Label>The whole stored log</Menu.Label>
            <Menu.Item component="a" href={url} download={fileName}>
              As written (colour codes kept)
            </Menu.Item>
            <Menu.Item
              component="a"
              href={logDownloadHref(url, { labels: true, stripAnsi: true })}
              download={fileName}
            >
              Plain text with stream labels
            </Menu.Item>
            <Menu.Item
              component="a"
              href={logDownloadHref(url, { stderrOnly: true, stripAnsi: true })}
              download={fileName.replace(/\.log$/, "") + "-stderr.log"}
            >
              stderr only
            </Menu.Item>
          </>
        ) : (
          <Menu.Item onClick={() => void onDownload()}>Download from the browser</Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
