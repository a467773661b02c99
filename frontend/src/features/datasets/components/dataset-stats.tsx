import { Paper, SimpleGrid, Text } from "@mantine/core";
import type { DatasetQuery } from "@/gql/graphql";
import { formatBytes, formatDateTime } from "@/lib/format";

type Dataset = NonNullable<DatasetQuery["dataset"]>;

interface DatasetStatsProps {
  readonly dataset: Pick<Dataset, "fileCount" | "size" | "updatedAt">;
}

/** The dataset's file count, size and last change, as tiles. */
export function DatasetStats({ dataset }: DatasetStatsProps) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
      <Stat label="Files" value={dataset.fileCount.toLocaleString()} />
      <Stat label="Size" value={formatBytes(dataset.size)} />
      <Stat label="Updated" value={formatDateTime(dataset.updatedAt)} />
    </SimpleGrid>
  );
}

function Stat({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={600} size="lg">
        {value}
      </Text>
    </Paper>
  );
}
