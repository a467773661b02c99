import { Center, Paper, Stack, Text, Title } from "@mantine/core";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { Logo } from "@/app/layout/logo";
import { useSessionControl } from "@/app/session-control";
import { LoadingState } from "@/components/states";
import { paths } from "@/config/paths";
import { useMe } from "@/features/auth/api/me";
import { LoginForm } from "@/features/auth/components/login-form";

function safeNext(next: string | null): string {
  // Only paths on this site: never an absolute URL an attacker could put in the link.
  return next?.startsWith("/") && !next.startsWith("//") ? next : paths.tasks;
}

export function LoginRoute() {
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const navigate = useNavigate();
  const session = useSessionControl();
  const [{ data }] = useMe();

  if (data?.me) return <Navigate to={next} replace />;

  return (
    <Center
      mih="100vh"
      p="md"
      style={{
        background:
          "radial-gradient(1200px 600px at 10% -10%, var(--mantine-color-cyan-light), transparent), radial-gradient(900px 500px at 110% 110%, var(--mantine-color-teal-light), transparent)",
      }}
    >
      <Stack w="100%" maw={400} gap="lg">
        <Center>
          <Logo />
        </Center>
        <Paper withBorder shadow="md" radius="lg" p="xl">
          <Stack gap={4} mb="lg">
            <Title order={2} size="h3">
              Sign in
            </Title>
            <Text size="sm" c="dimmed">
              Run containerised algorithms on your datasets.
            </Text>
          </Stack>
          {data ? (
            <LoginForm
              onSignedIn={() => {
                session.restart();
                void navigate(next, { replace: true });
              }}
            />
          ) : (
            <LoadingState />
          )}
        </Paper>
      </Stack>
    </Center>
  );
}
