import { ActionIcon, Box, Checkbox, Group, Text, Tooltip, UnstyledButton } from "@mantine/core";
import { IconChevronDown, IconChevronRight, IconDownload, IconFile, IconFolder } from "@tabler/icons-react";
import { useState } from "react";
import { filePathsUnder, type TreeFolder, type TreeNode } from "@/features/datasets/utils/file-tree";
import { formatBytes } from "@/lib/format";

export interface TreeItem {
  readonly id: string;
  readonly path: string;
  readonly size: number;
  readonly downloadUrl: string;
  readonly sha256?: string;
}

interface FileTreeViewProps {
  readonly root: TreeFolder<TreeItem>;
  readonly selected: ReadonlySet<string>;
  readonly onSelect: (paths: string[], selected: boolean) => void;
  readonly selectable: boolean;
  /** Clicking a file's name (a preview); without it the name is plain text. */
  readonly onOpen?: (item: TreeItem) => void;
}

/** The dataset's files as folders that open and close; files can be selected and downloaded. */
export function FileTreeView({ root, selected, onSelect, selectable, onOpen }: FileTreeViewProps) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (path: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  };
  return (
    <Box component="ul" role="list" aria-label="Dataset files" m={0} p={0} style={{ listStyle: "none" }}>
      {root.children.map((node) => (
        <TreeRow
          key={node.path}
          node={node}
          depth={0}
          collapsed={collapsed}
          onToggle={toggle}
          selected={selected}
          onSelect={onSelect}
          onOpen={onOpen}
          selectable={selectable}
        />
      ))}
    </Box>
  );
}

interface TreeRowProps {
  readonly node: TreeNode<TreeItem>;
  readonly depth: number;
  readonly collapsed: ReadonlySet<string>;
  readonly onToggle: (path: string) => void;
  readonly selected: ReadonlySet<string>;
  readonly onSelect: (paths: string[], selected: boolean) => void;
  readonly selectable: boolean;
  readonly onOpen?: (item: TreeItem) => void;
}

function TreeRow({ node, depth, collapsed, onToggle, selected, onSelect, selectable, onOpen }: TreeRowProps) {
  const indent = depth * 20;
  if (node.kind === "file") {
    return (
      <Box component="li" className="oasis-tree-row">
        <Group
          gap="xs"
          wrap="nowrap"
          py={5}
          px="sm"
          pl={`calc(var(--mantine-spacing-sm) + ${indent + 22}px)`}
        >
          {selectable ? (
            <Checkbox
              size="xs"
              aria-label={`Select ${node.path}`}
              checked={selected.has(node.path)}
              onChange={(event) => {
                onSelect([node.path], event.currentTarget.checked);
              }}
            />
          ) : null}
          <IconFile size={16} color="var(--mantine-color-dimmed)" aria-hidden />
          {onOpen ? (
            <UnstyledButton
              onClick={() => {
                onOpen(node.item);
              }}
              aria-label={`Preview ${node.path}`}
              style={{ flex: 1, minWidth: 0 }}
            >
              <Text size="sm" ff="monospace" c="blue" style={{ overflowWrap: "anywhere" }}>
                {node.name}
              </Text>
            </UnstyledButton>
          ) : (
            <Text size="sm" ff="monospace" style={{ flex: 1, minWidth: 0, overflowWrap: "anywhere" }}>
              {node.name}
            </Text>
          )}
          <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
            {formatBytes(node.item.size)}
          </Text>
          <Tooltip label="Download" withArrow>
            <ActionIcon
              component="a"
              href={node.item.downloadUrl}
              download
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={`Download ${node.path}`}
            >
              <IconDownload size={14} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Box>
    );
  }
  const open = !collapsed.has(node.path);
  const files = filePathsUnder(node);
  const checkedCount = files.filter((path) => selected.has(path)).length;
  return (
    <Box component="li">
      <Group
        gap="xs"
        wrap="nowrap"
        py={5}
        px="sm"
        pl={`calc(var(--mantine-spacing-sm) + ${indent}px)`}
        className="oasis-tree-row"
      >
        <UnstyledButton
          onClick={() => {
            onToggle(node.path);
          }}
          aria-expanded={open}
          aria-label={`${open ? "Collapse" : "Expand"} folder ${node.path}`}
          style={{ display: "flex", alignItems: "center", borderRadius: 4 }}
        >
          {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
        </UnstyledButton>
        {selectable ? (
          <Checkbox
            size="xs"
            aria-label={`Select folder ${node.path}`}
            checked={checkedCount > 0 && checkedCount === files.length}
            indeterminate={checkedCount > 0 && checkedCount < files.length}
            onChange={(event) => {
              onSelect(files, event.currentTarget.checked);
            }}
          />
        ) : null}
        <IconFolder size={16} color="var(--mantine-color-yellow-6)" aria-hidden />
        <Text size="sm" fw={600} ff="monospace" style={{ flex: 1, minWidth: 0, overflowWrap: "anywhere" }}>
          {node.name}/
        </Text>
        <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
          {node.fileCount.toLocaleString()} {node.fileCount === 1 ? "file" : "files"} ·{" "}
          {formatBytes(node.size)}
        </Text>
      </Group>
      {open ? (
        <Box component="ul" m={0} p={0} style={{ listStyle: "none" }}>
          {node.children.map((child) => (
            <TreeRow
              key={child.path}
              node={child}
              depth={depth + 1}
              collapsed={collapsed}
              onToggle={onToggle}
              selected={selected}
              onSelect={onSelect}
              onOpen={onOpen}
              selectable={selectable}
            />
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
