import { Divider, NumberInput, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { AlgorithmLimits } from "@/features/algorithms/api/algorithm-limits";
import { RunOptions } from "@/features/algorithms/components/run-options";
import type { AlgorithmFormState } from "@/features/algorithms/hooks/use-algorithm-form-state";
import { formatDuration } from "@/lib/format";

const LOADING = "Loading the limits…";

interface ResourcesSectionProps {
  /** The installation's limits, or null until they are loaded. */
  readonly limits: AlgorithmLimits | null;
  readonly form: AlgorithmFormState;
}

/** What an empty field falls back to, so nobody has to guess what "empty" means. */
function defaultsSentence(limits: AlgorithmLimits | null): string {
  if (!limits) return "Empty fields use the server's defaults.";
  return `Empty fields use this installation's defaults: ${limits.defaultMemoryMb.toLocaleString()} MB, ${String(limits.defaultCpus)} CPU${limits.defaultCpus === 1 ? "" : "s"}, ${formatDuration(limits.defaultTimeoutS * 1000)}.`;
}

/**
 * Memory, CPUs and timeout, with the installation's ranges shown up front; then the run options.
 * Out-of-range numbers are left as typed (clampBehavior="none") and explained at submit.
 */
export function ResourcesSection({ limits, form }: ResourcesSectionProps) {
  const { values, set } = form;
  const fieldErrors = form.errors.fields;

  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="md">
        <div>
          <Title order={4}>Resources and limits</Title>
          <Text size="sm" c="dimmed">
            {defaultsSentence(limits)}
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <NumberInput
            label="Memory (MB)"
            description={
              limits ? `${String(limits.minMemoryMb)}–${limits.maxMemoryMb.toLocaleString()} MB` : LOADING
            }
            placeholder={String(limits?.defaultMemoryMb ?? 1024)}
            min={limits?.minMemoryMb}
            max={limits?.maxMemoryMb}
            clampBehavior="none"
            step={256}
            allowDecimal={false}
            value={values.memoryMb}
            onChange={(value) => {
              set("memoryMb", value);
            }}
            error={fieldErrors.memoryMb}
          />
          <NumberInput
            label="CPUs"
            description={limits ? `${String(limits.minCpus)}–${String(limits.maxCpus)}` : LOADING}
            placeholder={String(limits?.defaultCpus ?? 1)}
            min={limits?.minCpus}
            max={limits?.maxCpus}
            clampBehavior="none"
            step={0.5}
            decimalScale={2}
            value={values.cpus}
            onChange={(value) => {
              set("cpus", value);
            }}
            error={fieldErrors.cpus}
          />
          <NumberInput
            label="Timeout (seconds)"
            description={
              limits
                ? `${String(limits.minTimeoutS)}–${limits.maxTimeoutS.toLocaleString()} s (${formatDuration(limits.maxTimeoutS * 1000)})`
                : LOADING
            }
            placeholder={String(limits?.defaultTimeoutS ?? 3600)}
            min={limits?.minTimeoutS}
            max={limits?.maxTimeoutS}
            clampBehavior="none"
            allowDecimal={false}
            value={values.timeoutS}
            onChange={(value) => {
              set("timeoutS", value);
            }}
            error={fieldErrors.timeoutS}
          />
        </SimpleGrid>
        <Divider />
        <RunOptions limits={limits} form={form} />
      </Stack>
    </Paper>
  );
}
