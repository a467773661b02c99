import { Alert, Button, Center, Group, Loader, Paper, Stack, Text, ThemeIcon } from "@mantine/core";
import { IconAlertTriangle, IconInbox } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { CombinedError, OperationContext } from "urql";
import { errorMessage } from "@/lib/operation-info";

export function LoadingState({ label = "Loading…" }: { readonly label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

interface ErrorStateProps {
  readonly title?: string;
  readonly message: string;
  readonly onRetry?: () => void;
}

export function ErrorState({ title = "Something went wrong", message, onRetry }: ErrorStateProps) {
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertTriangle size={18} />} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        {onRetry ? (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

interface QueryErrorStateProps {
  readonly error: CombinedError;
  /** The query's refetch; "Try again" bypasses the cache. */
  readonly refetch: (context: Partial<OperationContext>) => void;
}

/** A query that failed with nothing to show, with a "Try again" that refetches from the network. */
export function QueryErrorState({ error, refetch }: QueryErrorStateProps) {
  return (
    <ErrorState
      message={errorMessage(error)}
      onRetry={() => {
        refetch({ requestPolicy: "network-only" });
      }}
    />
  );
}

interface EmptyStateProps {
  readonly title: string;
  readonly description?: ReactNode;
  readonly action?: ReactNode;
  readonly icon?: ReactNode;
}

export function EmptyState({ title, description, action, icon }: EmptyStateProps) {
  return (
    <Paper withBorder radius="md" p="xl" style={{ borderStyle: "dashed" }}>
      <Stack align="center" gap="xs" py="md">
        <ThemeIcon size={44} radius="xl" variant="light" color="gray">
          {icon ?? <IconInbox size={24} />}
        </ThemeIcon>
        <Text fw={600}>{title}</Text>
        {description ? (
          <Text c="dimmed" size="sm" ta="center" maw={420}>
            {description}
          </Text>
        ) : null}
        {action ? <div style={{ marginTop: 8 }}>{action}</div> : null}
      </Stack>
    </Paper>
  );
}
