import { Button, Checkbox, Group, Modal, Stack, Text } from "@mantine/core";
import { IconRepeat } from "@tabler/icons-react";
import { useState, type SubmitEvent } from "react";
import { GeneralErrors } from "@/components/form-errors";
import { useRerunTask } from "@/features/tasks/api/rerun-task";
import { NO_ERRORS, outcomeOf, type FormErrors } from "@/lib/operation-info";

interface RerunTaskButtonProps {
  readonly taskId: string;
  /** False once the algorithm was deleted: only the recorded spec can run again. */
  readonly hasAlgorithm: boolean;
  readonly onStarted: (taskId: string) => void;
}

/** "Re-run": the same spec (or the algorithm as it is now) on the same input, as a new task. */
export function RerunTaskButton({ taskId, hasAlgorithm, onStarted }: RerunTaskButtonProps) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        size="sm"
        variant="light"
        leftSection={<IconRepeat size={16} />}
        onClick={() => {
          setOpened(true);
        }}
      >
        Re-run
      </Button>
      <Modal
        opened={opened}
        onClose={() => {
          setOpened(false);
        }}
        title="Re-run this task"
        centered
      >
        {opened ? (
          <RerunForm
            taskId={taskId}
            hasAlgorithm={hasAlgorithm}
            onClose={() => {
              setOpened(false);
            }}
            onStarted={(id) => {
              setOpened(false);
              onStarted(id);
            }}
          />
        ) : null}
      </Modal>
    </>
  );
}

function RerunForm({
  taskId,
  hasAlgorithm,
  onClose,
  onStarted,
}: RerunTaskButtonProps & { readonly onClose: () => void }) {
  const [useCurrentAlgorithm, setUseCurrentAlgorithm] = useState(false);
  const [reuse, setReuse] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [rerunning, rerun] = useRerunTask();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = await rerun(
      { input: { id: taskId, useCurrentAlgorithm, reuse } },
      { additionalTypenames: ["AlgorithmTask"] },
    );
    const outcome = outcomeOf(result.data?.rerunTask, result.error, []);
    if (!outcome.ok) {
      setErrors(outcome.errors);
      return;
    }
    onStarted(outcome.value.id);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Re-run task">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          A new task runs on the same input dataset. By default it runs the spec recorded here: the same image
          id, command, environment and limits.
        </Text>
        <GeneralErrors messages={errors.general} />
        <Checkbox
          label="Use the algorithm's current definition"
          description={
            hasAlgorithm
              ? "Instead of the recorded spec: picks up later edits to the algorithm and its image."
              : "The algorithm was deleted; only the recorded spec can run."
          }
          checked={useCurrentAlgorithm}
          disabled={!hasAlgorithm}
          onChange={(event) => {
            setUseCurrentAlgorithm(event.currentTarget.checked);
          }}
        />
        <Checkbox
          label="Reuse an earlier identical result"
          description="If a run with the same spec on the same input content succeeded, take its result at once instead of running."
          checked={reuse}
          onChange={(event) => {
            setReuse(event.currentTarget.checked);
          }}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={rerunning.fetching} leftSection={<IconRepeat size={16} />}>
            Re-run
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
