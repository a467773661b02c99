import { Badge, Loader } from "@mantine/core";
import type { TaskStatus } from "@/gql/graphql";
import { STATUS_META } from "@/features/tasks/utils/status";

export function StatusBadge({
  status,
  size = "md",
}: {
  readonly status: TaskStatus;
  readonly size?: "sm" | "md" | "lg";
}) {
  const meta = STATUS_META[status];
  return (
    <Badge
      color={meta.color}
      variant={status === "RUNNING" ? "filled" : "light"}
      size={size}
      radius="sm"
      leftSection={status === "RUNNING" ? <Loader size={10} color="white" type="oval" /> : undefined}
      data-status={status}
      aria-label={`Status: ${meta.label}`}
    >
      {meta.label}
    </Badge>
  );
}
