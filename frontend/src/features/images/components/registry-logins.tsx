import { Button, Group, Paper, PasswordInput, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconKey, IconTrash } from "@tabler/icons-react";
import { useState, type SubmitEvent } from "react";
import { ConfirmAction } from "@/components/confirm-button";
import { GeneralErrors } from "@/components/form-errors";
import { notifyOutcome } from "@/components/notify-outcome";
import { QueryErrorState } from "@/components/states";
import { useDeleteRegistryCredential } from "@/features/images/api/delete-registry-credential";
import { useImageLimits } from "@/features/images/api/image-limits";
import { useRegistryCredentials } from "@/features/images/api/registry-credentials";
import { useSetRegistryCredential } from "@/features/images/api/set-registry-credential";
import { validateLogin } from "@/features/images/utils/validate-image";
import { formatDateTime, formatRelative } from "@/lib/format";
import { fieldProblems, NO_ERRORS, outcomeOf, type FormErrors } from "@/lib/operation-info";

const FIELDS = ["host", "username", "password"] as const;

/** The user's logins for private registries: listed by host, added, removed. */
export function RegistryLogins() {
  const [{ data, error }, refetch] = useRegistryCredentials();
  const [deleting, deleteCredential] = useDeleteRegistryCredential();
  const credentials = data?.registryCredentials ?? [];

  const remove = async (host: string) => {
    const result = await deleteCredential({ host }, { additionalTypenames: ["RegistryCredential"] });
    const outcome = outcomeOf(result.data?.deleteRegistryCredential, result.error);
    notifyOutcome(outcome, {
      success: `Login for ${host} removed.`,
      failure: `Could not remove the login for ${host}`,
    });
  };

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="registry-logins-title">
      <Stack gap="md">
        <div>
          <Title order={4} id="registry-logins-title">
            Registry logins
          </Title>
          <Text size="sm" c="dimmed">
            For pulling your images from private registries. A login is sent only to its own host; the
            password is stored encrypted and never shown again.
          </Text>
        </div>
        {error && !data ? <QueryErrorState error={error} refetch={refetch} /> : null}
        {credentials.length > 0 ? (
          <Table aria-label="Registry logins" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Host</Table.Th>
                <Table.Th>Username</Table.Th>
                <Table.Th>Added</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {credentials.map((credential) => (
                <Table.Tr key={credential.host}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {credential.host}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{credential.username}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" title={formatDateTime(credential.createdAt)}>
                      {formatRelative(credential.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group justify="flex-end">
                      <ConfirmAction
                        label={`Remove the login for ${credential.host}`}
                        message={`Forget your login for ${credential.host}? Images already pulled stay as they are.`}
                        confirmLabel="Remove"
                        icon={<IconTrash size={16} />}
                        loading={deleting.fetching && deleting.operation?.variables.host === credential.host}
                        onConfirm={() => remove(credential.host)}
                      />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : data ? (
          <Text size="sm" c="dimmed">
            No logins: images are pulled anonymously (or with this installation&apos;s own logins).
          </Text>
        ) : null}
        <AddLoginForm />
      </Stack>
    </Paper>
  );
}

function AddLoginForm() {
  const [host, setHost] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saving, save] = useSetRegistryCredential();
  const limits = useImageLimits();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    // Everything is checked at once, before sending; the server checks again.
    const problems = fieldProblems(validateLogin({ host, username, password }, limits));
    if (problems) {
      setErrors(problems);
      return;
    }
    const result = await save(
      { input: { host, username, password } },
      { additionalTypenames: ["RegistryCredential"] },
    );
    const outcome = outcomeOf(result.data?.setRegistryCredential, result.error, FIELDS);
    if (!outcome.ok) {
      setErrors(outcome.errors);
      return;
    }
    setErrors(NO_ERRORS);
    setHost("");
    setUsername("");
    setPassword("");
    notifications.show({ color: "teal", message: `Login for ${outcome.value.host} saved.` });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Add a registry login">
      <Stack gap="sm">
        <GeneralErrors messages={errors.general} />
        <Group align="flex-start" gap="sm" grow preventGrowOverflow={false}>
          <TextInput
            label="Registry host"
            placeholder="registry.example.org:5000"
            value={host}
            onChange={(event) => {
              setHost(event.currentTarget.value);
            }}
            error={errors.fields.host}
            disabled={saving.fetching}
            ff="monospace"
            required
          />
          <TextInput
            label="Username"
            value={username}
            onChange={(event) => {
              setUsername(event.currentTarget.value);
            }}
            error={errors.fields.username}
            disabled={saving.fetching}
            autoComplete="off"
            required
          />
          <PasswordInput
            label="Password or token"
            value={password}
            onChange={(event) => {
              setPassword(event.currentTarget.value);
            }}
            error={errors.fields.password}
            disabled={saving.fetching}
            autoComplete="new-password"
            required
          />
        </Group>
        <Group justify="space-between" gap="sm">
          <Text size="xs" c="dimmed">
            The host as in image references: docker.io for Docker Hub. Saving a host again replaces its login.
          </Text>
          <Button type="submit" variant="light" loading={saving.fetching} leftSection={<IconKey size={16} />}>
            Save login
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
