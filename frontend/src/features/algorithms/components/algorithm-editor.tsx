import { Button, Stack } from "@mantine/core";
import { IconPlayerPlay } from "@tabler/icons-react";
import { useState } from "react";
import { PageHeader } from "@/components/page-header";
import { ParentBreadcrumbs } from "@/components/parent-breadcrumbs";
import { EmptyState, LoadingState, QueryErrorState } from "@/components/states";
import { paths } from "@/config/paths";
import { useAlgorithm } from "@/features/algorithms/api/algorithm";
import { AlgorithmForm } from "@/features/algorithms/components/algorithm-form";
import { RunAlgorithmModal } from "@/features/algorithms/components/run-algorithm-modal";
import type { AlgorithmFieldsFragment } from "@/gql/graphql";
import { formatDateTime } from "@/lib/format";

interface AlgorithmEditorProps {
  readonly id: string;
  readonly onSaved: (algorithm: AlgorithmFieldsFragment) => void;
  readonly onCancel: () => void;
  readonly onRunStarted: (taskId: string) => void;
}

/** Loads an algorithm and shows its form, with a Run button. */
export function AlgorithmEditor({ id, onSaved, onCancel, onRunStarted }: AlgorithmEditorProps) {
  const [{ data, error }, refetch] = useAlgorithm(id);
  const [running, setRunning] = useState(false);

  if (error && !data) {
    return <QueryErrorState error={error} refetch={refetch} />;
  }
  if (!data) return <LoadingState label="Loading the algorithm…" />;
  const algorithm = data.algorithm;
  if (!algorithm) {
    return <EmptyState title="Algorithm not found" description="It was deleted, or you may not see it." />;
  }

  return (
    <Stack gap={0}>
      <PageHeader
        eyebrow={
          <ParentBreadcrumbs
            parent={{ label: "Algorithms", to: paths.algorithms }}
            current={algorithm.name}
          />
        }
        title={algorithm.name}
        description={`By ${algorithm.owner.username} · updated ${formatDateTime(algorithm.updatedAt)}`}
        actions={
          <Button
            leftSection={<IconPlayerPlay size={16} />}
            onClick={() => {
              setRunning(true);
            }}
          >
            Run
          </Button>
        }
      />
      <AlgorithmForm key={algorithm.id} algorithm={algorithm} onSaved={onSaved} onCancel={onCancel} />
      <RunAlgorithmModal
        algorithm={running ? algorithm : null}
        onClose={() => {
          setRunning(false);
        }}
        onStarted={(taskId) => {
          setRunning(false);
          onRunStarted(taskId);
        }}
      />
    </Stack>
  );
}
