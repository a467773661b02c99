import { Button } from "@mantine/core";
import { IconPlayerStop } from "@tabler/icons-react";
import { notifyOutcome } from "@/components/notify-outcome";
import { useCancelTask } from "@/features/tasks/api/cancel-task";
import { outcomeOf } from "@/lib/operation-info";

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
    notifyOutcome(outcome, { failure: "Could not cancel the task" });
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
