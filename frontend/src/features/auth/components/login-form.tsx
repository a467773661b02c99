import { Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useState, type SubmitEvent } from "react";
import { GeneralErrors } from "@/components/form-errors";
import { NO_ERRORS, outcomeOf, type FormErrors } from "@/lib/operation-info";
import { useLogin } from "@/features/auth/api/login";

export interface SignedInUser {
  readonly id: string;
  readonly username: string;
}

interface LoginFormProps {
  readonly onSignedIn: (user: SignedInUser) => void;
}

export function LoginForm({ onSignedIn }: LoginFormProps) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [{ fetching }, login] = useLogin();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!username.trim()) missing.username = "Enter your username.";
    if (!password) missing.password = "Enter your password.";
    if (Object.keys(missing).length > 0) {
      setErrors({ fields: missing, general: [] });
      return;
    }
    const result = await login({ username: username.trim(), password });
    const outcome = outcomeOf(result.data?.login, result.error, ["username", "password"]);
    if (outcome.ok) {
      setErrors(NO_ERRORS);
      onSignedIn(outcome.value);
    } else {
      setErrors(outcome.errors);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Sign in">
      <Stack gap="md">
        <GeneralErrors messages={errors.general} />
        <TextInput
          label="Username"
          name="username"
          autoComplete="username"
          autoFocus
          value={username}
          onChange={(event) => {
            setUsername(event.currentTarget.value);
          }}
          error={errors.fields.username}
          required
        />
        <PasswordInput
          label="Password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
          }}
          error={errors.fields.password}
          required
        />
        <Button type="submit" loading={fetching} fullWidth mt="xs">
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
