import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { IconPlayerStop } from "@tabler/icons-react";
import { useState } from "react";
import { notifyOutcome } from "@/components/notify-outcome";
import { useCancelTask } from "@/features/tasks/api/cancel-task";
import { taskNumber } from "@/features/tasks/utils/live-tasks";
import { outcomeOf } from "@/lib/operation-info";

interface CancelTaskButtonProps {
  readonly taskId: string;
  readonly label?: string;
  readonly size?: "xs" | "sm";
  readonly ariaLabel?: string;
}

/** Cancels a task after the user confirms it (a stopped container cannot be resumed). */
export function CancelTaskButton({
  taskId,
  label = "Cancel",
  size = "xs",
  ariaLabel,
}: CancelTaskButtonProps) {
  const [{ fetching }, cancel] = useCancelTask();
  const [opened, setOpened] = useState(false);
  const onConfirm = async () => {
    setOpened(false);
    const result = await cancel({ id: taskId });
    const outcome = outcomeOf(result.data?.cancelTask, result.error);
    notifyOutcome(outcome, { failure: "Could not cancel the task" });
  };
  return (
    <>
      <Button
        size={size}
        variant="light"
        color="red"
        leftSection={<IconPlayerStop size={14} />}
        loading={fetching}
        onClick={() => {
          setOpened(true);
        }}
        aria-label={ariaLabel}
      >
        {label}
      </Button>
      <Modal
        opened={opened}
        onClose={() => {
          setOpened(false);
        }}
        title={`Cancel task ${taskNumber(taskId)}?`}
        centered
      >
        <Stack gap="md">
          <Text size="sm">
            Its container is stopped and the task ends as cancelled; it cannot be resumed. The log written so
            far is kept, and no output dataset is made.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              data-autofocus
              onClick={() => {
                setOpened(false);
              }}
            >
              Keep running
            </Button>
            <Button color="red" onClick={() => void onConfirm()}>
              Cancel task
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
