import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlayerStop } from "@tabler/icons-react";
import { useCancelTask } from "@/features/tasks/api/cancel-task";
import { errorsSentence, outcomeOf } from "@/lib/operation-info";

interface CancelTaskButtonProps {
  readonly taskId: string;
  readonly label?: string;
  readonly size?: "xs" | "sm";
  readonly ariaLabel?: string;
}

export function CancelTaskButton({
  taskId,
  label = "Cancel",
  size = "xs",
  ariaLabel,
}: CancelTaskButtonProps) {
  const [{ fetching }, cancel] = useCancelTask();
  const onClick = async () => {
    const result = await cancel({ id: taskId });
    const outcome = outcomeOf(result.data?.cancelTask, result.error);
    if (!outcome.ok) {
      notifications.show({
        color: "red",
        title: "Could not cancel the task",
        message: errorsSentence(outcome.errors),
      });
    }
  };
  return (
    <Button
      size={size}
      variant="light"
      color="red"
      leftSection={<IconPlayerStop size={14} />}
      loading={fetching}
      onClick={() => void onClick()}
      aria-label={ariaLabel}
    >
      {label}
    </Button>
  );
}
