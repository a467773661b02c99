import { notifications } from "@mantine/notifications";
import { IconPlayerStop } from "@tabler/icons-react";
import { ConfirmButton } from "@/components/confirm-button";
import { useCancelTasks } from "@/features/tasks/api/cancel-tasks";
import { taskNumber } from "@/features/tasks/utils/live-tasks";
import { countNoun } from "@/lib/format";
import { errorsSentence, outcomeOf } from "@/lib/operation-info";

interface CancelSelectedButtonProps {
  readonly taskIds: readonly string[];
  /** After the server answered (the selection can be cleared). */
  readonly onDone: () => void;
}

/** Cancels the selected tasks in one request, after the user confirms; says which could not be. */
export function CancelSelectedButton({ taskIds, onDone }: CancelSelectedButtonProps) {
  const [{ fetching }, cancelTasks] = useCancelTasks();
  const onConfirm = async () => {
    const result = await cancelTasks({ ids: [...taskIds] });
    const outcome = outcomeOf(result.data?.cancelTasks, result.error);
    onDone();
    if (!outcome.ok) {
      notifications.show({
        color: "red",
        title: "Could not cancel the tasks",
        message: errorsSentence(outcome.errors),
      });
      return;
    }
    const { cancelledCount, results } = outcome.value;
    const refused = results.filter((item) => item.code !== "CANCELLED");
    if (cancelledCount > 0) {
      notifications.show({ color: "teal", message: `Cancelled ${countNoun(cancelledCount, "tasks")}.` });
    }
    if (refused.length > 0) {
      notifications.show({
        color: "yellow",
        title: `${countNoun(refused.length, "tasks")} not cancelled`,
        message: refused.map((item) => `Task ${taskNumber(item.id)}: ${item.message}`).join(" "),
      });
    }
  };
  const count = countNoun(taskIds.length, "tasks");
  return (
    <ConfirmButton
      title={`Cancel ${count}?`}
      message={`Their containers are stopped and the tasks end as cancelled; they cannot be resumed. The logs written so far are kept.`}
      confirmLabel={`Cancel ${count}`}
      leftSection={<IconPlayerStop size={14} />}
      onConfirm={onConfirm}
      loading={fetching}
    >
      Cancel selected ({taskIds.length})
    </ConfirmButton>
  );
}
