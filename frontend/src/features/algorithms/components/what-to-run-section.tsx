import { Paper, SimpleGrid, Stack, Textarea, TextInput, Title } from "@mantine/core";
import { EnvironmentEditor } from "@/features/algorithms/components/environment-editor";
import { ImageReadinessAlert, ImageSelect } from "@/features/algorithms/components/image-select";
import type { AlgorithmFormState } from "@/features/algorithms/hooks/use-algorithm-form-state";
import { useImageChoice } from "@/features/algorithms/hooks/use-image-choice";
import type { AlgorithmFieldsFragment } from "@/gql/graphql";

/** The command and entrypoint are split like a shell would: monospace shows their quotes and spaces. */
const MONOSPACE = { input: { fontFamily: "var(--mantine-font-family-monospace)" } };

interface WhatToRunSectionProps {
  /** The algorithm being edited, whose image stays choosable; omitted when creating one. */
  readonly algorithm?: AlgorithmFieldsFragment;
  readonly form: AlgorithmFormState;
}

/** The algorithm's name, image, description, command line and environment. */
export function WhatToRunSection({ algorithm, form }: WhatToRunSectionProps) {
  const { values, set } = form;
  const fieldErrors = form.errors.fields;
  const images = useImageChoice(algorithm, values.imageId);

  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="md">
        <Title order={4}>What to run</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label="Name"
            placeholder="Concatenate inputs"
            value={values.name}
            onChange={(event) => {
              set("name", event.currentTarget.value);
            }}
            error={fieldErrors.name}
            required
          />
          <ImageSelect
            choice={images}
            value={values.imageId}
            onChange={(imageId) => {
              set("imageId", imageId);
            }}
            error={fieldErrors.imageId}
          />
        </SimpleGrid>
        <ImageReadinessAlert readiness={images.readiness} />
        <Textarea
          label="Description"
          placeholder="What it does, what it expects in its input"
          autosize
          minRows={2}
          maxRows={6}
          value={values.description}
          onChange={(event) => {
            set("description", event.currentTarget.value);
          }}
          error={fieldErrors.description}
        />
        <Textarea
          label="Command"
          description="Split like a POSIX shell into the container's arguments; empty keeps the image's CMD. Inputs are in input/, write results to output/."
          placeholder={"/bin/sh -c 'cat input/* > output/all.txt'"}
          autosize
          minRows={2}
          maxRows={10}
          value={values.command}
          onChange={(event) => {
            set("command", event.currentTarget.value);
          }}
          error={fieldErrors.command}
          styles={MONOSPACE}
        />
        <TextInput
          label="Entrypoint"
          description="Empty keeps the image's ENTRYPOINT."
          placeholder="/bin/sh -c"
          value={values.entrypoint}
          onChange={(event) => {
            set("entrypoint", event.currentTarget.value);
          }}
          error={fieldErrors.entrypoint}
          styles={MONOSPACE}
        />
        <EnvironmentEditor
          rows={values.envRows}
          onChange={form.setEnvRows}
          rowErrors={form.envErrors}
          error={fieldErrors.environment}
        />
      </Stack>
    </Paper>
  );
}
