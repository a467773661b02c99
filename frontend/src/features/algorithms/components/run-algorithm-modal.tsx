import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconAlertTriangle, IconPlayerPlay } from "@tabler/icons-react";
import { useMemo, useState, type SubmitEvent } from "react";
import { GeneralErrors } from "@/components/form-errors";
import { useDatasetOptions } from "@/features/algorithms/api/dataset-options";
import { useRunAlgorithm } from "@/features/algorithms/api/run-algorithm";
import { runLimitsSentence, type RunLimits } from "@/features/algorithms/utils/run-limits";
import { countNoun, formatBytes } from "@/lib/format";
import { NO_ERRORS, outcomeOf, type FormErrors } from "@/lib/operation-info";

/** What the run dialog needs of an algorithm. */
export interface RunnableAlgorithm extends RunLimits {
  readonly id: string;
  readonly name: string;
  /** The algorithm's default for reusing an earlier identical result. */
  readonly cacheResults: boolean;
}

interface RunAlgorithmModalProps {
  readonly algorithm: RunnableAlgorithm | null;
  readonly onClose: () => void;
  readonly onStarted: (taskId: string) => void;
}

/** Picks an input dataset and starts a task. */
export function RunAlgorithmModal({ algorithm, onClose, onStarted }: RunAlgorithmModalProps) {
  return (
    <Modal
      opened={algorithm !== null}
      onClose={onClose}
      title={algorithm ? `Run “${algorithm.name}”` : "Run"}
      centered
      size="lg"
    >
      {algorithm ? <RunForm algorithm={algorithm} onClose={onClose} onStarted={onStarted} /> : null}
    </Modal>
  );
}

function RunForm({
  algorithm,
  onClose,
  onStarted,
}: {
  readonly algorithm: RunnableAlgorithm;
  readonly onClose: () => void;
  readonly onStarted: (taskId: string) => void;
}) {
  const [datasetId, setDatasetId] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  // null: not touched, so the server applies the algorithm's own setting.
  const [reuse, setReuse] = useState<boolean | null>(null);
  const [options] = useDatasetOptions(debounced.trim() || null);
  const [running, run] = useRunAlgorithm();

  const data = useMemo(
    () =>
      (options.data?.datasets.edges ?? []).map(({ node }) => ({
        value: node.id,
        label: `${node.name} — ${countNoun(node.fileCount, "files")}, ${formatBytes(node.size)}`,
      })),
    [options.data],
  );

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!datasetId) {
      setErrors({ fields: { inputDatasetId: "Choose the dataset to run on." }, general: [] });
      return;
    }
    const result = await run(
      { input: { algorithmId: algorithm.id, inputDatasetId: datasetId, reuse } },
      { additionalTypenames: ["AlgorithmTask"] },
    );
    const outcome = outcomeOf(result.data?.runAlgorithm, result.error, ["inputDatasetId", "algorithmId"]);
    if (!outcome.ok) {
      setErrors(outcome.errors);
      return;
    }
    onStarted(outcome.value.id);
  };

  // The server refuses the algorithm itself (e.g. its image is still being pulled): not a form field.
  const refused = errors.fields.algorithmId;
  const limits = runLimitsSentence(algorithm);

  return (
    <form onSubmit={submit} noValidate aria-label="Run algorithm">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          The task copies the dataset&apos;s files into input/ and saves what it writes to output/ as a new
          dataset.
        </Text>
        {limits ? (
          <Text size="sm" data-testid="run-limits">
            {limits}
          </Text>
        ) : null}
        {refused ? (
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="This algorithm cannot run yet"
            role="alert"
          >
            {refused}
          </Alert>
        ) : null}
        <GeneralErrors messages={errors.general} />
        <Select
          label="Input dataset"
          placeholder={options.fetching && !options.data ? "Loading datasets…" : "Choose a dataset"}
          data={data}
          value={datasetId}
          onChange={setDatasetId}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: all }) => all}
          nothingFoundMessage={options.fetching ? "Searching…" : "No dataset found"}
          error={errors.fields.inputDatasetId ?? (options.error ? "Could not load the datasets." : undefined)}
          required
          data-autofocus
          comboboxProps={{ withinPortal: true }}
        />
        <Checkbox
          label="Reuse an earlier identical result"
          description={`If a run with the same spec on the same input content succeeded before (and you may see it), this task takes its result at once instead of running. This algorithm's default: ${algorithm.cacheResults ? "on" : "off"}.`}
          checked={reuse ?? algorithm.cacheResults}
          onChange={(event) => {
            setReuse(event.currentTarget.checked);
          }}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={running.fetching} leftSection={<IconPlayerPlay size={16} />}>
            Run
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
