import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { TaskResourcesQuery } from "@/gql/graphql";
import { formatBytes, formatDuration } from "@/lib/format";

type Resources = NonNullable<NonNullable<TaskResourcesQuery["task"]>["resources"]>;

const WIDTH = 320;
const HEIGHT = 64;

/** An SVG line of `values` over `seconds`, scaled to `max` (no chart library for two small lines). */
function Sparkline({
  label,
  seconds,
  values,
  max,
  color,
}: {
  readonly label: string;
  readonly seconds: readonly number[];
  readonly values: readonly number[];
  readonly max: number;
  readonly color: string;
}) {
  const end = Math.max(1, seconds[seconds.length - 1] ?? 1);
  const top = Math.max(max, 1e-9);
  const points = values
    .map((value, i) => {
      const x = ((seconds[i] ?? 0) / end) * WIDTH;
      const y = HEIGHT - (Math.min(value, top) / top) * (HEIGHT - 2) - 1;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(" ");
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${String(WIDTH)} ${String(HEIGHT)}`}
      width="100%"
      height={HEIGHT}
      preserveAspectRatio="none"
      style={{ display: "block", background: "var(--mantine-color-default-hover)", borderRadius: 4 }}
    >
      <polyline
        points={points}
        fill="none"
        stroke={color}
        strokeWidth={1.5}
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}

/** CPU and memory over the run, and the peak memory beside the limit, so limits can be sized. */
export function ResourcePanel({ resources }: { readonly resources: Resources | null | undefined }) {
  if (!resources || resources.samples.length === 0) {
    return (
      <Paper withBorder radius="md" p="lg" component="section" aria-label="Resources">
        <Title order={4} mb="xs">
          Resources
        </Title>
        <Text size="sm" c="dimmed">
          CPU and memory appear here once the container runs.
        </Text>
      </Paper>
    );
  }
  const { samples, peakMemoryBytes, memoryLimitBytes } = resources;
  const seconds = samples.map((sample) => sample.seconds);
  const cpu = samples.map((sample) => sample.cpuPercent);
  const memory = samples.map((sample) => sample.memoryBytes);
  const peakCpu = Math.max(...cpu);
  const share = memoryLimitBytes > 0 ? Math.min(100, (peakMemoryBytes / memoryLimitBytes) * 100) : 0;
  const duration = seconds[seconds.length - 1] ?? 0;
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label="Resources">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Resources</Title>
        <Text size="xs" c="dimmed">
          {samples.length.toLocaleString()} samples over {formatDuration(duration * 1000)}
        </Text>
      </Group>
      <Stack gap="sm">
        <div>
          <Group justify="space-between" mb={4}>
            <Text size="sm" fw={600}>
              Peak memory
            </Text>
            <Text size="sm" data-testid="peak-memory">
              {formatBytes(peakMemoryBytes)} of {formatBytes(memoryLimitBytes)} ({Math.round(share)}%)
            </Text>
          </Group>
          <Progress
            value={share}
            color={share >= 90 ? "red" : share >= 70 ? "yellow" : "teal"}
            aria-label="Peak memory of the limit"
          />
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <div>
            <Text size="xs" c="dimmed" mb={4}>
              CPU (peak {Math.round(peakCpu)}% of one CPU)
            </Text>
            <Sparkline
              label="CPU over the run"
              seconds={seconds}
              values={cpu}
              max={Math.max(100, peakCpu)}
              color="var(--mantine-color-blue-6)"
            />
          </div>
          <div>
            <Text size="xs" c="dimmed" mb={4}>
              Memory (limit {formatBytes(memoryLimitBytes)})
            </Text>
            <Sparkline
              label="Memory over the run"
              seconds={seconds}
              values={memory}
              max={memoryLimitBytes || Math.max(...memory)}
              color="var(--mantine-color-teal-6)"
            />
          </div>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
