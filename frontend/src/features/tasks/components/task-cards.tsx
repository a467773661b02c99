import { Anchor, Checkbox, Group, Paper, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { paths } from "@/config/paths";
import type { TaskFieldsFragment } from "@/gql/graphql";
import { CancelTaskButton } from "@/features/tasks/components/cancel-task-button";
import { StatusBadge } from "@/features/tasks/components/status-badge";
import { taskNumber } from "@/features/tasks/utils/live-tasks";
import { isActive } from "@/features/tasks/utils/status";
import { formatDuration, formatRelative } from "@/lib/format";
import { ranMs, waitedMs } from "@/features/tasks/utils/task-times";

interface TaskCardsProps {
  readonly tasks: readonly TaskFieldsFragment[];
  readonly now: number;
  readonly selected: ReadonlySet<string>;
  readonly onSelect: (taskId: string, selected: boolean) => void;
}

/** The tasks as stacked cards, for phone widths where a wide table would not fit. */
export function TaskCards({ tasks, now, selected, onSelect }: TaskCardsProps) {
  return (
    <Stack component="ul" gap="sm" m={0} p={0} aria-label="Tasks" style={{ listStyle: "none" }}>
      {tasks.map((task) => (
        <Paper component="li" key={task.id} withBorder radius="md" p="md" data-task-id={task.id}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Group gap="xs" wrap="nowrap">
              {isActive(task.status) ? (
                <Checkbox
                  aria-label={`Select task ${taskNumber(task.id)}`}
                  checked={selected.has(task.id)}
                  onChange={(event) => {
                    onSelect(task.id, event.currentTarget.checked);
                  }}
                />
              ) : null}
              <StatusBadge status={task.status} size="sm" />
              <Anchor component={Link} to={paths.task(task.id)} fw={600} size="sm">
                Task {taskNumber(task.id)}
              </Anchor>
            </Group>
            {isActive(task.status) ? (
              <CancelTaskButton taskId={task.id} ariaLabel={`Cancel task ${taskNumber(task.id)}`} />
            ) : null}
          </Group>
          <Text size="sm" mt={6} style={{ overflowWrap: "anywhere" }}>
            {task.algorithm?.name ?? task.spec.algorithmName}{" "}
            <Text span size="xs" c="dimmed">
              on {task.spec.imageName}
            </Text>
          </Text>
          <Group gap="md" mt={4}>
            <Text size="xs" c="dimmed">
              Input:{" "}
              {task.inputDataset ? (
                <Anchor component={Link} to={paths.dataset(task.inputDataset.id)} size="xs">
                  {task.inputDataset.name}
                </Anchor>
              ) : (
                "—"
              )}
            </Text>
            {task.outputDataset ? (
              <Text size="xs" c="dimmed">
                Output:{" "}
                <Anchor component={Link} to={paths.dataset(task.outputDataset.id)} size="xs">
                  {task.outputDataset.fileCount.toLocaleString()} files
                </Anchor>
              </Text>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            Waited {formatDuration(waitedMs(task, now))} · ran {formatDuration(ranMs(task, now))} · created{" "}
            {formatRelative(task.createdAt, now)}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}
