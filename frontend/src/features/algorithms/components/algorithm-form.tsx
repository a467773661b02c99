import { Button, Group, Stack } from "@mantine/core";
import { IconDeviceFloppy } from "@tabler/icons-react";
import type { SubmitEvent } from "react";
import { GeneralErrors } from "@/components/form-errors";
import { useAlgorithmLimits } from "@/features/algorithms/api/algorithm-limits";
import { ResourcesSection } from "@/features/algorithms/components/resources-section";
import { WhatToRunSection } from "@/features/algorithms/components/what-to-run-section";
import { useAlgorithmFormState } from "@/features/algorithms/hooks/use-algorithm-form-state";
import { useSaveAlgorithm } from "@/features/algorithms/hooks/use-save-algorithm";
import type { AlgorithmFieldsFragment } from "@/gql/graphql";
import { NO_ERRORS } from "@/lib/operation-info";

interface AlgorithmFormProps {
  /** The algorithm to edit; omitted to create one. */
  readonly algorithm?: AlgorithmFieldsFragment;
  readonly onSaved: (algorithm: AlgorithmFieldsFragment) => void;
  readonly onCancel?: () => void;
}

/**
 * Creates or edits an algorithm. The values and their checks live in useAlgorithmFormState, the
 * save in useSaveAlgorithm; each section of the form is its own component.
 */
export function AlgorithmForm({ algorithm, onSaved, onCancel }: AlgorithmFormProps) {
  const limits = useAlgorithmLimits();
  const form = useAlgorithmFormState(algorithm, limits);
  const { saving, save } = useSaveAlgorithm(algorithm);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const input = form.validate();
    if (!input) return;
    const outcome = await save(input);
    if (!outcome.ok) {
      form.setErrors(outcome.errors);
      return;
    }
    form.setErrors(NO_ERRORS);
    onSaved(outcome.value);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={algorithm ? "Edit algorithm" : "Create an algorithm"}>
      <Stack gap="lg">
        <GeneralErrors messages={form.errors.general} />
        <WhatToRunSection algorithm={algorithm} form={form} />
        <ResourcesSection limits={limits} form={form} />
        <Group justify="flex-end" gap="sm">
          {onCancel ? (
            <Button variant="default" onClick={onCancel} disabled={saving}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={saving} leftSection={<IconDeviceFloppy size={16} />}>
            {algorithm ? "Save changes" : "Create algorithm"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
