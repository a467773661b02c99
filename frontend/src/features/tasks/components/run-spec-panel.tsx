import { Badge, Code, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { CopyText } from "@/components/copy-text";
import type { ImageSource, TaskSpecFieldsFragment } from "@/gql/graphql";
import { argvToShell } from "@/features/tasks/utils/argv";
import { formatDuration, shortDigest } from "@/lib/format";

const SOURCES: Readonly<Record<ImageSource, string>> = {
  FILE: "tarball",
  REFERENCE: "registry",
  LOCAL: "engine-local",
};

interface RunSpecPanelProps {
  readonly spec: TaskSpecFieldsFragment;
  /** sha256 over the input's (path, file sha256) pairs when the task was created. */
  readonly inputDigest: string;
}

/** Exactly what the task runs, as recorded when it was created. */
export function RunSpecPanel({ spec, inputDigest }: RunSpecPanelProps) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="run-spec-title">
      <Stack gap="sm">
        <div>
          <Title order={4} id="run-spec-title">
            Run spec
          </Title>
          <Text size="sm" c="dimmed">
            Recorded when the task was created; editing or deleting the algorithm, or pulling its image again,
            does not change it.
          </Text>
        </div>
        <Table variant="vertical" layout="fixed" withTableBorder={false} aria-label="Run spec" fz="sm">
          <Table.Tbody>
            <Row label="Image">
              <Group gap={6} wrap="wrap">
                <Text size="sm" fw={600}>
                  {spec.imageName}
                </Text>
                <Badge size="xs" variant="light" color="gray">
                  {SOURCES[spec.imageSource]}
                </Badge>
                {spec.imageRef ? (
                  <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                    {spec.imageRef}
                  </Text>
                ) : null}
              </Group>
            </Row>
            <Row label="Image id">
              <CopyText value={spec.imageId} display={shortDigest(spec.imageId)} label="image id" />
            </Row>
            {spec.repoDigest ? (
              <Row label="Repo digest">
                <CopyText
                  value={spec.repoDigest}
                  display={shortDigest(spec.repoDigest)}
                  label="repo digest"
                />
              </Row>
            ) : null}
            <Row label="Entrypoint">
              <Argv argv={spec.entrypoint} fallback="the image's ENTRYPOINT" />
            </Row>
            <Row label="Command">
              <Argv argv={spec.command} fallback="the image's CMD" />
            </Row>
            <Row label="Environment">
              {spec.environment.length === 0 ? (
                <Text size="sm" c="dimmed">
                  none
                </Text>
              ) : (
                <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
                  {spec.environment.map((variable) => (
                    <Text component="li" key={variable.name} size="xs" ff="monospace">
                      {variable.name}={variable.value}
                    </Text>
                  ))}
                </Stack>
              )}
            </Row>
            <Row label="Resources">
              <Group gap={4}>
                <Badge variant="light" color="gray" size="sm" tt="none">
                  {spec.memoryMb} MB
                </Badge>
                <Badge variant="light" color="gray" size="sm" tt="none">
                  {spec.cpus} CPU
                </Badge>
                <Badge variant="light" color="gray" size="sm" tt="none">
                  timeout {formatDuration(spec.timeoutS * 1000)}
                </Badge>
                <Badge variant="light" color={spec.gpu ? "violet" : "gray"} size="sm" tt="none">
                  {spec.gpu ? "GPU" : "no GPU"}
                </Badge>
                <Badge variant="light" color={spec.network ? "orange" : "gray"} size="sm" tt="none">
                  {spec.network ? "network" : "no network"}
                </Badge>
              </Group>
            </Row>
            <Row label="Spec digest">
              <CopyText value={spec.digest} display={shortDigest(spec.digest)} label="spec digest" />
            </Row>
            <Row label="Input digest">
              <CopyText value={inputDigest} display={shortDigest(inputDigest)} label="input digest" />
            </Row>
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

function Row({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={130} scope="row">
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

function Argv({ argv, fallback }: { readonly argv: readonly string[] | null; readonly fallback: string }) {
  if (argv === null) {
    return (
      <Text size="sm" c="dimmed">
        {fallback}
      </Text>
    );
  }
  return (
    <Code block style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} title={JSON.stringify(argv)}>
      {argvToShell(argv)}
    </Code>
  );
}
