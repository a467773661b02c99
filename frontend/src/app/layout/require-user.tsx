import { Center, Container } from "@mantine/core";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { CurrentUserContext } from "@/app/current-user";
import { ErrorState, LoadingState } from "@/components/states";
import { paths } from "@/config/paths";
import { useMe } from "@/features/auth/api/me";
import { errorMessage } from "@/lib/operation-info";

/** Pages behind it need a signed-in user; others are sent to the sign-in page and back. */
export function RequireUser({ children }: { readonly children: ReactNode }) {
  const location = useLocation();
  const [{ data, error, fetching }, refetch] = useMe();
  if (error && !data) {
    return (
      <Container size="sm" py="xl">
        <ErrorState
          title="Could not reach OASIS"
          message={errorMessage(error)}
          onRetry={() => {
            refetch({ requestPolicy: "network-only" });
          }}
        />
      </Container>
    );
  }
  if (!data || (fetching && !data.me)) {
    return (
      <Center h="100vh">
        <LoadingState />
      </Center>
    );
  }
  if (!data.me) {
    return <Navigate to={paths.login(location.pathname + location.search)} replace />;
  }
  return <CurrentUserContext.Provider value={data.me}>{children}</CurrentUserContext.Provider>;
}
