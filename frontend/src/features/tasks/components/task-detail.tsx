import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconAlertTriangle, IconDownload } from "@tabler/icons-react";
import { useEffect, type ReactNode } from "react";
import { Link } from "react-router";
import { PageHeader } from "@/components/page-header";
import { ParentBreadcrumbs } from "@/components/parent-breadcrumbs";
import { EmptyState, LoadingState, QueryErrorState } from "@/components/states";
import { paths } from "@/config/paths";
import type { TaskFieldsFragment } from "@/gql/graphql";
import { useTask } from "@/features/tasks/api/task";
import { useTaskResources } from "@/features/tasks/api/task-resources";
import { useTaskUpdates } from "@/features/tasks/api/task-updates";
import { CancelTaskButton } from "@/features/tasks/components/cancel-task-button";
import { ResourcePanel } from "@/features/tasks/components/resource-panel";
import { RerunTaskButton } from "@/features/tasks/components/rerun-task-button";
import { RunSpecPanel } from "@/features/tasks/components/run-spec-panel";
import { StatusBadge } from "@/features/tasks/components/status-badge";
import { TaskProvenance } from "@/features/tasks/components/task-provenance";
import { TaskTimeline } from "@/features/tasks/components/task-timeline";
import { taskNumber } from "@/features/tasks/utils/live-tasks";
import { isActive, STATUS_META } from "@/features/tasks/utils/status";
import { formatBytes, formatDuration } from "@/lib/format";
import { usePageTitle } from "@/lib/tab-state";
import { useNow } from "@/lib/use-now";
import { usePoll } from "@/lib/use-poll";
import { ranMs, waitedMs } from "@/features/tasks/utils/task-times";

interface TaskDetailProps {
  readonly id: string;
  /** The log viewer (another feature), given the live task. */
  readonly renderLogs: (task: TaskFieldsFragment) => ReactNode;
  /** A re-run of this task was created. */
  readonly onRerunStarted: (taskId: string) => void;
}

export function TaskDetail({ id, renderLogs, onRerunStarted }: TaskDetailProps) {
  const [{ data, error }, refetch] = useTask(id);
  const [updates] = useTaskUpdates(id);
  // Status and times come live; the spec and where the result came from never change.
  const task = updates.data?.get(id) ?? data?.task ?? null;
  const recorded = data?.task ?? null;
  const now = useNow(1000, task ? isActive(task.status) : false);
  const [resources, refetchResources] = useTaskResources(id);
  const running = task?.status === "RUNNING";
  // The tab says how the task is doing: "Running · Task #7 · OASIS".
  usePageTitle(task ? `${STATUS_META[task.status].label} · Task ${taskNumber(task.id)}` : null);
  usePoll(
    () => {
      refetchResources({ requestPolicy: "network-only" });
    },
    running,
    5000,
  );
  // One more read when it stops running: the last samples and the peak.
  useEffect(() => {
    if (!running) refetchResources({ requestPolicy: "network-only" });
  }, [running, refetchResources]);

  if (error && !data) {
    return <QueryErrorState error={error} refetch={refetch} />;
  }
  if (!task) {
    if (!data) return <LoadingState label="Loading the task…" />;
    return (
      <EmptyState title="Task not found" description="It does not exist, or it belongs to someone else." />
    );
  }

  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow={
          <ParentBreadcrumbs parent={{ label: "Tasks", to: paths.tasks }} current={taskNumber(task.id)} />
        }
        title={
          <Group gap="sm" component="span">
            <span>
              {task.algorithm?.name ?? task.spec.algorithmName}{" "}
              <Text span c="dimmed" inherit fw={400}>
                {taskNumber(task.id)}
              </Text>
            </span>
            <StatusBadge status={task.status} size="lg" />
            {task.algorithm ? null : (
              <Badge variant="outline" color="gray" size="sm">
                algorithm deleted
              </Badge>
            )}
          </Group>
        }
        description={`Image ${task.spec.imageName} · run by ${task.owner.username}`}
        actions={
          <>
            <RerunTaskButton
              taskId={task.id}
              hasAlgorithm={task.algorithm !== null}
              onStarted={onRerunStarted}
            />
            {isActive(task.status) ? (
              <CancelTaskButton taskId={task.id} label="Cancel task" size="sm" />
            ) : null}
          </>
        }
      />
      {recorded ? <TaskProvenance reusedFrom={recorded.reusedFrom} rerunOf={recorded.rerunOf} /> : null}
      {task.failureReason ? (
        <Alert
          color={task.status === "CANCELLED" ? "orange" : "red"}
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title={task.status === "CANCELLED" ? "Cancelled" : "Why it failed"}
        >
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {task.failureReason}
          </Text>
        </Alert>
      ) : null}
      <Paper withBorder radius="md" px="md" py="xs" data-testid="task-summary">
        <Group gap="xl" wrap="wrap">
          <Fact
            label="Exit code"
            value={
              <Text span fw={600} ff="monospace" c={task.exitCode && task.exitCode !== 0 ? "red" : undefined}>
                {task.exitCode ?? "—"}
              </Text>
            }
          />
          <Fact label="Waited" value={formatDuration(waitedMs(task, now))} />
          <Fact label="Ran" value={formatDuration(ranMs(task, now))} />
          <Fact label="Input" value={<DatasetLink dataset={task.inputDataset} missing="deleted" />} />
          <Fact
            label="Output"
            value={
              <DatasetLink
                dataset={task.outputDataset}
                missing={isActive(task.status) ? "when it finishes" : "none"}
              />
            }
          />
        </Group>
      </Paper>
      {/* The log comes first: it is what a task page is for; the details follow it. */}
      {renderLogs(task)}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder radius="md" p="lg" h="100%">
            <Title order={4} mb="md">
              Timeline
            </Title>
            <TaskTimeline task={task} now={now} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <DatasetCard
                title="Input dataset"
                dataset={task.inputDataset}
                empty="The input dataset was deleted."
              />
              <DatasetCard
                title="Output dataset"
                dataset={task.outputDataset}
                empty={
                  isActive(task.status)
                    ? "Appears when the task finishes: what it writes to output/."
                    : "This task produced no output dataset."
                }
              />
            </SimpleGrid>
            <ResourcePanel resources={resources.data?.task?.resources} />
            {recorded ? <RunSpecPanel spec={recorded.spec} inputDigest={recorded.inputDigest} /> : null}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Fact({ label, value }: { readonly label: string; readonly value: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" fw={600} span>
        {value}
      </Text>
    </Group>
  );
}

function DatasetLink({
  dataset,
  missing,
}: {
  readonly dataset: TaskFieldsFragment["inputDataset"];
  readonly missing: string;
}) {
  if (!dataset) {
    return (
      <Text span size="sm" c="dimmed">
        {missing}
      </Text>
    );
  }
  return (
    <Anchor component={Link} to={paths.dataset(dataset.id)} size="sm" fw={600}>
      {dataset.name}
    </Anchor>
  );
}

interface DatasetCardProps {
  readonly title: string;
  readonly dataset: TaskFieldsFragment["inputDataset"];
  readonly empty: string;
}

function DatasetCard({ title, dataset, empty }: DatasetCardProps) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
        {title}
      </Text>
      {dataset ? (
        <Stack gap={6}>
          <Anchor component={Link} to={paths.dataset(dataset.id)} fw={600}>
            {dataset.name}
          </Anchor>
          <Text size="sm" c="dimmed">
            {dataset.fileCount.toLocaleString()} {dataset.fileCount === 1 ? "file" : "files"} ·{" "}
            {formatBytes(dataset.size)}
          </Text>
          <div>
            <Button
              component="a"
              href={dataset.downloadUrl}
              download
              size="xs"
              variant="light"
              leftSection={<IconDownload size={14} />}
              aria-label={`Download zip of the ${title.toLowerCase()}`}
            >
              Download zip
            </Button>
          </div>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
    </Paper>
  );
}
