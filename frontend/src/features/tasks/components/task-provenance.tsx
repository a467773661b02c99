import { Anchor, Group, Text } from "@mantine/core";
import { IconRecycle, IconRepeat } from "@tabler/icons-react";
import { Link } from "react-router";
import { paths } from "@/config/paths";
import { taskNumber } from "@/features/tasks/utils/live-tasks";

interface TaskProvenanceProps {
  readonly reusedFrom: { readonly id: string } | null;
  readonly rerunOf: { readonly id: string } | null;
}

/** Where a task's result came from: an earlier identical run it reused, the task it re-ran. */
export function TaskProvenance({ reusedFrom, rerunOf }: TaskProvenanceProps) {
  if (!reusedFrom && !rerunOf) return null;
  return (
    <Group gap="lg" data-testid="task-provenance">
      {reusedFrom ? (
        <Group gap={6} wrap="nowrap">
          <IconRecycle size={16} aria-hidden />
          <Text size="sm">
            Reused from{" "}
            <Anchor component={Link} to={paths.task(reusedFrom.id)} inherit>
              task {taskNumber(reusedFrom.id)}
            </Anchor>
            : nothing ran, its result was taken.
          </Text>
        </Group>
      ) : null}
      {rerunOf ? (
        <Group gap={6} wrap="nowrap">
          <IconRepeat size={16} aria-hidden />
          <Text size="sm">
            Re-run of{" "}
            <Anchor component={Link} to={paths.task(rerunOf.id)} inherit>
              task {taskNumber(rerunOf.id)}
            </Anchor>
          </Text>
        </Group>
      ) : null}
    </Group>
  );
}
