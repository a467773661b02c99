import { Checkbox, SimpleGrid, Switch } from "@mantine/core";
import type { AlgorithmLimits } from "@/features/algorithms/api/algorithm-limits";
import type { AlgorithmFormState } from "@/features/algorithms/hooks/use-algorithm-form-state";

interface RunOptionsProps {
  /** The installation's limits, or null until they are loaded. */
  readonly limits: AlgorithmLimits | null;
  readonly form: AlgorithmFormState;
}

/** The on/off settings: GPU, network access, who may run it, and whether results are reused. */
export function RunOptions({ limits, form }: RunOptionsProps) {
  const { values, set } = form;
  const fieldErrors = form.errors.fields;

  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Switch
          label="GPU"
          description="Run on a GPU worker"
          checked={values.gpu}
          onChange={(event) => {
            set("gpu", event.currentTarget.checked);
          }}
          error={fieldErrors.gpu}
        />
        <Switch
          label="Network access"
          description={
            limits && !limits.allowNetwork
              ? "Not allowed on this installation"
              : "Let the container reach the network"
          }
          checked={values.network}
          onChange={(event) => {
            set("network", event.currentTarget.checked);
          }}
          error={fieldErrors.network}
        />
        <Switch
          label="Public"
          description="Every user may run it"
          checked={values.isPublic}
          onChange={(event) => {
            set("isPublic", event.currentTarget.checked);
          }}
          error={fieldErrors.isPublic}
        />
      </SimpleGrid>
      <Checkbox
        label="Reuse earlier results"
        description="A run with the same spec on the same input content completes at once, sharing the earlier run's output."
        checked={values.cacheResults}
        onChange={(event) => {
          set("cacheResults", event.currentTarget.checked);
        }}
        error={fieldErrors.cacheResults}
      />
    </>
  );
}
