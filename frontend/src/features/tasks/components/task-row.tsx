import { Anchor, Checkbox, Table, Text, Tooltip } from "@mantine/core";
import { memo } from "react";
import { Link } from "react-router";
import { paths } from "@/config/paths";
import type { TaskFieldsFragment } from "@/gql/graphql";
import { CancelTaskButton } from "@/features/tasks/components/cancel-task-button";
import { StatusBadge } from "@/features/tasks/components/status-badge";
import { taskNumber } from "@/features/tasks/utils/live-tasks";
import { isActive } from "@/features/tasks/utils/status";
import { durationBetween, formatBytes, formatDateTime, formatDuration, formatRelative } from "@/lib/format";

interface TaskRowProps {
  readonly task: TaskFieldsFragment;
  readonly now: number;
  readonly selected: boolean;
  readonly onSelect: (taskId: string, selected: boolean) => void;
}

/**
 * One task in the tasks table. Memoised: when live updates change a few tasks, only their rows render
 * again (the same task object is kept for the others).
 */
export const TaskRow = memo(function TaskRow({ task, now, selected, onSelect }: TaskRowProps) {
  return (
    <Table.Tr data-task-id={task.id}>
      <Table.Td>
        {isActive(task.status) ? (
          <Checkbox
            aria-label={`Select task ${taskNumber(task.id)}`}
            checked={selected}
            onChange={(event) => {
              onSelect(task.id, event.currentTarget.checked);
            }}
          />
        ) : null}
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={paths.task(task.id)} fw={600} size="sm">
          Task {taskNumber(task.id)}
        </Anchor>
        <Text size="xs" c="dimmed">
          by {task.owner.username}
        </Text>
      </Table.Td>
      <Table.Td>
        <StatusBadge status={task.status} size="sm" />
        {task.status === "FAILED" && task.exitCode !== null ? (
          <Text size="xs" c="dimmed">
            exit {task.exitCode}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{task.algorithm?.name ?? task.spec.algorithmName}</Text>
        <Text size="xs" c="dimmed">
          {task.spec.imageName}
        </Text>
      </Table.Td>
      <Table.Td>
        {task.inputDataset ? (
          <>
            <Anchor component={Link} to={paths.dataset(task.inputDataset.id)} size="sm">
              {task.inputDataset.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {task.inputDataset.fileCount.toLocaleString()} files · {formatBytes(task.inputDataset.size)}
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {task.outputDataset ? (
          <Anchor component={Link} to={paths.dataset(task.outputDataset.id)} size="sm">
            {task.outputDataset.fileCount.toLocaleString()} files
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {formatDuration(
            durationBetween(task.queuedAt ?? task.createdAt, task.startedAt ?? task.finishedAt, now),
          )}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={task.status === "RUNNING" ? 600 : undefined}>
          {formatDuration(durationBetween(task.startedAt, task.finishedAt, now))}
        </Text>
      </Table.Td>
      <Table.Td>
        <Tooltip label={formatDateTime(task.createdAt)} withArrow>
          <Text size="sm">{formatRelative(task.createdAt, now)}</Text>
        </Tooltip>
      </Table.Td>
      <Table.Td style={{ textAlign: "right" }}>
        {isActive(task.status) ? (
          <CancelTaskButton taskId={task.id} ariaLabel={`Cancel task ${taskNumber(task.id)}`} />
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
});
