import type { TaskStatus } from "@/gql/graphql";

export const TASK_STATUSES: readonly TaskStatus[] = [
  "CREATED",
  "QUEUED",
  "RUNNING",
  "SUCCEEDED",
  "FAILED",
  "CANCELLED",
];

export const ACTIVE_STATUSES: ReadonlySet<TaskStatus> = new Set(["CREATED", "QUEUED", "RUNNING"]);

export function isActive(status: TaskStatus): boolean {
  return ACTIVE_STATUSES.has(status);
}

export const STATUS_META: Readonly<Record<TaskStatus, { label: string; color: string }>> = {
  CREATED: { label: "Created", color: "gray" },
  QUEUED: { label: "Queued", color: "yellow" },
  RUNNING: { label: "Running", color: "blue" },
  SUCCEEDED: { label: "Succeeded", color: "teal" },
  FAILED: { label: "Failed", color: "red" },
  CANCELLED: { label: "Cancelled", color: "orange" },
};
