import { Anchor, Checkbox, Table, Text, Tooltip } from "@mantine/core";
import { memo, type ReactNode } from "react";
import { Link } from "react-router";
import { LiveText } from "@/components/live-text";
import { paths } from "@/config/paths";
import type { TaskFieldsFragment } from "@/gql/graphql";
import { CancelTaskButton } from "@/features/tasks/components/cancel-task-button";
import { StatusBadge } from "@/features/tasks/components/status-badge";
import { taskNumber } from "@/features/tasks/utils/live-tasks";
import { isActive } from "@/features/tasks/utils/status";
import { formatBytes, formatCount, formatDateTime, formatDuration, formatRelative } from "@/lib/format";
import { ranMs, waitedMs } from "@/features/tasks/utils/task-times";

interface TaskRowProps {
  readonly task: TaskFieldsFragment;
  readonly selected: boolean;
  readonly onSelect: (taskId: string, selected: boolean) => void;
}

/**
 * One task in the tasks table. Memoised: when live updates change a few tasks, only their rows render
 * again (the same task object is kept for the others); its times tick in `LiveText`, not the row.
 * Plain `tr`/`td` with Mantine's table classes rather than `Table.Tr`/`Table.Td`: those read the
 * table's context, whose value is new at every render of the table, so each frame of live updates
 * rendered all 250 cells again (long tasks of 100-400 ms while 300 tasks changed state).
 */
/** A cell styled as `Table.Td` (the list's tables keep cells on one line), without its context. */
function Td({ children, align }: { readonly children: ReactNode; readonly align?: "right" }) {
  return (
    <td className={Table.classes.td} style={{ whiteSpace: "nowrap", textAlign: align }}>
      {children}
    </td>
  );
}

export const TaskRow = memo(function TaskRow({ task, selected, onSelect }: TaskRowProps) {
  return (
    <tr className={Table.classes.tr} data-with-row-border data-hover data-task-id={task.id}>
      <Td>
        {isActive(task.status) ? (
          <Checkbox
            aria-label={`Select task ${taskNumber(task.id)}`}
            checked={selected}
            onChange={(event) => {
              onSelect(task.id, event.currentTarget.checked);
            }}
          />
        ) : null}
      </Td>
      <Td>
        <Anchor component={Link} to={paths.task(task.id)} fw={600} size="sm">
          Task {taskNumber(task.id)}
        </Anchor>
        <Text size="xs" c="dimmed">
          by {task.owner.username}
        </Text>
      </Td>
      <Td>
        <StatusBadge status={task.status} size="sm" />
        {task.status === "FAILED" && task.exitCode !== null ? (
          <Text size="xs" c="dimmed">
            exit {task.exitCode}
          </Text>
        ) : null}
      </Td>
      <Td>
        <Text size="sm">{task.algorithm?.name ?? task.spec.algorithmName}</Text>
        <Text size="xs" c="dimmed">
          {task.spec.imageName}
        </Text>
      </Td>
      <Td>
        {task.inputDataset ? (
          <>
            <Anchor component={Link} to={paths.dataset(task.inputDataset.id)} size="sm">
              {task.inputDataset.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {formatCount(task.inputDataset.fileCount)} files · {formatBytes(task.inputDataset.size)}
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Td>
      <Td>
        {task.outputDataset ? (
          <Anchor component={Link} to={paths.dataset(task.outputDataset.id)} size="sm">
            {formatCount(task.outputDataset.fileCount)} files
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Td>
      <Td>
        <Text size="sm">
          <LiveText>{(now) => formatDuration(waitedMs(task, now))}</LiveText>
        </Text>
      </Td>
      <Td>
        <Text size="sm" fw={task.status === "RUNNING" ? 600 : undefined}>
          <LiveText>{(now) => formatDuration(ranMs(task, now))}</LiveText>
        </Text>
      </Td>
      <Td>
        <Tooltip label={formatDateTime(task.createdAt)} withArrow>
          <Text size="sm">
            <LiveText>{(now) => formatRelative(task.createdAt, now)}</LiveText>
          </Text>
        </Tooltip>
      </Td>
      <Td align="right">
        {isActive(task.status) ? (
          <CancelTaskButton taskId={task.id} ariaLabel={`Cancel task ${taskNumber(task.id)}`} />
        ) : null}
      </Td>
    </tr>
  );
});
