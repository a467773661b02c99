import { Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useInputState } from "@mantine/hooks";
import { useState, type SubmitEvent } from "react";
import { GeneralErrors } from "@/components/form-errors";
import { fieldProblems, NO_ERRORS, outcomeOf, type FormErrors } from "@/lib/operation-info";
import { useLogin } from "@/features/auth/api/login";

export interface SignedInUser {
  readonly id: string;
  readonly username: string;
}

interface LoginFormProps {
  readonly onSignedIn: (user: SignedInUser) => void;
}

export function LoginForm({ onSignedIn }: LoginFormProps) {
  const [username, setUsername] = useInputState("");
  const [password, setPassword] = useInputState("");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [{ fetching }, login] = useLogin();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const missing = fieldProblems({
      username: username.trim() ? null : "Enter your username.",
      password: password ? null : "Enter your password.",
    });
    if (missing) {
      setErrors(missing);
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
          onChange={setUsername}
          error={errors.fields.username}
          required
        />
        <PasswordInput
          label="Password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
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
