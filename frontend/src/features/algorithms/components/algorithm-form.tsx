import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Divider,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconAlertTriangle, IconDeviceFloppy } from "@tabler/icons-react";
import { useMemo, useState, type SubmitEvent } from "react";
import { Link } from "react-router";
import { GeneralErrors } from "@/components/form-errors";
import { paths } from "@/config/paths";
import { useAlgorithmLimits } from "@/features/algorithms/api/algorithm-limits";
import { useCreateAlgorithm } from "@/features/algorithms/api/create-algorithm";
import { useImageOptions } from "@/features/algorithms/api/image-options";
import { useUpdateAlgorithm } from "@/features/algorithms/api/update-algorithm";
import { EnvironmentEditor } from "@/features/algorithms/components/environment-editor";
import {
  environmentFromRows,
  rowsFromEnvironment,
  validateRows,
  type EnvRow,
} from "@/features/algorithms/utils/environment";
import { imageReadiness } from "@/features/algorithms/utils/image-readiness";
import { parseNumber, validateAlgorithm } from "@/features/algorithms/utils/validate-algorithm";
import type { AlgorithmFieldsFragment } from "@/gql/graphql";
import { formatDuration } from "@/lib/format";
import { fieldProblems, NO_ERRORS, outcomeOf, type FormErrors } from "@/lib/operation-info";

const FIELDS = [
  "name",
  "description",
  "imageId",
  "command",
  "entrypoint",
  "environment",
  "gpu",
  "memoryMb",
  "cpus",
  "timeoutS",
  "network",
  "cacheResults",
  "isPublic",
] as const;

interface AlgorithmFormProps {
  /** The algorithm to edit; omitted to create one. */
  readonly algorithm?: AlgorithmFieldsFragment;
  readonly onSaved: (algorithm: AlgorithmFieldsFragment) => void;
  readonly onCancel?: () => void;
}

type NumberValue = number | string;

export function AlgorithmForm({ algorithm, onSaved, onCancel }: AlgorithmFormProps) {
  const [name, setName] = useState(algorithm?.name ?? "");
  const [description, setDescription] = useState(algorithm?.description ?? "");
  const [imageId, setImageId] = useState<string | null>(algorithm?.image.id ?? null);
  const [command, setCommand] = useState(algorithm?.command ?? "");
  const [entrypoint, setEntrypoint] = useState(algorithm?.entrypoint ?? "");
  const [envRows, setEnvRows] = useState<EnvRow[]>(() => rowsFromEnvironment(algorithm?.environment));
  const [gpu, setGpu] = useState(algorithm?.gpu ?? false);
  const [memoryMb, setMemoryMb] = useState<NumberValue>(algorithm?.memoryMb ?? "");
  const [cpus, setCpus] = useState<NumberValue>(algorithm?.cpus ?? "");
  const [timeoutS, setTimeoutS] = useState<NumberValue>(algorithm?.timeoutS ?? "");
  const [network, setNetwork] = useState(algorithm?.network ?? false);
  const [cacheResults, setCacheResults] = useState(algorithm?.cacheResults ?? false);
  const [isPublic, setIsPublic] = useState(algorithm?.isPublic ?? false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [envErrors, setEnvErrors] = useState<Record<number, string>>({});

  const [images] = useImageOptions();
  const limits = useAlgorithmLimits();
  const [created, create] = useCreateAlgorithm();
  const [updated, update] = useUpdateAlgorithm();
  const saving = created.fetching || updated.fetching;

  const imageData = useMemo(() => {
    const options = (images.data?.images.edges ?? []).map(({ node }) => ({
      value: node.id,
      label:
        (node.imageRef && node.imageRef !== node.name ? `${node.name} (${node.imageRef})` : node.name) +
        (imageReadiness(node) === "ready" ? "" : ` · ${node.status.toLowerCase()}`),
    }));
    if (algorithm && !options.some((option) => option.value === algorithm.image.id)) {
      options.unshift({ value: algorithm.image.id, label: algorithm.image.name });
    }
    return options;
  }, [images.data, algorithm]);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    // Everything is checked at once, before sending; the server checks again and has the last word.
    const rowErrors = validateRows(envRows);
    setEnvErrors(rowErrors);
    const problems = fieldProblems({
      ...validateAlgorithm(
        { name, imageId, command, entrypoint, memoryMb, cpus, timeoutS, network },
        { creating: algorithm === undefined, limits },
      ),
      environment: Object.keys(rowErrors).length > 0 ? "Fix the variables marked below." : null,
    });
    if (problems) {
      setErrors(problems);
      return;
    }
    const input = {
      name,
      description,
      imageId,
      command,
      entrypoint,
      environment: environmentFromRows(envRows),
      gpu,
      memoryMb: parseNumber(memoryMb),
      cpus: parseNumber(cpus),
      timeoutS: parseNumber(timeoutS),
      network,
      cacheResults,
      isPublic,
    };
    const result = algorithm
      ? await update({ id: algorithm.id, input }).then((r) => ({
          payload: r.data?.updateAlgorithm,
          error: r.error,
        }))
      : await create({ input }).then((r) => ({ payload: r.data?.createAlgorithm, error: r.error }));
    const outcome = outcomeOf(result.payload, result.error, FIELDS);
    if (!outcome.ok) {
      setErrors(outcome.errors);
      return;
    }
    setErrors(NO_ERRORS);
    onSaved(outcome.value);
  };

  const noImages = images.data?.images.edges.length === 0;
  const savedImage = algorithm?.image;
  const chosenImage =
    images.data?.images.edges.find(({ node }) => node.id === imageId)?.node ??
    (savedImage?.id === imageId ? savedImage : undefined);
  const readiness = chosenImage ? imageReadiness(chosenImage) : "ready";

  return (
    <form onSubmit={submit} noValidate aria-label={algorithm ? "Edit algorithm" : "Create an algorithm"}>
      <Stack gap="lg">
        <GeneralErrors messages={errors.general} />
        <Paper withBorder radius="md" p="lg">
          <Stack gap="md">
            <Title order={4}>What to run</Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label="Name"
                placeholder="Concatenate inputs"
                value={name}
                onChange={(event) => {
                  setName(event.currentTarget.value);
                }}
                error={errors.fields.name}
                required
              />
              <Select
                label="Image"
                placeholder={images.fetching && !images.data ? "Loading images…" : "Choose an image"}
                data={imageData}
                value={imageId}
                onChange={setImageId}
                searchable
                nothingFoundMessage="No image matches"
                error={errors.fields.imageId ?? (images.error ? "Could not load the images." : undefined)}
                description={
                  noImages ? (
                    <>
                      No images yet:{" "}
                      <Anchor component={Link} to={paths.images} size="xs">
                        register one first
                      </Anchor>
                      .
                    </>
                  ) : undefined
                }
                required
              />
            </SimpleGrid>
            {readiness !== "ready" ? (
              <Alert
                color={readiness === "failed" ? "red" : "yellow"}
                variant="light"
                icon={<IconAlertTriangle size={18} />}
              >
                {readiness === "failed"
                  ? "This image could not be pulled or verified; tasks cannot run it. See the Images page for why."
                  : "This image is still being pulled or verified; tasks can run once it is ready."}
              </Alert>
            ) : null}
            <Textarea
              label="Description"
              placeholder="What it does, what it expects in its input"
              autosize
              minRows={2}
              maxRows={6}
              value={description}
              onChange={(event) => {
                setDescription(event.currentTarget.value);
              }}
              error={errors.fields.description}
            />
            <Textarea
              label="Command"
              description="Split like a POSIX shell into the container's arguments; empty keeps the image's CMD. Inputs are in input/, write results to output/."
              placeholder={"/bin/sh -c 'cat input/* > output/all.txt'"}
              autosize
              minRows={2}
              maxRows={10}
              value={command}
              onChange={(event) => {
                setCommand(event.currentTarget.value);
              }}
              error={errors.fields.command}
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            />
            <TextInput
              label="Entrypoint"
              description="Empty keeps the image's ENTRYPOINT."
              placeholder="/bin/sh -c"
              value={entrypoint}
              onChange={(event) => {
                setEntrypoint(event.currentTarget.value);
              }}
              error={errors.fields.entrypoint}
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            />
            <EnvironmentEditor
              rows={envRows}
              onChange={(rows) => {
                setEnvRows(rows);
                setEnvErrors({});
              }}
              rowErrors={envErrors}
              error={errors.fields.environment}
            />
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="lg">
          <Stack gap="md">
            <div>
              <Title order={4}>Resources and limits</Title>
              <Text size="sm" c="dimmed">
                {limits
                  ? `Empty fields use this installation's defaults: ${limits.defaultMemoryMb.toLocaleString()} MB, ${String(limits.defaultCpus)} CPU${limits.defaultCpus === 1 ? "" : "s"}, ${formatDuration(limits.defaultTimeoutS * 1000)}.`
                  : "Empty fields use the server's defaults."}
              </Text>
            </div>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <NumberInput
                label="Memory (MB)"
                description={
                  limits
                    ? `${String(limits.minMemoryMb)}–${limits.maxMemoryMb.toLocaleString()} MB`
                    : "Loading the limits…"
                }
                placeholder={String(limits?.defaultMemoryMb ?? 1024)}
                min={limits?.minMemoryMb}
                max={limits?.maxMemoryMb}
                clampBehavior="none"
                step={256}
                allowDecimal={false}
                value={memoryMb}
                onChange={setMemoryMb}
                error={errors.fields.memoryMb}
              />
              <NumberInput
                label="CPUs"
                description={
                  limits ? `${String(limits.minCpus)}–${String(limits.maxCpus)}` : "Loading the limits…"
                }
                placeholder={String(limits?.defaultCpus ?? 1)}
                min={limits?.minCpus}
                max={limits?.maxCpus}
                clampBehavior="none"
                step={0.5}
                decimalScale={2}
                value={cpus}
                onChange={setCpus}
                error={errors.fields.cpus}
              />
              <NumberInput
                label="Timeout (seconds)"
                description={
                  limits
                    ? `${String(limits.minTimeoutS)}–${limits.maxTimeoutS.toLocaleString()} s (${formatDuration(limits.maxTimeoutS * 1000)})`
                    : "Loading the limits…"
                }
                placeholder={String(limits?.defaultTimeoutS ?? 3600)}
                min={limits?.minTimeoutS}
                max={limits?.maxTimeoutS}
                clampBehavior="none"
                allowDecimal={false}
                value={timeoutS}
                onChange={setTimeoutS}
                error={errors.fields.timeoutS}
              />
            </SimpleGrid>
            <Divider />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <Switch
                label="GPU"
                description="Run on a GPU worker"
                checked={gpu}
                onChange={(event) => {
                  setGpu(event.currentTarget.checked);
                }}
                error={errors.fields.gpu}
              />
              <Switch
                label="Network access"
                description={
                  limits && !limits.allowNetwork
                    ? "Not allowed on this installation"
                    : "Let the container reach the network"
                }
                checked={network}
                onChange={(event) => {
                  setNetwork(event.currentTarget.checked);
                }}
                error={errors.fields.network}
              />
              <Switch
                label="Public"
                description="Every user may run it"
                checked={isPublic}
                onChange={(event) => {
                  setIsPublic(event.currentTarget.checked);
                }}
                error={errors.fields.isPublic}
              />
            </SimpleGrid>
            <Checkbox
              label="Reuse earlier results"
              description="A run with the same spec on the same input content completes at once, sharing the earlier run's output."
              checked={cacheResults}
              onChange={(event) => {
                setCacheResults(event.currentTarget.checked);
              }}
              error={errors.fields.cacheResults}
            />
          </Stack>
        </Paper>
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
