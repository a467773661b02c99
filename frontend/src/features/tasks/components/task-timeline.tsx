import { Text, Timeline } from "@mantine/core";
import { IconCheck, IconClockHour3, IconFlag, IconPlayerPlay, IconPlus, IconX } from "@tabler/icons-react";
import type { TaskFieldsFragment } from "@/gql/graphql";
import { durationBetween, formatDateTime, formatDuration } from "@/lib/format";

interface TaskTimelineProps {
  readonly task: TaskFieldsFragment;
  readonly now: number;
}

/** Created → queued → started → finished, with timestamps and the time spent between. */
export function TaskTimeline({ task, now }: TaskTimelineProps) {
  const finishedLabel =
    task.status === "SUCCEEDED"
      ? "Succeeded"
      : task.status === "FAILED"
        ? "Failed"
        : task.status === "CANCELLED"
          ? "Cancelled"
          : "Finished";
  const steps = [
    { key: "created", title: "Created", at: task.createdAt, icon: <IconPlus size={12} /> },
    { key: "queued", title: "Queued", at: task.queuedAt, icon: <IconClockHour3 size={12} /> },
    { key: "started", title: "Started", at: task.startedAt, icon: <IconPlayerPlay size={12} /> },
    {
      key: "finished",
      title: finishedLabel,
      at: task.finishedAt,
      icon:
        task.status === "SUCCEEDED" ? (
          <IconCheck size={12} />
        ) : task.status === "FAILED" || task.status === "CANCELLED" ? (
          <IconX size={12} />
        ) : (
          <IconFlag size={12} />
        ),
    },
  ];
  const reached = steps.reduce((last, step, index) => (step.at ? index : last), 0);
  const color = task.status === "FAILED" ? "red" : task.status === "CANCELLED" ? "orange" : undefined;
  const note = (index: number): string | null => {
    const step = steps[index];
    const next = steps[index + 1];
    if (!step?.at || !next) return null;
    if (next.at) return `${next.title} after ${formatDuration(durationBetween(step.at, next.at, now))}`;
    if (task.finishedAt) return null;
    return `${formatDuration(durationBetween(step.at, null, now))} so far`;
  };
  return (
    <Timeline active={reached} bulletSize={22} lineWidth={2} color={color} aria-label="Task timeline">
      {steps.map((step, index) => (
        <Timeline.Item
          key={step.key}
          bullet={step.icon}
          title={step.title}
          lineVariant={index >= reached ? "dashed" : "solid"}
        >
          <Text size="sm" c={step.at ? undefined : "dimmed"}>
            {step.at
              ? formatDateTime(step.at)
              : step.key === "started" && task.finishedAt
                ? "never started"
                : "—"}
          </Text>
          {note(index) ? (
            <Text size="xs" c="dimmed">
              {note(index)}
            </Text>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
