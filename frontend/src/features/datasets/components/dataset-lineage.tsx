import { Anchor, Badge, Group, Paper, Text, Timeline, Title } from "@mantine/core";
import { IconCpu, IconUpload } from "@tabler/icons-react";
import { Link } from "react-router";
import { paths } from "@/config/paths";
import type { DatasetLineageQuery } from "@/gql/graphql";
import { formatDateTime, shortDigest } from "@/lib/format";
import { pkFromGlobalId } from "@/lib/relay-id";

type LineageTask = NonNullable<DatasetLineageQuery["dataset"]>["lineage"][number];

/** "task #N", as the tasks feature names a task (features do not import each other). */
function taskLabel(id: string): string {
  return `task #${pkFromGlobalId(id)}`;
}

interface MadeByProps {
  readonly producedBy: { readonly id: string } | null;
}

/** "Made by task N", or nothing for an uploaded dataset (or a maker you may not see). */
export function MadeBy({ producedBy }: MadeByProps) {
  if (!producedBy) return null;
  return (
    <Text size="sm" data-testid="made-by">
      Made by{" "}
      <Anchor component={Link} to={paths.task(producedBy.id)} inherit>
        {taskLabel(producedBy.id)}
      </Anchor>
    </Text>
  );
}

interface DatasetLineageProps {
  /** Nearest first: the task that made the dataset, then the one that made its input, ... */
  readonly lineage: readonly LineageTask[];
  readonly maxDepth: number;
}

/** The chain of tasks and input datasets behind a dataset. */
export function DatasetLineage({ lineage, maxDepth }: DatasetLineageProps) {
  if (lineage.length === 0) return null;
  const last = lineage[lineage.length - 1];
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="lineage-title">
      <Title order={4} id="lineage-title" mb="md">
        Lineage
      </Title>
      <Timeline bulletSize={22} lineWidth={2} active={lineage.length} aria-label="Lineage">
        {lineage.map((task) => (
          <Timeline.Item
            key={task.id}
            bullet={<IconCpu size={12} />}
            title={
              <Group gap={6} wrap="wrap">
                <Anchor component={Link} to={paths.task(task.id)} fw={600} size="sm">
                  {taskLabel(task.id)}
                </Anchor>
                <Text size="sm">{task.algorithm?.name ?? task.spec.algorithmName}</Text>
                <Text size="xs" c="dimmed">
                  on {task.spec.imageName} · spec {shortDigest(task.spec.digest)}
                </Text>
                {task.reusedFrom ? (
                  <Badge size="xs" variant="light" color="cyan">
                    reused
                  </Badge>
                ) : null}
              </Group>
            }
          >
            <Text size="xs" c="dimmed">
              {formatDateTime(task.createdAt)} · input{" "}
              {task.inputDataset ? (
                <Anchor component={Link} to={paths.dataset(task.inputDataset.id)} size="xs">
                  {task.inputDataset.name}
                </Anchor>
              ) : (
                "deleted"
              )}
            </Text>
          </Timeline.Item>
        ))}
        {last?.inputDataset && lineage.length < maxDepth ? (
          <Timeline.Item bullet={<IconUpload size={12} />} title={<Text size="sm">Uploaded</Text>}>
            <Text size="xs" c="dimmed">
              {last.inputDataset.name} was uploaded (or made by a task you may not see).
            </Text>
          </Timeline.Item>
        ) : null}
      </Timeline>
      {lineage.length >= maxDepth ? (
        <Text size="xs" c="dimmed" mt="xs">
          Showing the nearest {maxDepth} steps.
        </Text>
      ) : null}
    </Paper>
  );
}
